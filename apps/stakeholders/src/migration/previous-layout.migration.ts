import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { StakeholderMapsRepository } from '../stakeholder-maps/stakeholder-maps.repository';
import { migrateOrganisations, migrateStakeholderMaps } from './previous-layout';

/**
 * Moves organisations of the previous layout onto the revision store at start-up, before the service
 * answers or sweeps: every deployment migrates without a step to remember, a start with nothing to
 * move costs a `listCollections` and one indexed query, and replicas starting together are safe
 * (revisions are inserts-once by id, claims are decided by their unique index, projections converge).
 * Stop stakeholders instances of the previous version first: they would go on writing the old collections.
 */
@Injectable()
export class PreviousOrganisationLayout implements OnModuleInit {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly organisations: OrganisationsRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    await migrateOrganisations(this.connection, this.organisations, new Logger(PreviousOrganisationLayout.name));
  }
}

/** The same for stakeholder maps. */
@Injectable()
export class PreviousStakeholderMapLayout implements OnModuleInit {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly maps: StakeholderMapsRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    await migrateStakeholderMaps(this.connection, this.maps.store, new Logger(PreviousStakeholderMapLayout.name));
  }
}
