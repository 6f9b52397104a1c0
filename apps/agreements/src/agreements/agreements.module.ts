import { Module } from '@nestjs/common';
import { EventPublisher } from '@mitra/platform';
import { SigningKeysModule } from '../keys/signing-keys.module';
import { LegacyLayoutMigration } from '../migration/legacy-layout-migration';
import { AgreementEvents } from './agreement-events';
import { AgreementsController } from './agreements.controller';
import { AgreementsRepository } from './agreements.repository';
import { AgreementsService } from './agreements.service';

@Module({
  imports: [SigningKeysModule],
  controllers: [AgreementsController],
  providers: [
    AgreementsRepository,
    LegacyLayoutMigration,
    AgreementsService,
    AgreementEvents,
    EventPublisher,
  ],
})
export class AgreementsFeatureModule {}
