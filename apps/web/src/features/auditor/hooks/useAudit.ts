import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { AgreementSummary, LifecycleState } from '@mitra/contracts';
import { auditKeys, fetchAgreements, fetchCycles, fetchLedger, fetchVerification } from '../api/audit-api';

/**
 * The decisions of every cycle: the cycles a renewal closed, from the history, and the current one as
 * the live state shows it.
 */
export function useAllCycles(partnershipId: string, current: LifecycleState | undefined): LifecycleState[] {
  const cycles = useQuery({
    queryKey: auditKeys.cycles(partnershipId),
    queryFn: ({ signal }) => fetchCycles(partnershipId, signal),
    enabled: current !== undefined && current.cycle > 1,
  });
  return useMemo(
    () => (current ? [...(cycles.data ?? []).filter((cycle) => cycle.cycle < current.cycle), current] : []),
    [cycles.data, current],
  );
}

export const usePartnershipAgreements = (partnershipId: string) =>
  useQuery({
    queryKey: auditKeys.agreements(partnershipId),
    queryFn: ({ signal }) => fetchAgreements(partnershipId, signal),
  });

export const useLedger = (partnershipId: string) =>
  useQuery({
    queryKey: auditKeys.ledger(partnershipId),
    queryFn: ({ signal }) => fetchLedger(partnershipId, signal),
  });

/** Every version of an agreement, each verified again by the agreements service. */
export function useVersionVerifications(agreement: AgreementSummary) {
  const versions = Array.from({ length: agreement.latestVersion }, (_, index) => index + 1);
  return useQueries({
    queries: versions.map((versionNumber) => ({
      queryKey: auditKeys.verification(agreement.partnershipId, agreement.id, versionNumber),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        fetchVerification(agreement.id, versionNumber, signal),
    })),
  });
}
