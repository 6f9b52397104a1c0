import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { foldLedger } from '@mitra/domain';
import { useEffect, useMemo, useRef, useState } from 'react';
import { commandKeys } from '#shared/forms';
import { lifecycleStateKey } from '#shared/partnerships';
import { queryKeys } from '#shared/query';
import {
  fetchBalance,
  fetchFundingView,
  fetchLedgerEntries,
  fetchSummary,
  fundingKeys,
  searchOrganisations,
  sendCommand,
  type FundingCommand,
} from '../api/funding-api';

/**
 * The plan and the commitments. Another member's commitment or approval reaches an open page through
 * the live updates (#shared/live): each `funding.*` event refreshes everything under the partnership.
 */
export const useFundingView = (partnershipId: string) =>
  useQuery({
    queryKey: fundingKeys.view(partnershipId),
    queryFn: ({ signal }) => fetchFundingView(partnershipId, signal),
  });

/**
 * After this user's own command only the view is read again; the ledger, the balance and the figures
 * follow when the view shows the ledger has moved on.
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
  const [keys] = useState(commandKeys);
  return useMutation({
    mutationFn: ({ command, key }: { command: FundingCommand; key?: string }) =>
      sendCommand(partnershipId, command, key ?? keys.keyFor(command)),
    // The command is done once its entry is written; the view learns the new sequence and the rest follows.
    onSuccess: () => {
      keys.succeeded();
      void queryClient.invalidateQueries({ queryKey: fundingKeys.view(partnershipId) });
      void queryClient.invalidateQueries({ queryKey: lifecycleStateKey(partnershipId) });
    },
  });
}
