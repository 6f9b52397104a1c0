import { z } from 'zod';
import type { ContractInput, ContractPayload } from '../common/contract';
import { actsForPayload, everyone, partnershipInPayload, staff, writers } from '../common/access-policy';
import { contractTimeouts, defineCommand, defineQuery } from '../common/contract';
import {
  createOrganisationCommandSchema,
  getOrganisationQuerySchema,
  listOrganisationVersionsQuerySchema,
  updateOrganisationCommandSchema,
  organisationSchema,
  organisationVersionSchema,
} from './organisation';
import {
  listDuplicateOrganisationsQuerySchema,
  listOrganisationsQuerySchema,
  duplicateOrganisationPageSchema,
  organisationPageSchema,
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
  personSchema,
  personPageSchema,
  representativeSchema,
  representativeAssignmentSchema,
} from './person';
import { getRegionsQuerySchema, officialRegionSchema, searchRegionsQuerySchema } from './region';
import {
  getStakeholderMapQuerySchema,
  putStakeholderMapCommandSchema,
  stakeholderMapViewSchema,
} from './stakeholder-map';

const partnership = partnershipInPayload;

/** The stakeholders service's commands and queries: the registry of organisations and people, and stakeholder maps. */
export const StakeholdersContracts = {
  CreateOrganisation: defineCommand({
    subject: 'stakeholders.organisation.create',
    payload: createOrganisationCommandSchema,
    reply: organisationSchema,
    access: { roles: staff },
  }),
  UpdateOrganisation: defineCommand({
    subject: 'stakeholders.organisation.update',
    payload: updateOrganisationCommandSchema,
    reply: organisationSchema,
    access: { roles: writers, actsFor: [actsForPayload('id')] },
  }),
  GetOrganisation: defineQuery({
    subject: 'stakeholders.organisation.get',
    payload: getOrganisationQuerySchema,
    reply: organisationSchema,
    access: { roles: everyone },
  }),
  ListOrganisationVersions: defineQuery({
    subject: 'stakeholders.organisation.versions',
    payload: listOrganisationVersionsQuerySchema,
    reply: z.array(organisationVersionSchema),
    access: { roles: everyone },
  }),
  ListOrganisations: defineQuery({
    subject: 'stakeholders.organisation.list',
    payload: listOrganisationsQuerySchema,
    reply: organisationPageSchema,
    access: { roles: everyone },
    timeoutMs: contractTimeouts.heavy,
  }),
  SearchRegions: defineQuery({
    subject: 'stakeholders.region.search',
    payload: searchRegionsQuerySchema,
    reply: z.array(officialRegionSchema),
    access: { roles: everyone },
  }),
  GetRegions: defineQuery({
    subject: 'stakeholders.region.get',
    payload: getRegionsQuerySchema,
    reply: z.array(officialRegionSchema),
    access: { roles: everyone },
  }),
  ListDuplicateOrganisations: defineQuery({
    subject: 'stakeholders.organisation.duplicates',
    payload: listDuplicateOrganisationsQuerySchema,
    reply: duplicateOrganisationPageSchema,
    access: { roles: ['admin', 'coordinator', 'auditor'] },
    timeoutMs: contractTimeouts.heavy,
  }),
  CreatePerson: defineCommand({
    subject: 'stakeholders.person.create',
    payload: createPersonCommandSchema,
    reply: personSchema,
    access: { roles: writers, actsFor: [actsForPayload('person.memberships.*.organisationId')] },
  }),
  GetPerson: defineQuery({
    subject: 'stakeholders.person.get',
    payload: getPersonQuerySchema,
    reply: personSchema,
    access: { roles: everyone },
  }),
  SetMembership: defineCommand({
    subject: 'stakeholders.person.membership.set',
    payload: setMembershipCommandSchema,
    reply: personSchema,
    access: { roles: writers, actsFor: [actsForPayload('membership.organisationId')] },
  }),
  EndMembership: defineCommand({
    subject: 'stakeholders.person.membership.end',
    payload: endMembershipCommandSchema,
    reply: personSchema,
    access: { roles: writers, actsFor: [actsForPayload('organisationId')] },
  }),
  ListMembers: defineQuery({
    subject: 'stakeholders.organisation.members',
    payload: listMembersQuerySchema,
    reply: personPageSchema,
    access: { roles: everyone },
  }),
  AssignRepresentative: defineCommand({
    subject: 'stakeholders.representative.assign',
    payload: assignRepresentativeCommandSchema,
    reply: representativeSchema,
    access: { roles: writers, partnership, actsFor: [actsForPayload('organisationId')] },
  }),
  ListRepresentatives: defineQuery({
    subject: 'stakeholders.representative.list',
    payload: listRepresentativesQuerySchema,
    reply: z.array(representativeSchema),
    access: { roles: everyone, partnership },
  }),
  UnassignRepresentative: defineCommand({
    subject: 'stakeholders.representative.unassign',
    payload: unassignRepresentativeCommandSchema,
    reply: representativeAssignmentSchema,
    access: { roles: writers, partnership },
  }),
  ListRepresentativeHistory: defineQuery({
    subject: 'stakeholders.representative.history',
    payload: listRepresentativeHistoryQuerySchema,
    reply: z.array(representativeAssignmentSchema),
    access: { roles: everyone, partnership },
  }),
  PutStakeholderMap: defineCommand({
    subject: 'stakeholders.map.put',
    payload: putStakeholderMapCommandSchema,
    reply: stakeholderMapViewSchema,
    access: { roles: staff, partnership },
  }),
  GetStakeholderMap: defineQuery({
    subject: 'stakeholders.map.get',
    payload: getStakeholderMapQuerySchema,
    reply: stakeholderMapViewSchema,
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
