import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  createOrganisationCommandSchema,
  getOrganisationQuerySchema,
  StakeholdersSubject,
  type CreateOrganisationCommand,
  type GetOrganisationQuery,
  type Organisation,
} from '@mitra/contracts';
import { ZodValidationPipe } from '@mitra/platform';
import { OrganisationsService } from './organisations.service';

@Controller()
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @MessagePattern(StakeholdersSubject.CreateOrganisation)
  create(
    @Payload(new ZodValidationPipe(createOrganisationCommandSchema)) command: CreateOrganisationCommand,
  ): Promise<Organisation> {
    return this.organisations.create(command);
  }

  @MessagePattern(StakeholdersSubject.GetOrganisation)
  get(@Payload(new ZodValidationPipe(getOrganisationQuerySchema)) query: GetOrganisationQuery): Promise<Organisation> {
    return this.organisations.get(query);
  }
}
