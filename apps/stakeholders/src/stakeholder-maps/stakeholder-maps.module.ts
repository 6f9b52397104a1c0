import { Module } from '@nestjs/common';
import { PreviousStakeholderMapLayout } from '../migration/previous-layout.migration';
import { OrganisationsModule } from '../organisations/organisations.module';
import { StakeholderMapEvents } from './stakeholder-map-events';
import { StakeholderMapsController } from './stakeholder-maps.controller';
import { StakeholderMapsRepository } from './stakeholder-maps.repository';
import { StakeholderMapsService } from './stakeholder-maps.service';

@Module({
  imports: [OrganisationsModule],
  controllers: [StakeholderMapsController],
  providers: [StakeholderMapsRepository, PreviousStakeholderMapLayout, StakeholderMapsService, StakeholderMapEvents],
})
export class StakeholderMapsModule {}
