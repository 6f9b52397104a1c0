import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { EventPublisher } from '@mitra/platform';
import { OrganisationOutbox } from './organisation-outbox';
import {
  OrganisationOutboxRecord,
  OrganisationOutboxSchema,
  OrganisationRecord,
  OrganisationSchema,
  OrganisationVersionRecord,
  OrganisationVersionSchema,
} from './organisation.schema';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsRepository } from './organisations.repository';
import { OrganisationsService } from './organisations.service';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: OrganisationRecord.name, schema: OrganisationSchema },
      { name: OrganisationVersionRecord.name, schema: OrganisationVersionSchema },
      { name: OrganisationOutboxRecord.name, schema: OrganisationOutboxSchema },
    ]),
  ],
  controllers: [OrganisationsController],
  providers: [OrganisationsRepository, OrganisationsService, OrganisationOutbox, EventPublisher],
  // One publisher (one NATS connection) for every outbox of the service.
  exports: [OrganisationsRepository, EventPublisher],
})
export class OrganisationsModule {}
