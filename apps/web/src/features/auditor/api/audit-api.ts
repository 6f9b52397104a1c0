import type {
  AgreementSummary,
  ChainVerification,
  LedgerEntryView,
  LedgerPage,
  LifecycleState,
  ReplayReport,
  SnapshotComparison,
  VerificationReport,
} from '@mitra/contracts';
import { api } from '#shared/api';
import { queryKeys } from '#shared/query';

/**
 * Under the partnership's prefix, so its live events refresh them. The verifications are the same
 * queries the agreement page makes, so the cache is shared (the state is #shared/partnerships').
 */
export const auditKeys = {
  agreements: (partnershipId: string) => queryKeys.partnershipPart(partnershipId, 'agreements'),
  verification: (partnershipId: string, agreementId: string, versionNumber: number) =>
    queryKeys.partnershipPart(
      partnershipId,
      'agreements',
      agreementId,
      'verification',
      String(versionNumber),
    ),
  ledger: (partnershipId: string) => queryKeys.partnershipPart(partnershipId, 'funding-ledger'),
  cycles: (partnershipId: string) => queryKeys.partnershipPart(partnershipId, 'cycles'),
};

/** Every cycle of the partnership, oldest first, folded from its workflow history. */
export const fetchCycles = (partnershipId: string, signal?: AbortSignal) =>
  api.get<LifecycleState[]>(`/audit/partnerships/${encodeURIComponent(partnershipId)}/cycles`, { signal });

export const fetchAgreements = (partnershipId: string, signal?: AbortSignal) =>
  api.get<AgreementSummary[]>('/agreements', { query: { partnershipId, limit: 100 }, signal });

export const fetchVerification = (agreementId: string, versionNumber: number, signal?: AbortSignal) =>
  api.get<VerificationReport>(
    `/agreements/${encodeURIComponent(agreementId)}/versions/${versionNumber}/verification`,
    { signal },
  );

/** The whole ledger, page after page, in sequence order. */
export async function fetchLedger(partnershipId: string, signal?: AbortSignal): Promise<LedgerEntryView[]> {
  const entries: LedgerEntryView[] = [];
  let after: number | null = 0;
  while (after !== null) {
    const page: LedgerPage = await api.get<LedgerPage>(
      `/partnerships/${encodeURIComponent(partnershipId)}/funding/ledger`,
      {
        query: { after, limit: 500 },
        signal,
      },
    );
    entries.push(...page.entries);
    after = page.nextAfter;
  }
  return entries;
}

export const fetchReplay = (partnershipId: string) =>
  api.get<ReplayReport>(`/audit/partnerships/${encodeURIComponent(partnershipId)}/replay`);

export const fetchComparison = (partnershipId: string, from: string, to: string, signal?: AbortSignal) =>
  api.get<SnapshotComparison>(`/audit/partnerships/${encodeURIComponent(partnershipId)}/compare`, {
    query: { from, to },
    signal,
  });

export const fetchChainVerification = (partnershipId: string) =>
  api.get<ChainVerification>(`/audit/partnerships/${encodeURIComponent(partnershipId)}/verify`);
