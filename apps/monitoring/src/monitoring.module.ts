import { Module } from '@nestjs/common';
import { EventPublisher, serviceDatabaseModule, serviceHealthController } from '@mitra/platform';
import { LegacyMonitoringMigration } from './migration/legacy-migration';
import { PlanEvents } from './plans/plan-events';
import { PlansController } from './plans/plans.controller';
import { PlansRepository } from './plans/plans.repository';
import { PlansService } from './plans/plans.service';
import { PublicationsModule } from './publications/publications.module';
import { SdgCatalogueService } from './sdg/sdg-catalogue.service';
import { SdgController } from './sdg/sdg.controller';

@Module({
  imports: [serviceDatabaseModule('monitoring'), PublicationsModule],
  controllers: [serviceHealthController('monitoring'), SdgController, PlansController],
  providers: [SdgCatalogueService, PlansRepository, PlansService, PlanEvents, EventPublisher, LegacyMonitoringMigration],
})
export class MonitoringModule {}
