import {
  type Actor,
  type ChainCheckpoint,
  type ChainLink,
  type ChainState,
  type ChainVerification,
  type Divergence,
  type StoredRecordDigest,
  AgreementsContracts,
  FundingContracts,
} from '@mitra/contracts';
import { brokenCheckpoint, chainOfHistory, signatureRecordHash, signatureRecordId, verifyChain } from '@mitra/domain';
import type { ServiceClient } from '../nats/service-client';
import { chainCheckpoints, partnershipSteps, type PartnershipHistory } from './history-steps';

export interface PartnershipChain {
  chain: ChainState;
  links: ChainLink[];
  checkpoints: ChainCheckpoint[];
}

/** Rebuilt chains by the history they were rebuilt from: a replay's report and verify both need one. */
const rebuiltChains = new WeakMap<PartnershipHistory, PartnershipChain>();

/** The chain rebuilt from every run's history, and the heads the history checkpointed (read, never changed, by its users). */
export function partnershipChain(history: PartnershipHistory): PartnershipChain {
  let rebuilt = rebuiltChains.get(history);
  if (!rebuilt) {
    const { chain, links } = chainOfHistory(history.partnershipId, partnershipSteps(history));
    rebuilt = { chain, links, checkpoints: history.runs.flatMap((run) => chainCheckpoints(run.runId, run.history)) };
    rebuiltChains.set(history, rebuilt);
  }
  return rebuilt;
}

/** The first checkpoint the history no longer reproduces, as a replay divergence. */
export function chainDivergences(history: PartnershipHistory, { chain, links, checkpoints }: PartnershipChain = partnershipChain(history)): Divergence[] {
  const broken = brokenCheckpoint(chain.partnershipId, links, checkpoints);
  if (!broken) return [];
  const { checkpoint, recomputed } = broken;
  return [
    {
      runId: checkpoint.runId,
      eventId: checkpoint.eventId,
      kind: 'chain',
      at: checkpoint.at,
      recorded: `chain head ${checkpoint.head} after ${checkpoint.length} link(s)`,
      today: recomputed ? `chain head ${recomputed}` : `only ${links.length} link(s)`,
    },
  ];
}

async function signatureDigests(services: ServiceClient, actor: Actor, partnershipId: string): Promise<StoredRecordDigest[]> {
  const summaries = await services.send(AgreementsContracts.ListAgreements, { actor, partnershipId, limit: 100 });
  const agreements = await Promise.all(summaries.map((summary) => services.send(AgreementsContracts.GetAgreement, { actor, id: summary.id })));
  return agreements.flatMap((agreement) =>
    agreement.rounds.flatMap((round) =>
      round.signatures.map((signature) => ({
        kind: 'signature' as const,
        recordId: signatureRecordId(agreement.id, round.number, signature.organisationId),
        recordHash: signatureRecordHash({ agreementId: agreement.id, versionNumber: round.versionNumber, roundNumber: round.number, signature }),
        at: signature.signedAt,
      })),
    ),
  );
}

/** The partnership's ledger entries and signatures as the services store them now, read as `actor`. */
export async function readChainRecords(services: ServiceClient, actor: Actor, partnershipId: string): Promise<StoredRecordDigest[]> {
  const [ledger, signatures] = await Promise.all([
    services.send(FundingContracts.ListLedgerRecords, { actor, partnershipId }),
    signatureDigests(services, actor, partnershipId),
  ]);
  return [...ledger, ...signatures];
}

export function verifyPartnershipChain(history: PartnershipHistory, records: readonly StoredRecordDigest[], now = new Date().toISOString()): ChainVerification {
  const rebuilt = partnershipChain(history);
  return verifyChain({ partnershipId: rebuilt.chain.partnershipId, ...rebuilt, records, now });
}
