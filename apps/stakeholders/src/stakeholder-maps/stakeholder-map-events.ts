import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EventPublisher, OutboxRelay } from '@mitra/platform';
import { StakeholderMapsRepository } from './stakeholder-maps.repository';

/**
 * Publishes the events map revisions carry (`stakeholders.map.updated` / `.checked`) with the
 * platform's one relay: after each write for its partnership, and in the sweep at start-up and every
 * 30 s for whatever a crash or an unreachable NATS left pending.
 */
@Injectable()
export class StakeholderMapEvents implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly relay: OutboxRelay;

  constructor(maps: StakeholderMapsRepository, publisher: EventPublisher) {
    this.relay = new OutboxRelay(maps.store, publisher, new Logger(StakeholderMapEvents.name));
  }

  /** After a write; what NATS refuses stays pending for the sweep. */
  flush(partnershipId: string): Promise<void> {
    return this.relay.flushQuietly(partnershipId);
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}
