import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EventPublisher, OutboxRelay } from '@mitra/platform';
import { PlansRepository } from './plans.repository';

/**
 * Publishes each plan revision's events (kept in the revision) in revision order and marks the
 * revision published; at start-up, and every 30 s, the sweep republishes what a crash or a NATS outage
 * left pending. The service's one outbox: publication decisions raise no events.
 */
@Injectable()
export class PlanEvents implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly relay: OutboxRelay;

  constructor(plans: PlansRepository, publisher: EventPublisher) {
    this.relay = new OutboxRelay(plans.store, publisher, new Logger(PlanEvents.name));
  }

  /** After a command; what NATS refuses stays pending for the sweep. */
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
