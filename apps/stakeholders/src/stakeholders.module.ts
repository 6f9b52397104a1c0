import { Module } from '@nestjs/common';
import { serviceDatabaseModule, serviceHealthController } from '@mitra/platform';
import { OrganisationsModule } from './organisations/organisations.module';

@Module({
  imports: [serviceDatabaseModule('stakeholders'), OrganisationsModule],
  controllers: [serviceHealthController('stakeholders')],
})
export class StakeholdersModule {}
