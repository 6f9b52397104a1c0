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

const dayMs = 86_400_000;
// Western Indonesia Time is UTC+7 all year (no daylight saving).
const jakartaOffsetMs = 7 * 3_600_000;

/**
 * The next instant at which an urgency changes with time alone, so the page can show it without asking
 * the api: the first due date still ahead (it turns overdue), or the next midnight in Jakarta (today,
 * soon and the relative days count calendar days). Undefined when no item has a date.
 */
export function nextUrgencyChange(items: readonly InboxItem[], now: Date): Date | undefined {
  const dueTimes = items.flatMap((item) => (item.dueAt === undefined ? [] : [Date.parse(item.dueAt)]));
  const ahead = dueTimes.filter((due) => due > now.getTime());
  if (dueTimes.every(Number.isNaN)) return undefined;
  const nextMidnight =
    Math.floor((now.getTime() + jakartaOffsetMs) / dayMs) * dayMs + dayMs - jakartaOffsetMs;
  return new Date(Math.min(nextMidnight, ...ahead));
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
