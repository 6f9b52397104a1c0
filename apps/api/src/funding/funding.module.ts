import { Module } from '@nestjs/common';
import { PartnershipExistence } from '../stakeholders/partnership-existence';
import { FundingController } from './funding.controller';

@Module({ controllers: [FundingController], providers: [PartnershipExistence] })
export class FundingModule {}
