import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OrganisationsModule } from '../organisations/organisations.module';
import { StakeholderMapVersionRecord, StakeholderMapVersionSchema } from './stakeholder-map.schema';
import { StakeholderMapOutbox } from './stakeholder-map-outbox';
import { StakeholderMapsController } from './stakeholder-maps.controller';
import { StakeholderMapsRepository } from './stakeholder-maps.repository';
import { StakeholderMapsService } from './stakeholder-maps.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: StakeholderMapVersionRecord.name, schema: StakeholderMapVersionSchema }]), OrganisationsModule],
  controllers: [StakeholderMapsController],
  providers: [StakeholderMapsRepository, StakeholderMapsService, StakeholderMapOutbox],
})
export class StakeholderMapsModule {}
