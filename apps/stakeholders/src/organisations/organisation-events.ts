import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { DomainEvent } from '@mitra/contracts';
import { EventPublisher, OutboxRelay, type OutboxSource, type PendingRevisionEvents } from '@mitra/platform';
import { OrganisationsRepository } from './organisations.repository';

/**
 * The revision store as the relay's source, projecting each organisation before its pending events
 * go out: a consumer that reads an organisation after its event finds it, and a projection a crash
 * left half-done is finished by the sweep.
 */
class ProjectedOrganisationRevisions implements OutboxSource<DomainEvent> {
  constructor(private readonly organisations: OrganisationsRepository) {}

  async pendingEvents(query: { limit: number; aggregateId?: string }): Promise<PendingRevisionEvents<DomainEvent>[]> {
    const pending = await this.organisations.store.pendingEvents(query);
    // After a command the command projected already; the sweep finishes what a stop left half-way.
    if (query.aggregateId === undefined)
      for (const id of new Set(pending.map((p) => p.aggregateId))) await this.organisations.projection.project(id, { reindex: true });
    return pending;
  }

  markPublished(aggregateId: string, revision: number): Promise<void> {
    return this.organisations.store.markPublished(aggregateId, revision);
  }
}

/**
 * Publishes the events organisation revisions carry (`stakeholders.organisation.registered` /
 * `.updated`) with the platform's one relay: after each command for its organisation, and in the
 * sweep at start-up and every 30 s for whatever a crash or an unreachable NATS left pending.
 */
@Injectable()
export class OrganisationEvents implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly relay: OutboxRelay;

  constructor(organisations: OrganisationsRepository, publisher: EventPublisher) {
    this.relay = new OutboxRelay(new ProjectedOrganisationRevisions(organisations), publisher, new Logger(OrganisationEvents.name));
  }

  /** After a command; what NATS refuses stays pending for the sweep. */
  flush(organisationId: string): Promise<void> {
    return this.relay.flushQuietly(organisationId);
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}
