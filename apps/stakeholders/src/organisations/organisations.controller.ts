import { Controller } from '@nestjs/common';
import {
  type DuplicateOrganisationPage,
  type Organisation,
  type OrganisationPage,
  type OrganisationVersion,
  StakeholdersContracts,
  type ContractPayload,
} from '@mitra/contracts';
import { Handles } from '@mitra/platform';
import { OrganisationsService } from './organisations.service';

@Controller()
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Handles(StakeholdersContracts.CreateOrganisation)
  create(
    command: ContractPayload<typeof StakeholdersContracts.CreateOrganisation>,
  ): Promise<Organisation> {
    return this.organisations.create(command);
  }

  @Handles(StakeholdersContracts.UpdateOrganisation)
  update(
    command: ContractPayload<typeof StakeholdersContracts.UpdateOrganisation>,
  ): Promise<Organisation> {
    return this.organisations.update(command);
  }

  @Handles(StakeholdersContracts.GetOrganisation)
  get(query: ContractPayload<typeof StakeholdersContracts.GetOrganisation>): Promise<Organisation> {
    return this.organisations.get(query);
  }

  @Handles(StakeholdersContracts.ListOrganisationVersions)
  versions(query: ContractPayload<typeof StakeholdersContracts.ListOrganisationVersions>): Promise<OrganisationVersion[]> {
    return this.organisations.versions(query);
  }

  @Handles(StakeholdersContracts.ListOrganisations)
  list(
    query: ContractPayload<typeof StakeholdersContracts.ListOrganisations>,
  ): Promise<OrganisationPage> {
    return this.organisations.list(query);
  }

  @Handles(StakeholdersContracts.ListDuplicateOrganisations)
  duplicates(
    query: ContractPayload<typeof StakeholdersContracts.ListDuplicateOrganisations>,
  ): Promise<DuplicateOrganisationPage> {
    return this.organisations.duplicates(query);
  }
}
