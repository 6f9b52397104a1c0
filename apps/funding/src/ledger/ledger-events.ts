import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EventPublisher, OutboxRelay } from '@mitra/platform';
import { LedgerRepository } from './ledger.repository';

/**
 * Publishes each entry's events (kept in the entry) in ledger order and marks the entry published; at
 * start-up, and every 30 s, the shared sweep republishes what a crash or a NATS outage left pending.
 */
@Injectable()
export class LedgerEvents implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly relay: OutboxRelay;

  constructor(ledger: LedgerRepository, publisher: EventPublisher) {
    this.relay = new OutboxRelay(ledger.store, publisher, new Logger(LedgerEvents.name));
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
