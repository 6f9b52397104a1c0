import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import {
  EventPublisher,
  PerKeySerialRunner,
  startPendingEventSweep,
  type PendingEventSweep,
} from '@mitra/platform';
import { LedgerRepository } from './ledger.repository';

/**
 * Publishes each entry's events in ledger order and then drops its marker. At start-up, and now and
 * again, it republishes what a crash or a NATS outage left pending (JetStream de-duplicates on the
 * event id).
 */
@Injectable()
export class LedgerEvents implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LedgerEvents.name);
  private sweep?: PendingEventSweep;
  private readonly serial = new PerKeySerialRunner();

  constructor(
    private readonly ledger: LedgerRepository,
    private readonly publisher: EventPublisher,
  ) {}

  /** One flush per partnership at a time in this process, so its events leave in order. */
  flush(partnershipId: string): Promise<void> {
    return this.serial.run(partnershipId, () => this.publishPending(partnershipId));
  }

  private async publishPending(partnershipId: string): Promise<void> {
    for (const marker of await this.ledger.pendingOf(partnershipId)) {
      const stored = await this.ledger.outboxOf(marker);
      // Nothing is written after a sequence that is still being written: wait for it.
      if (stored === 'in-flight') return;
      if (stored === 'abandoned') {
        await this.ledger.dropMarker(marker);
        continue;
      }
      if (!stored.eventsPublished) {
        const published = await this.publisher.publishAll(stored.outbox);
        if (published.length < stored.outbox.length) return;
      }
      await this.ledger.markPublished(marker);
    }
  }

  async flushAllPending(): Promise<void> {
    for (const id of await this.ledger.partnershipsWithPendingEvents()) await this.flush(id);
  }

  onApplicationBootstrap(): void {
    this.sweep = startPendingEventSweep(() => this.flushAllPending(), this.logger);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sweep?.stop();
  }
}
