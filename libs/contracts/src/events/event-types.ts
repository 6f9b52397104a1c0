import { agreementEventNames } from '../agreements/events';
import { agreementKinds } from '../agreements/fields';
import { FundingEventType } from '../funding/subjects';
import { MonitoringEventType } from '../monitoring/subjects';
import { organisationEventTypes } from '../stakeholders/organisation';
import { stakeholderMapEventTypes } from '../stakeholders/stakeholder-map';
import { toFieldErrors } from '../common/validation';
import { domainEventSchema, type DomainEvent } from './domain-event';
import {
  decisionRecordedEventType,
  eventRecordedEventType,
  inboxUpdatedEventType,
  lifecycleNotificationTypes,
} from './lifecycle-event-types';

/**
 * Every event type anyone may publish into `events.>`. A type missing here is refused at publish
 * (`EventPublisher`, the worker's notifications): an event nobody declared is a bug, not a message.
 */
export const declaredEventTypes: ReadonlySet<string> = new Set<string>([
  ...lifecycleNotificationTypes,
  decisionRecordedEventType,
  eventRecordedEventType,
  inboxUpdatedEventType,
  ...Object.values(MonitoringEventType),
  ...Object.values(FundingEventType),
  ...Object.values(stakeholderMapEventTypes),
  ...Object.values(organisationEventTypes),
  ...agreementKinds.flatMap((kind) => agreementEventNames.map((name) => `agreements.${kind}.${name}`)),
]);

export const isDeclaredEventType = (type: string): boolean => declaredEventTypes.has(type);

/**
 * The event as it may be published: well-formed and of a declared type. Throws naming what is
 * wrong, so a publisher fails loudly (and its outbox keeps the event) instead of a consumer
 * dropping it unseen.
 */
export class UnpublishableEventError extends Error {
  override readonly name = 'UnpublishableEventError';
}

export function publishableEvent(event: DomainEvent): DomainEvent {
  const parsed = domainEventSchema.safeParse(event);
  if (!parsed.success) {
    const reasons = toFieldErrors(parsed.error).map((error) => `${error.field} ${error.reason}`);
    throw new UnpublishableEventError(`event ${String(event.eventId)} is malformed: ${reasons.join('; ')}`);
  }
  if (!isDeclaredEventType(parsed.data.type)) {
    throw new UnpublishableEventError(
      `event ${parsed.data.eventId} has type "${parsed.data.type}", which libs/contracts/src/events does not declare`,
    );
  }
  return parsed.data;
}
