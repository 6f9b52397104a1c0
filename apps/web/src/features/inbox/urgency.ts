import type { InboxItem } from '@mitra/contracts';
import { byUrgency } from '@mitra/domain';
import { safeReturnPath } from '#shared/auth';
import { jakartaDaysUntil } from '#shared/format';

export const urgencies = ['overdue', 'today', 'soon', 'later'] as const;
export type Urgency = (typeof urgencies)[number];

/** Within this many days an item counts as due soon. */
export const soonDays = 3;

/** How urgent an item is; one with no deadline (or an unreadable one) counts as later. */
export function urgencyOf(item: InboxItem, now: Date): Urgency {
  if (item.dueAt === undefined) return 'later';
  const due = Date.parse(item.dueAt);
  if (Number.isNaN(due)) return 'later';
  if (item.overdue || due < now.getTime()) return 'overdue';
  const days = jakartaDaysUntil(item.dueAt, now);
  if (days <= 0) return 'today';
  return days <= soonDays ? 'soon' : 'later';
}

export interface InboxRow {
  item: InboxItem;
  urgency: Urgency;
}

/**
 * The inbox as shown: most urgent first by the rule the api sorts with (`byUrgency`: earliest due,
 * so overdue at the top, undated last), each item with its urgency counted in Jakarta days. Sorted again here
 * because live updates and refetches must not depend on the order an answer arrived in.
 */
export function inboxRows(items: readonly InboxItem[], now: Date): InboxRow[] {
  return byUrgency([...items]).map((item) => ({ item, urgency: urgencyOf(item, now) }));
}

export function countByUrgency(rows: readonly InboxRow[]): Record<Urgency, number> {
  const counts: Record<Urgency, number> = { overdue: 0, today: 0, soon: 0, later: 0 };
  for (const row of rows) counts[row.urgency] += 1;
  return counts;
}

/** The item's page in the web app; the partnership's page when the link is not one (or points at the api). */
export function webLinkOf(item: InboxItem): string {
  const link = safeReturnPath(item.link);
  return link && !link.startsWith('/api/') ? link : `/partnerships/${encodeURIComponent(item.partnershipId)}`;
}
