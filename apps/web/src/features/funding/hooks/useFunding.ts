import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { foldLedger } from '@mitra/domain';
import { useEffect, useMemo, useRef, useState } from 'react';
import { newIdempotencyKey } from '#shared/api';
import { queryKeys } from '#shared/query';
import {
  fetchBalance,
  fetchFundingView,
  fetchLedgerEntries,
  fetchLifecycleState,
  fetchOrganisation,
  fetchSummary,
  fundingKeys,
  searchOrganisations,
  sendCommand,
  type FundingCommand,
} from '../api/funding-api';

/**
 * How often an open funding tab asks for the ledger's latest sequence number. The shell's live updates
 * (#shared/live) do not listen to `funding.*` events yet, so another member's commitment or approval
 * reaches an open page only this way; once they do, this polling can go.
 */
export const fundingRefreshMs = 5_000;

/** The plan and the commitments, read again every few seconds while the page is in view. */
export const useFundingView = (partnershipId: string) =>
  useQuery({
    queryKey: fundingKeys.view(partnershipId),
    queryFn: ({ signal }) => fetchFundingView(partnershipId, signal),
    refetchInterval: fundingRefreshMs,
  });

/**
 * The ledger, the balance and the figures are read again only when the ledger has moved on: one small
 * read every few seconds instead of all of them.
 */
export function useFundingFollowsLedger(partnershipId: string, sequence: number | undefined): void {
  const queryClient = useQueryClient();
  const seen = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (sequence === undefined) return;
    if (seen.current !== undefined && seen.current !== sequence) {
      const view = fundingKeys.view(partnershipId).at(-1);
      void queryClient.invalidateQueries({
        queryKey: fundingKeys.all(partnershipId),
        predicate: (query) => query.queryKey.at(-1) !== view,
      });
    }
    seen.current = sequence;
  }, [partnershipId, queryClient, sequence]);
}

export const useLedgerEntries = (partnershipId: string) =>
  useQuery({
    queryKey: fundingKeys.entries(partnershipId),
    queryFn: ({ signal }) => fetchLedgerEntries(partnershipId, signal),
  });

/** The ledger folded by the same rules as the service's, to tell what each user may do next. */
export function useFundingState(partnershipId: string) {
  const ledger = useLedgerEntries(partnershipId);
  const state = useMemo(
    () => (ledger.data ? foldLedger(partnershipId, ledger.data) : undefined),
    [ledger.data, partnershipId],
  );
  return { ...ledger, state };
}

export const useBalance = (partnershipId: string) =>
  useQuery({
    queryKey: fundingKeys.balance(partnershipId),
    queryFn: ({ signal }) => fetchBalance(partnershipId, signal),
  });

export const useSummary = (partnershipId: string) =>
  useQuery({
    queryKey: fundingKeys.figures(partnershipId),
    queryFn: ({ signal }) => fetchSummary(partnershipId, signal),
  });

/**
 * The partnership's lifecycle state. Once the plan has commitments, it is read again until the
 * lifecycle has taken the `funding.plan.committed` event in (the Formation gate's precondition).
 */
export const usePartnershipState = (partnershipId: string, committed: boolean) =>
  useQuery({
    queryKey: fundingKeys.state(partnershipId),
    queryFn: ({ signal }) => fetchLifecycleState(partnershipId, signal),
    refetchInterval: (query) =>
      committed && query.state.data?.facts.fundingCommitted === false ? fundingRefreshMs : false,
  });

/** Organisation names by id, for lists and choices; an id stands in while its name loads (or is not readable). */
export function useOrganisationNames(organisationIds: readonly string[]): (organisationId: string) => string {
  const unique = [...new Set(organisationIds)];
  const results = useQueries({
    queries: unique.map((organisationId) => ({
      queryKey: queryKeys.organisation(organisationId),
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchOrganisation(organisationId, signal),
      staleTime: 5 * 60_000,
      retry: false,
    })),
  });
  const names = new Map(unique.map((id, index) => [id, results[index]?.data?.name]));
  return (organisationId) => names.get(organisationId) ?? organisationId;
}

/** Registered organisations with a word of their name beginning with each word of the text (from 3 characters on). */
export const useOrganisationSearch = (name: string) =>
  useQuery({
    queryKey: [...queryKeys.organisations, 'search', name],
    queryFn: ({ signal }) => searchOrganisations(name, signal),
    enabled: name.trim().length >= 3,
    staleTime: 60_000,
  });

/**
 * A ledger command with its idempotency key: a retry of the same submission (a lost answer) is the
 * same command, and each success starts a new one. A caller may name the key itself when the command
 * is by nature one per user (an approval).
 */
export function useFundingCommand(partnershipId: string) {
  const queryClient = useQueryClient();
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  return useMutation({
    mutationFn: ({ command, key }: { command: FundingCommand; key?: string }) =>
      sendCommand(partnershipId, command, key ?? idempotencyKey),
    // The command is done once its entry is written; the view learns the new sequence and the rest follows.
    onSuccess: () => {
      setIdempotencyKey(newIdempotencyKey());
      void queryClient.invalidateQueries({ queryKey: fundingKeys.view(partnershipId) });
      void queryClient.invalidateQueries({ queryKey: fundingKeys.state(partnershipId) });
    },
  });
}
