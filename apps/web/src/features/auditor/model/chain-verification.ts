import type { ChainFinding, ChainVerification } from '@mitra/contracts';

/** intact: every record as linked and every link checkpointed; pending: nothing tampered, but links still on their way. */
export type ChainVerdict = 'intact' | 'pending' | 'tampered';

export function chainVerdict(verification: ChainVerification): ChainVerdict {
  if (!verification.intact) return 'tampered';
  const settling =
    verification.findings.length > 0 || verification.chain.checkpointed < verification.chain.length;
  return settling ? 'pending' : 'intact';
}

/** Tampering first, then the records whose link may still be on its way; in chain order within each. */
export function findingRows(verification: ChainVerification): ChainFinding[] {
  const waiting = (finding: ChainFinding) => (finding.problem === 'notYetLinked' ? 1 : 0);
  return [...verification.findings].sort((a, b) => waiting(a) - waiting(b));
}
