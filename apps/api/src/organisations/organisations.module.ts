import { Module } from '@nestjs/common';
import { OrganisationsController } from './organisations.controller';

@Module({ controllers: [OrganisationsController] })
export class OrganisationsModule {}
