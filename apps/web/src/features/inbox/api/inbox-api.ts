import type { Inbox, InboxItem, InboxItemKind } from '@mitra/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '#shared/api';
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
export function inboxOf(body: unknown): Inbox {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  return {
    items: Array.isArray(record.items) ? record.items.filter(isInboxItem) : [],
    unavailable: Array.isArray(record.unavailable)
      ? record.unavailable.filter((name): name is string => typeof name === 'string')
      : [],
  };
}

/**
 * Live events refresh the inbox (`queryKeysToInvalidate`), and the page works out itself when an item
 * turns due or overdue: no polling. Except while a service did not answer: no event says when it is
 * back, so the inbox asks again now and then until it is whole.
 */
export const inboxRefetchInterval = (inbox: Inbox | undefined): number | false =>
  inbox && inbox.unavailable.length > 0 ? 60_000 : false;

export function useInbox() {
  return useQuery({
    queryKey: queryKeys.inbox,
    queryFn: async ({ signal }) => inboxOf(await api.get<unknown>('/inbox', { signal })),
    refetchInterval: (query) => inboxRefetchInterval(query.state.data),
  });
}
