import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EventPublisher, PerKeySerialRunner, startPendingEventSweep, type PendingEventSweep } from '@mitra/platform';
import { PlansRepository } from './plans.repository';

/**
 * Publishes each revision's events in revision order and marks the revision published. At start-up,
 * and then now and again, it republishes what a crash or a NATS outage left pending (JetStream
 * de-duplicates on the event id).
 */
@Injectable()
export class PlanEvents implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PlanEvents.name);
  private sweep?: PendingEventSweep;
  private readonly serial = new PerKeySerialRunner();

  constructor(
    private readonly plans: PlansRepository,
    private readonly publisher: EventPublisher,
  ) {}

  /** One flush per partnership at a time in this process, so its events leave in order. */
  flush(partnershipId: string): Promise<void> {
    return this.serial.run(partnershipId, () => this.publishPending(partnershipId));
  }

  private async publishPending(partnershipId: string): Promise<void> {
    const latest = await this.plans.load(partnershipId);
    const pending: { revision: number; events: Awaited<ReturnType<PlansRepository['loadOutbox']>> }[] = [];
    for (let revision = latest.revision; revision >= 1; revision--) {
      const stored = await this.plans.loadOutbox(partnershipId, revision);
      if (!stored) break;
      if (!stored.eventsPublished) pending.unshift({ revision, events: stored });
      else if (stored.outbox.length > 0) break; // published revisions with events are a prefix of the chain
    }
    for (const { revision, events } of pending) {
      const outbox = events?.outbox ?? [];
      const published = await this.publisher.publishAll(outbox);
      if (published.length < outbox.length) return;
      await this.plans.markPublished(partnershipId, revision);
    }
  }

  async flushAllPending(): Promise<void> {
    for (const id of await this.plans.withPendingEvents()) await this.flush(id);
  }

  onApplicationBootstrap(): void {
    this.sweep = startPendingEventSweep(() => this.flushAllPending(), this.logger);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sweep?.stop();
  }
}
