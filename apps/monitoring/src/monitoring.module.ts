import { Module } from '@nestjs/common';
import {
  EventPublisher,
  serviceDatabaseModule,
  serviceHealthController,
  ServiceClientModule,
} from '@mitra/platform';
import { LegacyMonitoringMigration } from './migration/legacy-migration';
import { PlanEvents } from './plans/plan-events';
import { PlansController } from './plans/plans.controller';
import { PlansRepository } from './plans/plans.repository';
import { PlansService } from './plans/plans.service';
import { PublicationsModule } from './publications/publications.module';
import { StakeholderMapClient } from './registry/stakeholder-map.client';
import { SdgCatalogueService } from './sdg/sdg-catalogue.service';
import { SdgController } from './sdg/sdg.controller';

@Module({
  imports: [serviceDatabaseModule('monitoring'), ServiceClientModule.forRoot(), PublicationsModule],
  controllers: [serviceHealthController('monitoring'), SdgController, PlansController],
  providers: [
    SdgCatalogueService,
    PlansRepository,
    PlansService,
    PlanEvents,
    EventPublisher,
    LegacyMonitoringMigration,
    StakeholderMapClient,
  ],
})
export class MonitoringModule {}
