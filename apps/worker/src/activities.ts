import type { JetStreamClient } from 'nats';
import {
  AgreementsSubject,
  ErrorCode,
  MitraError,
  type AmendmentReceipt,
  type DomainEvent,
  type LifecycleActivities,
} from '@mitra/contracts';
import { publishEvent, type ServiceClient } from '@mitra/platform';

/** Errors that a retry may cure; any other answer of a service is its considered refusal. */
const transient = new Set<ErrorCode>([ErrorCode.ServiceUnavailable, ErrorCode.Internal]);

function reasonOf(error: MitraError): string {
  return [error.message, ...(error.errors ?? []).map((fieldError) => `${fieldError.field} ${fieldError.reason}`)].join(' ');
}

export function createActivities(deps: { jetstream: JetStreamClient; services: Pick<ServiceClient, 'request'> }): LifecycleActivities {
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
        await publishEvent(deps.jetstream, event);
      }
    },

    /** The agreements service keeps the idempotency key, so a retry after a lost reply amends once. */
    async amendMouMembership(amendment) {
      try {
        const receipt = await deps.services.request<AmendmentReceipt>(AgreementsSubject.AmendMembership, amendment);
        return { versionNumber: receipt.version.number };
      } catch (error) {
        if (error instanceof MitraError && !transient.has(error.code)) return { refused: reasonOf(error) };
        throw error;
      }
    },
  };
}
