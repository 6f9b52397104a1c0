import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { LedgerRepository } from '../ledger/ledger.repository';
import { migrateLegacyLedgers } from './legacy-ledgers';

/**
 * Moves ledgers of the previous layout into the ledger store at start-up, before the service answers
 * or sweeps: every deployment migrates without a step to remember, a run with nothing to move costs one
 * `listCollections`, and replicas starting together are safe (each entry is an insert-once by id).
 * Stop funding instances of the previous version first: they would go on writing the old collections.
 */
@Injectable()
export class LegacyLedgerMigration implements OnModuleInit {
  private readonly logger = new Logger(LegacyLedgerMigration.name);

  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly ledger: LedgerRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    await migrateLegacyLedgers(this.connection, this.ledger.store, this.logger);
  }
}
