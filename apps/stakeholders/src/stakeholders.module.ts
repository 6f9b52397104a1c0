import { Module } from '@nestjs/common';
import { serviceDatabaseModule, serviceHealthController } from '@mitra/platform';
import { OrganisationsModule } from './organisations/organisations.module';
import { PeopleModule } from './people/people.module';
import { StakeholderMapsModule } from './stakeholder-maps/stakeholder-maps.module';

@Module({
  imports: [serviceDatabaseModule('stakeholders'), OrganisationsModule, PeopleModule, StakeholderMapsModule],
  controllers: [serviceHealthController('stakeholders')],
})
export class StakeholdersModule {}
