import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { z } from 'zod';
import {
  createOrganisationCommandSchema,
  getOrganisationQuerySchema,
  listDuplicateOrganisationsQuerySchema,
  listOrganisationsQuerySchema,
  listOrganisationVersionsQuerySchema,
  StakeholdersSubject,
  updateOrganisationCommandSchema,
  type DuplicateOrganisationPage,
  type GetOrganisationQuery,
  type Organisation,
  type OrganisationPage,
  type OrganisationVersion,
} from '@mitra/contracts';
import { ZodValidationPipe } from '@mitra/platform';
import { OrganisationsService } from './organisations.service';

@Controller()
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @MessagePattern(StakeholdersSubject.CreateOrganisation)
  create(
    @Payload(new ZodValidationPipe(createOrganisationCommandSchema)) command: z.output<typeof createOrganisationCommandSchema>,
  ): Promise<Organisation> {
    return this.organisations.create(command);
  }

  @MessagePattern(StakeholdersSubject.UpdateOrganisation)
  update(
    @Payload(new ZodValidationPipe(updateOrganisationCommandSchema)) command: z.output<typeof updateOrganisationCommandSchema>,
  ): Promise<Organisation> {
    return this.organisations.update(command);
  }

  @MessagePattern(StakeholdersSubject.GetOrganisation)
  get(@Payload(new ZodValidationPipe(getOrganisationQuerySchema)) query: GetOrganisationQuery): Promise<Organisation> {
    return this.organisations.get(query);
  }

  @MessagePattern(StakeholdersSubject.ListOrganisationVersions)
  versions(@Payload(new ZodValidationPipe(listOrganisationVersionsQuerySchema)) query: GetOrganisationQuery): Promise<OrganisationVersion[]> {
    return this.organisations.versions(query);
  }

  @MessagePattern(StakeholdersSubject.ListOrganisations)
  list(
    @Payload(new ZodValidationPipe(listOrganisationsQuerySchema)) query: z.output<typeof listOrganisationsQuerySchema>,
  ): Promise<OrganisationPage> {
    return this.organisations.list(query);
  }

  @MessagePattern(StakeholdersSubject.ListDuplicateOrganisations)
  duplicates(
    @Payload(new ZodValidationPipe(listDuplicateOrganisationsQuerySchema)) query: z.output<typeof listDuplicateOrganisationsQuerySchema>,
  ): Promise<DuplicateOrganisationPage> {
    return this.organisations.duplicates(query);
  }
}
