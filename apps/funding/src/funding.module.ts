import { Module } from '@nestjs/common';
import {
  EventPublisher,
  serviceDatabaseModule,
  serviceHealthController,
  ServiceClientModule,
} from '@mitra/platform';
import { FundingController } from './ledger/funding.controller';
import { FundingService } from './ledger/funding.service';
import { LedgerEvents } from './ledger/ledger-events';
import { LedgerStates } from './ledger/ledger-states';
import { LedgerRepository } from './ledger/ledger.repository';
import { LegacyLedgerMigration } from './migration/legacy-ledger-migration';
import { RegistryClient } from './registry/registry.client';

@Module({
  imports: [serviceDatabaseModule('funding'), ServiceClientModule.forRoot()],
  controllers: [serviceHealthController('funding'), FundingController],
  providers: [
    LedgerRepository,
    LedgerStates,
    LegacyLedgerMigration,
    FundingService,
    LedgerEvents,
    EventPublisher,
    RegistryClient,
  ],
})
export class FundingModule {}
