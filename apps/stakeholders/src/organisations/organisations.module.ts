import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { EventPublisher } from '@mitra/platform';
import { PreviousOrganisationLayout } from '../migration/previous-layout.migration';
import { RegionCoding } from '../migration/region-coding.migration';
import { RegionsModule } from '../regions/regions.module';
import { OrganisationEvents } from './organisation-events';
import { OrganisationRecord, OrganisationSchema } from './organisation.schema';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsRepository } from './organisations.repository';
import { OrganisationsService } from './organisations.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: OrganisationRecord.name, schema: OrganisationSchema }]), RegionsModule],
  controllers: [OrganisationsController],
  providers: [OrganisationsRepository, PreviousOrganisationLayout, RegionCoding, OrganisationsService, OrganisationEvents, EventPublisher],
  // One publisher (one NATS connection) for every outbox of the service.
  exports: [OrganisationsRepository, EventPublisher],
})
export class OrganisationsModule {}
