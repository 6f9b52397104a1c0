import type { ContractInput, ContractPayload } from '../common/contract';
import { actsForPayload, everyone, partnershipInPayload, staff, writers } from '../common/access-policy';
import { contractTimeouts, defineCommand, defineQuery, listReply, recordReply } from '../common/contract';
import {
  createOrganisationCommandSchema,
  getOrganisationQuerySchema,
  listOrganisationVersionsQuerySchema,
  updateOrganisationCommandSchema,
  type Organisation,
  type OrganisationVersion,
} from './organisation';
import {
  listDuplicateOrganisationsQuerySchema,
  listOrganisationsQuerySchema,
  type DuplicateOrganisationPage,
  type OrganisationPage,
} from './organisation-search';
import {
  assignRepresentativeCommandSchema,
  createPersonCommandSchema,
  endMembershipCommandSchema,
  getPersonQuerySchema,
  listMembersQuerySchema,
  listRepresentativeHistoryQuerySchema,
  listRepresentativesQuerySchema,
  setMembershipCommandSchema,
  unassignRepresentativeCommandSchema,
  type Person,
  type PersonPage,
  type Representative,
  type RepresentativeAssignment,
} from './person';
import {
  getStakeholderMapQuerySchema,
  putStakeholderMapCommandSchema,
  type StakeholderMapView,
} from './stakeholder-map';

const partnership = partnershipInPayload;

/** The stakeholders service's commands and queries: the registry of organisations and people, and stakeholder maps. */
export const StakeholdersContracts = {
  CreateOrganisation: defineCommand({
    subject: 'stakeholders.organisation.create',
    payload: createOrganisationCommandSchema,
    reply: recordReply<Organisation>(),
    access: { roles: staff },
  }),
  UpdateOrganisation: defineCommand({
    subject: 'stakeholders.organisation.update',
    payload: updateOrganisationCommandSchema,
    reply: recordReply<Organisation>(),
    access: { roles: writers, actsFor: [actsForPayload('id')] },
  }),
  GetOrganisation: defineQuery({
    subject: 'stakeholders.organisation.get',
    payload: getOrganisationQuerySchema,
    reply: recordReply<Organisation>(),
    access: { roles: everyone },
  }),
  ListOrganisationVersions: defineQuery({
    subject: 'stakeholders.organisation.versions',
    payload: listOrganisationVersionsQuerySchema,
    reply: listReply<OrganisationVersion>(),
    access: { roles: everyone },
  }),
  ListOrganisations: defineQuery({
    subject: 'stakeholders.organisation.list',
    payload: listOrganisationsQuerySchema,
    reply: recordReply<OrganisationPage>(),
    access: { roles: everyone },
    timeoutMs: contractTimeouts.heavy,
  }),
  ListDuplicateOrganisations: defineQuery({
    subject: 'stakeholders.organisation.duplicates',
    payload: listDuplicateOrganisationsQuerySchema,
    reply: recordReply<DuplicateOrganisationPage>(),
    access: { roles: ['admin', 'coordinator', 'auditor'] },
    timeoutMs: contractTimeouts.heavy,
  }),
  CreatePerson: defineCommand({
    subject: 'stakeholders.person.create',
    payload: createPersonCommandSchema,
    reply: recordReply<Person>(),
    access: { roles: writers, actsFor: [actsForPayload('person.memberships.*.organisationId')] },
  }),
  GetPerson: defineQuery({
    subject: 'stakeholders.person.get',
    payload: getPersonQuerySchema,
    reply: recordReply<Person>(),
    access: { roles: everyone },
  }),
  SetMembership: defineCommand({
    subject: 'stakeholders.person.membership.set',
    payload: setMembershipCommandSchema,
    reply: recordReply<Person>(),
    access: { roles: writers, actsFor: [actsForPayload('membership.organisationId')] },
  }),
  EndMembership: defineCommand({
    subject: 'stakeholders.person.membership.end',
    payload: endMembershipCommandSchema,
    reply: recordReply<Person>(),
    access: { roles: writers, actsFor: [actsForPayload('organisationId')] },
  }),
  ListMembers: defineQuery({
    subject: 'stakeholders.organisation.members',
    payload: listMembersQuerySchema,
    reply: recordReply<PersonPage>(),
    access: { roles: everyone },
  }),
  AssignRepresentative: defineCommand({
    subject: 'stakeholders.representative.assign',
    payload: assignRepresentativeCommandSchema,
    reply: recordReply<Representative>(),
    access: { roles: writers, partnership, actsFor: [actsForPayload('organisationId')] },
  }),
  ListRepresentatives: defineQuery({
    subject: 'stakeholders.representative.list',
    payload: listRepresentativesQuerySchema,
    reply: listReply<Representative>(),
    access: { roles: everyone, partnership },
  }),
  UnassignRepresentative: defineCommand({
    subject: 'stakeholders.representative.unassign',
    payload: unassignRepresentativeCommandSchema,
    reply: recordReply<RepresentativeAssignment>(),
    access: { roles: writers, partnership },
  }),
  ListRepresentativeHistory: defineQuery({
    subject: 'stakeholders.representative.history',
    payload: listRepresentativeHistoryQuerySchema,
    reply: listReply<RepresentativeAssignment>(),
    access: { roles: everyone, partnership },
  }),
  PutStakeholderMap: defineCommand({
    subject: 'stakeholders.map.put',
    payload: putStakeholderMapCommandSchema,
    reply: recordReply<StakeholderMapView>(),
    access: { roles: staff, partnership },
  }),
  GetStakeholderMap: defineQuery({
    subject: 'stakeholders.map.get',
    payload: getStakeholderMapQuerySchema,
    reply: recordReply<StakeholderMapView>(),
    access: { roles: everyone, partnership },
  }),
} as const;

