import type {
  AgreementEventName,
  AgreementKind,
  FundingEventType,
  LifecycleNotification,
  decisionRecordedEventType,
  eventRecordedEventType,
  inboxUpdatedEventType,
  MonitoringEventType,
  stakeholderMapEventTypes,
} from '@mitra/contracts';
import { queryKeys } from '#shared/query';

type LiveEventType =
  | LifecycleNotification['type']
  | typeof decisionRecordedEventType
  | typeof eventRecordedEventType
  | typeof inboxUpdatedEventType
  | `${MonitoringEventType}`
  | `${FundingEventType}`
  | (typeof stakeholderMapEventTypes)[keyof typeof stakeholderMapEventTypes]
  | `agreements.${AgreementKind}.${AgreementEventName}`;

// Written out rather than built from the contracts' values, which would pull their zod schemas into
// the bundle; the Record type fails the build when the contracts add an event this list lacks.
const listenedTo: Record<LiveEventType, true> = {
  'lifecycle.stage.entered': true,
  'lifecycle.decision.recorded': true,
  'lifecycle.event.recorded': true,
  'lifecycle.inbox.updated': true,
  'lifecycle.approval.reminded': true,
  'lifecycle.approval.escalated': true,
  'lifecycle.report.opened': true,
  'lifecycle.report.chased': true,
  'lifecycle.partnership.inactive': true,
  'lifecycle.partner.added': true,
  'lifecycle.partner.withdrawn': true,
  'lifecycle.partnership.closed': true,
  'lifecycle.partnership.transferred': true,
  'lifecycle.partnership.renewed': true,
  'lifecycle.mou.amendment_opened': true,
  'lifecycle.mou.amendment_refused': true,
  'lifecycle.mou.amendment_queued': true,
  'monitoring.targets.chosen': true,
  'monitoring.baseline.fixed': true,
  'monitoring.report.submitted': true,
  'monitoring.report.approved': true,
  'monitoring.report.returned': true,
  'monitoring.evaluation.opened': true,
  'monitoring.evaluation.assessed': true,
  'monitoring.evaluation.completed': true,
  'funding.plan.set': true,
  'funding.plan.committed': true,
  'funding.commitment.recorded': true,
  'funding.receipt.recorded': true,
  'funding.disbursement.requested': true,
  'funding.disbursement.approved': true,
  'funding.disbursement.paid': true,
  'funding.expenditure.recorded': true,
  'funding.entry.reversed': true,
  'funding.tranche.released': true,
  'funding.ledger.appended': true,
  'stakeholders.map.updated': true,
  'stakeholders.map.checked': true,
  'agreements.mou.opened': true,
  'agreements.mou.signed': true,
  'agreements.mou.declined': true,
  'agreements.mou.effective': true,
  'agreements.mou.amended': true,
  'agreements.mou.expired': true,
  'agreements.mou.reminded': true,
  'agreements.mou.cancelled': true,
  'agreements.mou.queued': true,
  'agreements.pks.opened': true,
  'agreements.pks.signed': true,
  'agreements.pks.declined': true,
  'agreements.pks.effective': true,
  'agreements.pks.amended': true,
  'agreements.pks.expired': true,
  'agreements.pks.reminded': true,
  'agreements.pks.cancelled': true,
  'agreements.pks.queued': true,
};

/**
 * The stream names each message after its event type (`event: monitoring.report.approved`), and an
 * EventSource only hands named messages to listeners of that name: these are the names listened to.
 * Unnamed messages arrive as `message` and are handled too.
 */
export const liveEventTypes: readonly string[] = Object.keys(listenedTo);

/** What a live message carries that matters here; the rest of the DomainEvent is not read. */
export interface LiveEvent {
  type: string;
  partnershipId?: string;
}

export function parseLiveEvent(eventName: string, data: string): LiveEvent | undefined {
  try {
    const body = JSON.parse(data) as Record<string, unknown>;
    if (typeof body !== 'object' || body === null) return undefined;
    const type = typeof body.type === 'string' ? body.type : eventName;
    const partnershipId =
      typeof body.partnershipId === 'string' && body.partnershipId ? body.partnershipId : undefined;
    return { type, partnershipId };
  } catch {
    return undefined;
  }
}

/** The cached queries an event makes stale (as key prefixes). */
export function queryKeysToInvalidate(event: LiveEvent): (readonly unknown[])[] {
  // The inbox projection has the partnership's latest event: only what it serves is stale.
  if (event.type === 'lifecycle.inbox.updated') return [queryKeys.inbox, queryKeys.partnershipList()];
  const keys: (readonly unknown[])[] = [queryKeys.inbox];
  if (event.partnershipId) {
    keys.push(queryKeys.partnership(event.partnershipId), queryKeys.partnershipList());
  } else {
    keys.push(queryKeys.partnerships);
  }
  const [service, entity] = event.type.split('.');
  if (service === 'monitoring') keys.push(queryKeys.sdg);
  if (service === 'stakeholders' && entity === 'organisation') keys.push(queryKeys.organisations);
  return keys;
}
