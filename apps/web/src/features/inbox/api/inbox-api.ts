import type { Inbox, InboxItem, InboxItemKind, RecentPartnership } from '@mitra/contracts';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, joinedPages, pagedOf, type Paged } from '#shared/api';
import { queryKeys } from '#shared/query';

// Written out rather than imported (the contracts' module also holds zod schemas); the Record type
// fails the build when the contracts add a kind this screen cannot name.
const knownKinds: Record<InboxItemKind, true> = {
  tasks_open: true,
  gate_approval: true,
  transfer_acceptance: true,
  inactivity_decision: true,
  report_due: true,
  report_review: true,
  disbursement_approval: true,
  signature_due: true,
  signature_pending: true,
};

export const isInboxKind = (value: unknown): value is InboxItemKind =>
  typeof value === 'string' && Object.hasOwn(knownKinds, value);

function isInboxItem(value: unknown): value is InboxItem {
  if (typeof value !== 'object' || value === null) return false;
  const item = value as Record<string, unknown>;
  return (
    isInboxKind(item.kind) &&
    typeof item.partnershipId === 'string' &&
    typeof item.partnershipName === 'string' &&
    typeof item.stage === 'string' &&
    (item.subject === undefined || typeof item.subject === 'string') &&
    (item.organisationId === undefined || typeof item.organisationId === 'string') &&
    (item.count === undefined || typeof item.count === 'number') &&
    (item.dueAt === undefined || typeof item.dueAt === 'string') &&
    typeof item.overdue === 'boolean' &&
    typeof item.link === 'string'
  );
}

/** `GET /api/v1/inbox`; items of a kind this screen does not know yet are left out rather than shown half-translated. */
export const inboxOf = (body: unknown): Inbox => pagedOf(body, isInboxItem);

/**
 * Live events refresh the inbox (`queryKeysToInvalidate`), and the page works out itself when an item
 * turns due or overdue: no polling. Except while a service did not answer: no event says when it is
 * back, so the inbox asks again now and then until it is whole.
 */
export const inboxRefetchInterval = (inbox: Paged<unknown> | undefined): number | false =>
  inbox && inbox.unavailable.length > 0 ? 60_000 : false;

const inboxPageSize = 50;

/** Pages of a paged list under `queryKey`, joined; `fetchNextPage` reads the next. */
function usePages<T>(queryKey: readonly unknown[], path: string, read: (body: unknown) => Paged<T>) {
  return useInfiniteQuery({
    queryKey,
    queryFn: async ({ signal, pageParam }) =>
      read(
        await api.get<unknown>(path, {
          query: { limit: String(inboxPageSize), ...(pageParam ? { cursor: pageParam } : {}) },
          signal,
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last: Paged<T>) => last.nextCursor,
    select: (data) => joinedPages(data.pages),
    refetchInterval: (query) => inboxRefetchInterval(query.state.data?.pages.at(-1)),
  });
}

export const useInbox = () => usePages([...queryKeys.inbox, 'items'], '/inbox', inboxOf);

/** How many items wait, for the navigation: one row is read, the total counts them all. */
export function useInboxCount(enabled: boolean) {
  return useQuery({
    queryKey: [...queryKeys.inbox, 'count'],
    queryFn: async ({ signal }) =>
      inboxOf(await api.get<unknown>('/inbox', { query: { limit: '1' }, signal })).total,
    enabled,
  });
}

function isRecentPartnership(value: unknown): value is RecentPartnership {
  if (typeof value !== 'object' || value === null) return false;
  const row = value as Record<string, unknown>;
  return (
    typeof row.partnershipId === 'string' &&
    typeof row.name === 'string' &&
    typeof row.stage === 'string' &&
    typeof row.changedAt === 'string'
  );
}

/** `GET /api/v1/inbox/recent`: the auditor's landing, partnerships by their latest change. */
export const useRecentPartnerships = () =>
  usePages([...queryKeys.inbox, 'recent'], '/inbox/recent', (body) => pagedOf(body, isRecentPartnership));
