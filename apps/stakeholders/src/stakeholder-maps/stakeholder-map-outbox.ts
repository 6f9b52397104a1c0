import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EventPublisher, startPendingEventSweep, type PendingEventSweep } from '@mitra/platform';
import { StakeholderMapsRepository } from './stakeholder-maps.repository';

/** How often events that could not be published right after their write are tried again. */
const sweepIntervalMs = 15_000;

/**
 * Publishes the events that map writes left in their documents. Each write flushes its own map at
 * once; a sweep retries whatever a crash or an unreachable NATS left pending. JetStream drops a
 * republished event by its id, so publishing twice is harmless.
 */
@Injectable()
export class StakeholderMapOutbox implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StakeholderMapOutbox.name);
  private sweep?: PendingEventSweep;

  constructor(
    private readonly maps: StakeholderMapsRepository,
    private readonly publisher: EventPublisher,
  ) {}

  onApplicationBootstrap(): void {
    this.sweep = startPendingEventSweep(() => this.publishAllPending(), this.logger, sweepIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sweep?.stop();
  }

  /** Publishes the pending events of one map; failures stay pending for the sweep. */
  async flush(partnershipId: string): Promise<void> {
    try {
      for (const pending of await this.maps.pendingEvents(partnershipId)) {
        await this.maps.markPublished(pending.id, await this.publisher.publishAll(pending.events));
      }
    } catch (error) {
      this.logger.warn(`events of the map of ${partnershipId} stay pending: ${String(error)}`);
    }
  }

  private async publishAllPending(): Promise<void> {
    for (const pending of await this.maps.pendingEvents()) {
      await this.maps.markPublished(pending.id, await this.publisher.publishAll(pending.events));
    }
  }
}
