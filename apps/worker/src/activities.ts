import { JSONCodec, type JetStreamClient } from 'nats';
import { eventSubject, type DomainEvent, type LifecycleActivities } from '@mitra/contracts';

const json = JSONCodec<DomainEvent>();

export function createActivities(deps: { jetstream: JetStreamClient }): LifecycleActivities {
  return {
    /** Durable notifications; the event id doubles as JetStream message id, so a retry stores each once. */
    async publishNotifications(notifications) {
      for (const notification of notifications) {
        const event: DomainEvent = {
          eventId: notification.eventId,
          type: notification.type,
          occurredAt: notification.at,
          partnershipId: notification.partnershipId,
          organisationIds: [],
          data: notification.data,
        };
        await deps.jetstream.publish(eventSubject(event.type), json.encode(event), { msgID: event.eventId });
      }
    },
  };
}
