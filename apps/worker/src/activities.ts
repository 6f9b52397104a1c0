import type { JetStreamClient } from 'nats';
import {
  ErrorCode,
  MitraError,
  type DomainEvent,
  type LifecycleActivities,
  AgreementsContracts,
} from '@mitra/contracts';
import { publishEvent, type ServiceClient } from '@mitra/platform';

/** Errors that a retry may cure (an unknown outcome too: the retry carries the same idempotency key); any other answer of a service is its considered refusal. */
const transient = new Set<ErrorCode>([
  ErrorCode.ServiceUnavailable,
  ErrorCode.OutcomeUnknown,
  ErrorCode.Internal,
]);

function reasonOf(error: MitraError): string {
  return [
    error.message,
    ...(error.errors ?? []).map((fieldError) => `${fieldError.field} ${fieldError.reason}`),
  ].join(' ');
}

export function createActivities(deps: {
  jetstream: JetStreamClient;
  services: Pick<ServiceClient, 'send'>;
}): LifecycleActivities {
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
        const receipt = await deps.services.send(AgreementsContracts.AmendMembership, amendment);
        return receipt.outcome === 'queued'
          ? { queuedBehindRound: receipt.behindRound }
          : { versionNumber: receipt.version.number };
      } catch (error) {
        if (error instanceof MitraError && !transient.has(error.code)) return { refused: reasonOf(error) };
        throw error;
      }
    },
  };
}
