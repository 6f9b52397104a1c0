import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { z } from 'zod';
import {
  assignRepresentativeCommandSchema,
  createPersonCommandSchema,
  endMembershipCommandSchema,
  getPersonQuerySchema,
  listMembersQuerySchema,
  listRepresentativeHistoryQuerySchema,
  listRepresentativesQuerySchema,
  setMembershipCommandSchema,
  StakeholdersSubject,
  unassignRepresentativeCommandSchema,
  type AssignRepresentativeCommand,
  type EndMembershipCommand,
  type GetPersonQuery,
  type ListRepresentativeHistoryQuery,
  type ListRepresentativesQuery,
  type Person,
  type PersonPage,
  type Representative,
  type RepresentativeAssignment,
  type SetMembershipCommand,
  type UnassignRepresentativeCommand,
} from '@mitra/contracts';
import { ZodValidationPipe } from '@mitra/platform';
import { PeopleService } from './people.service';

@Controller()
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @MessagePattern(StakeholdersSubject.CreatePerson)
  create(@Payload(new ZodValidationPipe(createPersonCommandSchema)) command: z.output<typeof createPersonCommandSchema>): Promise<Person> {
    return this.people.create(command);
  }

  @MessagePattern(StakeholdersSubject.GetPerson)
  get(@Payload(new ZodValidationPipe(getPersonQuerySchema)) query: GetPersonQuery): Promise<Person> {
    return this.people.get(query);
  }

  @MessagePattern(StakeholdersSubject.SetMembership)
  setMembership(@Payload(new ZodValidationPipe(setMembershipCommandSchema)) command: SetMembershipCommand): Promise<Person> {
    return this.people.setMembership(command);
  }

  @MessagePattern(StakeholdersSubject.EndMembership)
  endMembership(@Payload(new ZodValidationPipe(endMembershipCommandSchema)) command: EndMembershipCommand): Promise<Person> {
    return this.people.endMembership(command);
  }

  @MessagePattern(StakeholdersSubject.ListMembers)
  listMembers(@Payload(new ZodValidationPipe(listMembersQuerySchema)) query: z.output<typeof listMembersQuerySchema>): Promise<PersonPage> {
    return this.people.listMembers(query);
  }

  @MessagePattern(StakeholdersSubject.AssignRepresentative)
  assignRepresentative(
    @Payload(new ZodValidationPipe(assignRepresentativeCommandSchema)) command: AssignRepresentativeCommand,
  ): Promise<Representative> {
    return this.people.assignRepresentative(command);
  }

  @MessagePattern(StakeholdersSubject.ListRepresentatives)
  listRepresentatives(
    @Payload(new ZodValidationPipe(listRepresentativesQuerySchema)) query: ListRepresentativesQuery,
  ): Promise<Representative[]> {
    return this.people.listRepresentatives(query);
  }

  @MessagePattern(StakeholdersSubject.UnassignRepresentative)
  unassignRepresentative(
    @Payload(new ZodValidationPipe(unassignRepresentativeCommandSchema)) command: UnassignRepresentativeCommand,
  ): Promise<RepresentativeAssignment> {
    return this.people.unassignRepresentative(command);
  }

  @MessagePattern(StakeholdersSubject.ListRepresentativeHistory)
  representativeHistory(
    @Payload(new ZodValidationPipe(listRepresentativeHistoryQuerySchema)) query: ListRepresentativeHistoryQuery,
  ): Promise<RepresentativeAssignment[]> {
    return this.people.representativeHistory(query);
  }
}
