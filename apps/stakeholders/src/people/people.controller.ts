import { Controller } from '@nestjs/common';
import {
  type Person,
  type PersonPage,
  type Representative,
  type RepresentativeAssignment,
  StakeholdersContracts,
  type ContractPayload,
} from '@mitra/contracts';
import { Handles } from '@mitra/platform';
import { PeopleService } from './people.service';

@Controller()
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Handles(StakeholdersContracts.CreatePerson)
  create(command: ContractPayload<typeof StakeholdersContracts.CreatePerson>): Promise<Person> {
    return this.people.create(command);
  }

  @Handles(StakeholdersContracts.GetPerson)
  get(query: ContractPayload<typeof StakeholdersContracts.GetPerson>): Promise<Person> {
    return this.people.get(query);
  }

  @Handles(StakeholdersContracts.SetMembership)
  setMembership(command: ContractPayload<typeof StakeholdersContracts.SetMembership>): Promise<Person> {
    return this.people.setMembership(command);
  }

  @Handles(StakeholdersContracts.EndMembership)
  endMembership(command: ContractPayload<typeof StakeholdersContracts.EndMembership>): Promise<Person> {
    return this.people.endMembership(command);
  }

  @Handles(StakeholdersContracts.ListMembers)
  listMembers(query: ContractPayload<typeof StakeholdersContracts.ListMembers>): Promise<PersonPage> {
    return this.people.listMembers(query);
  }

  @Handles(StakeholdersContracts.AssignRepresentative)
  assignRepresentative(
    command: ContractPayload<typeof StakeholdersContracts.AssignRepresentative>,
  ): Promise<Representative> {
    return this.people.assignRepresentative(command);
  }

  @Handles(StakeholdersContracts.ListRepresentatives)
  listRepresentatives(
    query: ContractPayload<typeof StakeholdersContracts.ListRepresentatives>,
  ): Promise<Representative[]> {
    return this.people.listRepresentatives(query);
  }

  @Handles(StakeholdersContracts.UnassignRepresentative)
  unassignRepresentative(
    command: ContractPayload<typeof StakeholdersContracts.UnassignRepresentative>,
  ): Promise<RepresentativeAssignment> {
    return this.people.unassignRepresentative(command);
  }

  @Handles(StakeholdersContracts.ListRepresentativeHistory)
  representativeHistory(
    query: ContractPayload<typeof StakeholdersContracts.ListRepresentativeHistory>,
  ): Promise<RepresentativeAssignment[]> {
    return this.people.representativeHistory(query);
  }
}
