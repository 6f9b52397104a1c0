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

/** At start-up the sweep looks this far back; after that, back to a while before the previous sweep began. */
const recentlyMs = 10 * 60_000;
const sweepOverlapMs = 60_000;

/**
 * Publishes each revision's events to JetStream in revision order and marks the revision published.
 * At start-up, and then now and again, it also publishes what a crash or a NATS outage left pending.
 */
@Injectable()
export class AgreementEvents implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AgreementEvents.name);
  private sweep?: PendingEventSweep;
  private readonly serial = new PerKeySerialRunner();
  private lastSweepStartedAt?: number;

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
    // The sweep visits every recently written agreement: one that has nothing pending costs one more read, not a write.
    if (pending.length === 0 && !(await this.agreements.headEventsPending(agreementId))) return;
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

  /**
   * Flushes every agreement whose head says events are pending, and every one written since shortly
   * before the previous sweep (a racing head write may have lost the flag). Each of those costs two
   * reads by `_id` when nothing is pending, so a sweep stays cheap however many agreements are busy.
   */
  async flushAllPending(): Promise<void> {
    const startedAt = Date.now();
    const since = new Date((this.lastSweepStartedAt ?? startedAt - recentlyMs) - sweepOverlapMs).toISOString();
    for (const head of await this.agreements.headsToRepublish(since)) {
      if (!head.eventsPending && (await this.agreements.publishedUpTo(head._id, head.revision))) continue;
      await this.flush(head._id);
    }
    this.lastSweepStartedAt = startedAt;
  }

  onApplicationBootstrap(): void {
    this.sweep = startPendingEventSweep(() => this.flushAllPending(), this.logger);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sweep?.stop();
  }
}
