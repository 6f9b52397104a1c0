import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { agreementEventType, type Actor } from '@mitra/contracts';
import type { AgreementEventDraft, AgreementState } from '@mitra/domain';
import { EventPublisher, OutboxRelay } from '@mitra/platform';
import type { OutboxEvent } from './agreement.schema';
import { AgreementsRepository } from './agreements.repository';

/** The domain event for a draft the rules raised; its id is stable, so a republish is stored once. */
export function toOutboxEvent(
  state: AgreementState,
  draft: AgreementEventDraft,
  actor: Actor | undefined,
  now: string,
): OutboxEvent {
  const organisationIds = [
    ...new Set(
      state.versions.flatMap((version) =>
        version.content.fields.parties.map((party) => party.organisationId),
      ),
    ),
  ];
  return {
    eventId: `agreements:${state.id}:${draft.key}`,
    type: agreementEventType(state.kind, draft.name),
    occurredAt: now,
    ...(actor ? { actor } : {}),
    partnershipId: state.partnershipId,
    organisationIds,
    data: draft.data,
  };
}

/**
 * Publishes each revision's events (kept in the revision) in revision order and marks the revision
 * published, through the platform's one relay: after each command for its agreement, and at start-up
 * and every 30 s for what a crash or a NATS outage left pending.
 */
@Injectable()
export class AgreementEvents implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AgreementEvents.name);
  private readonly relay: OutboxRelay;

  constructor(agreements: AgreementsRepository, publisher: EventPublisher) {
    this.relay = new OutboxRelay(agreements.store, publisher, this.logger);
  }

  /** Best effort after a command, without holding up its reply: what fails stays pending for the sweep. */
  flushSoon(agreementId: string): void {
    void this.relay.flushQuietly(agreementId);
  }

  /** Publishes the agreement's pending events now; false when some stay pending. */
  flush(agreementId: string): Promise<boolean> {
    return this.relay.flush(agreementId);
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}
