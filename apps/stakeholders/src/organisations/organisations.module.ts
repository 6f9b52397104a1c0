import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OrganisationRecord, OrganisationSchema, OrganisationVersionRecord, OrganisationVersionSchema } from './organisation.schema';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsRepository } from './organisations.repository';
import { OrganisationsService } from './organisations.service';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: OrganisationRecord.name, schema: OrganisationSchema },
      { name: OrganisationVersionRecord.name, schema: OrganisationVersionSchema },
    ]),
  ],
  controllers: [OrganisationsController],
  providers: [OrganisationsRepository, OrganisationsService],
  exports: [OrganisationsRepository],
})
export class OrganisationsModule {}
