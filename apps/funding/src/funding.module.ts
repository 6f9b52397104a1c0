import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import {
  EventPublisher,
  serviceDatabaseModule,
  serviceHealthController,
  ServiceClientModule,
} from '@mitra/platform';
import { FundingController } from './ledger/funding.controller';
import { FundingService } from './ledger/funding.service';
import { LedgerEvents } from './ledger/ledger-events';
import { PendingEventsRecord, PendingEventsSchema } from './ledger/ledger.schema';
import { LedgerRepository } from './ledger/ledger.repository';
import { RegistryClient } from './registry/registry.client';

@Module({
  imports: [
    serviceDatabaseModule('funding'),
    ServiceClientModule.forRoot(),
    MongooseModule.forFeature([{ name: PendingEventsRecord.name, schema: PendingEventsSchema }]),
  ],
  controllers: [serviceHealthController('funding'), FundingController],
  providers: [LedgerRepository, FundingService, LedgerEvents, EventPublisher, RegistryClient],
})
export class FundingModule {}
