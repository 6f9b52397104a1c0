import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { AgreementsRepository } from '../agreements/agreements.repository';
import { SigningKeysRepository } from '../keys/signing-keys.repository';
import { migrateLegacyAgreements } from './legacy-agreements';
import { migrateLegacyKeys } from './legacy-keys';

/**
 * Moves agreements and signing keys of the previous layout into their revision logs at start-up,
 * before the service answers or sweeps: every deployment migrates without a step to remember, a run
 * with nothing to move costs one `listCollections` each, a run that died half-way is finished by the
 * next, and replicas starting together are safe (each revision is an insert-once by id). Stop the
 * agreements instances of the previous version first: they would go on writing the old collections
 * (what they wrote is moved at the next start, or reported when it clashes).
 */
@Injectable()
export class LegacyLayoutMigration implements OnModuleInit {
  private readonly logger = new Logger(LegacyLayoutMigration.name);

  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly agreements: AgreementsRepository,
    private readonly keys: SigningKeysRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    await migrateLegacyKeys(this.connection, this.keys, this.logger);
    await migrateLegacyAgreements(this.connection, this.agreements, this.logger);
  }
}
