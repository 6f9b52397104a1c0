import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EventPublisher, startPendingEventSweep, type PendingEventSweep } from '@mitra/platform';
import { OrganisationsRepository, type PendingEvents } from './organisations.repository';

/** How often events that could not be published right after their write are tried again. */
const sweepIntervalMs = 15_000;

/**
 * Publishes the events organisation versions carry (`stakeholders.organisation.registered` /
 * `.updated`). Each write publishes its own at once; the sweep retries what a crash or an
 * unreachable NATS left marked pending. JetStream drops a republished event by its id.
 */
@Injectable()
export class OrganisationOutbox implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OrganisationOutbox.name);
  private sweep?: PendingEventSweep;

  constructor(
    private readonly organisations: OrganisationsRepository,
    private readonly publisher: EventPublisher,
  ) {}

  onApplicationBootstrap(): void {
    this.sweep = startPendingEventSweep(() => this.publishAllPending(), this.logger, sweepIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sweep?.stop();
  }

  /** Publishes the events of a write just made; what fails stays pending for the sweep. */
  async flush(pending: PendingEvents): Promise<void> {
    try {
      await this.publish(pending);
    } catch (error) {
      this.logger.warn(`organisation events stay pending: ${String(error)}`);
    }
  }

  private async publish({ markerId, events }: PendingEvents): Promise<void> {
    const published = await this.publisher.publishAll(events);
    if (published.length === events.length) await this.organisations.clearPending(markerId);
  }

  private async publishAllPending(): Promise<void> {
    for (const pending of await this.organisations.pendingEvents()) await this.publish(pending);
  }
}
