import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { PlansRepository } from '../plans/plans.repository';
import { PublicationsRepository } from '../publications/publications.repository';
import { migrateLegacyMonitoring } from './legacy-chains';

/**
 * Moves plans and publications of the previous layout into the document logs at start-up, before the
 * service answers or sweeps (Nest runs every `onModuleInit` before any `onApplicationBootstrap` and
 * before `listen`). At start-up rather than as a script: every deployment migrates without a step to
 * remember, a run with nothing to move costs one `listCollections` per chain, and replicas starting
 * together are safe (each revision is an insert-once by id, and only what was found identical is
 * dropped). Stop monitoring instances of the previous version first: they would go on writing the
 * old collections (what they write after the move keeps those collections, and is reported).
 */
@Injectable()
export class LegacyMonitoringMigration implements OnModuleInit {
  private readonly logger = new Logger(LegacyMonitoringMigration.name);

  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly plans: PlansRepository,
    private readonly publications: PublicationsRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    await migrateLegacyMonitoring(this.connection, { plans: this.plans, publications: this.publications }, this.logger);
  }
}
