import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { agreementEventType, type Actor } from '@mitra/contracts';
import type { AgreementEventDraft, AgreementState } from '@mitra/domain';
import { EventPublisher, PerKeySerialRunner, startPendingEventSweep, type PendingEventSweep } from '@mitra/platform';
import type { OutboxEvent } from './agreement.schema';
import { AgreementsRepository } from './agreements.repository';

/** The domain event for a draft the rules raised; its id is stable, so a republish is stored once. */
export function toOutboxEvent(state: AgreementState, draft: AgreementEventDraft, actor: Actor | undefined, now: string): OutboxEvent {
  const organisationIds = [...new Set(state.versions.flatMap((version) => version.content.fields.parties.map((party) => party.organisationId)))];
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

const recentlyMs = 10 * 60_000;

/**
 * Publishes each revision's events to JetStream in revision order and marks the revision published.
 * At start-up, and then now and again, it also publishes what a crash or a NATS outage left pending.
 */
@Injectable()
export class AgreementEvents implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AgreementEvents.name);
  private sweep?: PendingEventSweep;
  private readonly serial = new PerKeySerialRunner();

  constructor(
    private readonly agreements: AgreementsRepository,
    private readonly publisher: EventPublisher,
  ) {}

  /** One flush per agreement at a time in this process, so its events leave in order. */
  flush(agreementId: string): Promise<void> {
    return this.serial.run(agreementId, () => this.publishPending(agreementId));
  }

  private async publishPending(agreementId: string): Promise<void> {
    const latest = await this.agreements.load(agreementId);
    if (!latest) return;
    // Published revisions are a prefix of the chain: walk back to the last one published.
    const pending: { revision: number; events: OutboxEvent[] }[] = [];
    for (let revision = latest.revision; revision >= 1; revision--) {
      const stored = await this.agreements.loadRevisionOutbox(agreementId, revision);
      if (!stored || stored.eventsPublished) break;
      pending.unshift({ revision, events: stored.outbox });
    }
    for (const { revision, events } of pending) {
      const published = await this.publisher.publishAll(events);
      if (published.length < events.length) return; // the rest stays pending for the next sweep
      await this.agreements.markPublished(agreementId, revision);
    }
    if ((await this.agreements.load(agreementId))?.revision === latest.revision) await this.agreements.markHeadPublished(agreementId);
  }

  /** Best effort after a command: what fails stays pending for the next sweep. */
  flushSoon(agreementId: string): void {
    this.flush(agreementId).catch((error: unknown) => this.logger.warn(`events of ${agreementId} stay pending: ${String(error)}`));
  }

  async flushAllPending(): Promise<void> {
    const since = new Date(Date.now() - recentlyMs).toISOString();
    for (const id of await this.agreements.idsToRepublish(since)) await this.flush(id);
  }

  onApplicationBootstrap(): void {
    this.sweep = startPendingEventSweep(() => this.flushAllPending(), this.logger);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sweep?.stop();
  }
}
