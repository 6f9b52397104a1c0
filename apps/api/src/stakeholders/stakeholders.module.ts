import { Module } from '@nestjs/common';
import { PartnershipExistence } from './partnership-existence';
import { PartnershipStakeholdersController } from './partnership-stakeholders.controller';
import { PeopleController } from './people.controller';

/** People, partner representatives and stakeholder maps: the stakeholders service's routes beyond organisations. */
@Module({ controllers: [PeopleController, PartnershipStakeholdersController], providers: [PartnershipExistence] })
export class StakeholdersModule {}