/** What a caller sends (`ContractInput`) or a handler receives (`ContractPayload`), by the names the code uses. */
export type ListOrganisationsQuery = ContractInput<typeof StakeholdersContracts.ListOrganisations>;
export type ListDuplicateOrganisationsQuery = ContractInput<
  typeof StakeholdersContracts.ListDuplicateOrganisations
>;
export type CreatePersonCommand = ContractInput<typeof StakeholdersContracts.CreatePerson>;
export type GetPersonQuery = ContractPayload<typeof StakeholdersContracts.GetPerson>;
export type SetMembershipCommand = ContractPayload<typeof StakeholdersContracts.SetMembership>;
export type EndMembershipCommand = ContractPayload<typeof StakeholdersContracts.EndMembership>;
export type ListMembersQuery = ContractInput<typeof StakeholdersContracts.ListMembers>;
export type AssignRepresentativeCommand = ContractPayload<typeof StakeholdersContracts.AssignRepresentative>;
export type ListRepresentativesQuery = ContractPayload<typeof StakeholdersContracts.ListRepresentatives>;
export type UnassignRepresentativeCommand = ContractPayload<
  typeof StakeholdersContracts.UnassignRepresentative
>;
export type PutStakeholderMapCommand = ContractPayload<typeof StakeholdersContracts.PutStakeholderMap>;
export type GetStakeholderMapQuery = ContractPayload<typeof StakeholdersContracts.GetStakeholderMap>;
export type CreateOrganisationCommand = ContractInput<typeof StakeholdersContracts.CreateOrganisation>;
export type UpdateOrganisationCommand = ContractInput<typeof StakeholdersContracts.UpdateOrganisation>;
export type GetOrganisationQuery = ContractPayload<typeof StakeholdersContracts.GetOrganisation>;
export type ListOrganisationVersionsQuery = ContractPayload<
  typeof StakeholdersContracts.ListOrganisationVersions
>;
export type ListRepresentativeHistoryQuery = ContractPayload<
  typeof StakeholdersContracts.ListRepresentativeHistory
>;
