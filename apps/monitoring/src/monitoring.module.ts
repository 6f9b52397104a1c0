import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { EventPublisher, serviceDatabaseModule, serviceHealthController } from '@mitra/platform';
import { PlanEvents } from './plans/plan-events';
import { PlanHeadRecord, PlanHeadSchema, PlanRevisionRecord, PlanRevisionSchema } from './plans/plan.schema';
import { PlansController } from './plans/plans.controller';
import { PlansRepository } from './plans/plans.repository';
import { PlansService } from './plans/plans.service';
import { PublicationsModule } from './publications/publications.module';
import { SdgCatalogueService } from './sdg/sdg-catalogue.service';
import { SdgController } from './sdg/sdg.controller';

@Module({
  imports: [
    serviceDatabaseModule('monitoring'),
    MongooseModule.forFeature([
      { name: PlanRevisionRecord.name, schema: PlanRevisionSchema },
      { name: PlanHeadRecord.name, schema: PlanHeadSchema },
    ]),
    PublicationsModule,
  ],
  controllers: [serviceHealthController('monitoring'), SdgController, PlansController],
  providers: [SdgCatalogueService, PlansRepository, PlansService, PlanEvents, EventPublisher],
})
export class MonitoringModule {}
