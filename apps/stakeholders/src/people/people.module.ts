import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PeopleController } from './people.controller';
import { PeopleRepository } from './people.repository';
import { PeopleService } from './people.service';
import {
  MembershipCommandRecord,
  MembershipCommandSchema,
  MembershipRecord,
  MembershipSchema,
  PastMembershipRecord,
  PastMembershipSchema,
  PastRepresentativeRecord,
  PastRepresentativeSchema,
  PersonRecord,
  PersonSchema,
  RepresentativeRecord,
  RepresentativeSchema,
} from './person.schema';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: PersonRecord.name, schema: PersonSchema },
      { name: MembershipRecord.name, schema: MembershipSchema },
      { name: MembershipCommandRecord.name, schema: MembershipCommandSchema },
      { name: RepresentativeRecord.name, schema: RepresentativeSchema },
      { name: PastMembershipRecord.name, schema: PastMembershipSchema },
      { name: PastRepresentativeRecord.name, schema: PastRepresentativeSchema },
    ]),
    OrganisationsModule,
  ],
  controllers: [PeopleController],
  providers: [PeopleRepository, PeopleService],
})
export class PeopleModule {}
