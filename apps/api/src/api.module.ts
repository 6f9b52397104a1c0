import { Global, Module } from '@nestjs/common';
import { loadConfig, ServiceClientModule } from '@mitra/platform';
import { AgreementsModule } from './agreements/agreements.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { MembersMemory } from './auth/members-memory';
import { DirectoryModule } from './directory/directory.module';
import { API_CONFIG, apiConfigSchema } from './config';
import { EventsModule } from './events/events.module';
import { FundingModule } from './funding/funding.module';
import { HealthModule } from './health/health.module';
import { MonitoringModule } from './monitoring/monitoring.module';
import { NatsConnectionHolder } from './nats/nats-connection';
import { ExportsModule } from './exports/exports.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { RegionsModule } from './regions/regions.module';
import { PartnershipsModule } from './partnerships/partnerships.module';
import { PublicationsModule } from './publications/publications.module';
import { StakeholdersModule } from './stakeholders/stakeholders.module';
import { TemporalClient } from './temporal/temporal-client';

@Global()
@Module({
  providers: [
    { provide: API_CONFIG, useFactory: () => loadConfig(apiConfigSchema) },
    TemporalClient,
    NatsConnectionHolder,
    { provide: MembersMemory, useFactory: () => new MembersMemory() },
  ],
  exports: [API_CONFIG, TemporalClient, NatsConnectionHolder, MembersMemory],
})
class InfrastructureModule {}

@Module({
  imports: [ServiceClientModule.forRoot(), InfrastructureModule, AuthModule, EventsModule, HealthModule, AuditModule, DirectoryModule, ExportsModule, FundingModule, MonitoringModule, AgreementsModule, OrganisationsModule, PartnershipsModule, PublicationsModule, RegionsModule, StakeholdersModule],
})
export class ApiModule {}
