import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import {
  createOrganisationBodySchema,
  duplicateSearchParamsSchema,
  memberSearchParamsSchema,
  objectIdSchema,
  organisationSearchParamsSchema,
  updateOrganisationBodySchema,
  type Actor,
  type CreateOrganisationCommand,
  type EndMembershipCommand,
  type DuplicateOrganisationPage,
  type GetOrganisationQuery,
  type ListDuplicateOrganisationsQuery,
  type ListMembersQuery,
  type ListOrganisationsQuery,
  type Organisation,
  type OrganisationPage,
  type OrganisationVersion,
  type Person,
  type PersonPage,
  type UpdateOrganisationCommand,
  StakeholdersContracts,
} from '@mitra/contracts';
import { ServiceClient, ZodValidationPipe } from '@mitra/platform';
import { CurrentActor } from '../actor/current-actor.decorator';
import { Access, everyone, staff, writers } from '../auth/access-policy';
import { IdempotencyKey } from '../actor/idempotency-key.decorator';
import { jsonSchemaOf } from '../openapi/json-schema';

const idPipe = () => new ZodValidationPipe(objectIdSchema, 'id');

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly services: ServiceClient) {}

  @Post()
  @ApiOperation({
    summary: 'Register an organisation; the same Idempotency-Key twice gives one record',
    description:
      'A likely duplicate (same name once case, spacing, punctuation and forms such as "PT" or "Yayasan" are set aside, in the same region) ' +
      'is refused with 409 and `errors: [{ field: "duplicateOf", reason: <id of the existing record> }, { field: "duplicateOf.name", reason: <its name> }]`, ' +
      'unless `acknowledgeDuplicate` is true.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiBody({ schema: jsonSchemaOf(createOrganisationBodySchema) })
  @Access({ roles: staff })
  create(
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(createOrganisationBodySchema)) body: z.output<typeof createOrganisationBodySchema>,
    @CurrentActor() actor: Actor,
  ): Promise<Organisation> {
    const { acknowledgeDuplicate, ...organisation } = body;
    const command: CreateOrganisationCommand = { idempotencyKey, actor, organisation, acknowledgeDuplicate };
    return this.services.send(StakeholdersContracts.CreateOrganisation, command);
  }

  @Get()
  @ApiOperation({
    summary: 'Search organisations by name, sector, region and resources, a page at a time',
    description:
      '`name`: words that begin words of the name, in any order, case, accents and punctuation aside ("cibang" finds ' +
      '"LPM Kelurahan Cibangkong"). `sector`, `resources`, `vulnerableGroups`: comma-separated or repeated; ' +
      'any of the sectors, all of the resources and groups. `province`, `regency`, `district`, `village`: each given level must match. ' +
      '`limit` (1–100, default 20); `cursor`: the `nextCursor` of the previous page. `total`: `{count, exact}`, exact on the last ' +
      'page, before it the matches shown so far (more follow): counting every match would read them all.',
  })
  @ApiQuery({ name: 'query', required: false, schema: jsonSchemaOf(organisationSearchParamsSchema), style: 'form', explode: true })
  @Access({ roles: everyone })
  list(
    @Query(new ZodValidationPipe(organisationSearchParamsSchema)) params: z.output<typeof organisationSearchParamsSchema>,
    @CurrentActor() actor: Actor,
  ): Promise<OrganisationPage> {
    const query: ListOrganisationsQuery = { actor, ...params };
    return this.services.send(StakeholdersContracts.ListOrganisations, query);
  }

  @Get('duplicates')
  @ApiOperation({ summary: 'Pairs of records that likely describe the same organisation (same normalised name and region)' })
  @ApiQuery({ name: 'query', required: false, schema: jsonSchemaOf(duplicateSearchParamsSchema), style: 'form', explode: true })
  @Access({ roles: ['admin', 'coordinator', 'auditor'] })
  duplicates(
    @Query(new ZodValidationPipe(duplicateSearchParamsSchema)) params: z.output<typeof duplicateSearchParamsSchema>,
    @CurrentActor() actor: Actor,
  ): Promise<DuplicateOrganisationPage> {
    const query: ListDuplicateOrganisationsQuery = { actor, ...params };
    return this.services.send(StakeholdersContracts.ListDuplicateOrganisations, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read an organisation' })
  @Access({ roles: everyone })
  get(@Param('id', idPipe()) id: string, @CurrentActor() actor: Actor): Promise<Organisation> {
    const query: GetOrganisationQuery = { actor, id };
    return this.services.send(StakeholdersContracts.GetOrganisation, query);
  }

  @Get(':id/versions')
  @ApiOperation({ summary: "Every version of an organisation's record, oldest first" })
  @Access({ roles: everyone })
  versions(@Param('id', idPipe()) id: string, @CurrentActor() actor: Actor): Promise<OrganisationVersion[]> {
    const query: GetOrganisationQuery = { actor, id };
    return this.services.send(StakeholdersContracts.ListOrganisationVersions, query);
  }

  @Post(':id/versions')
  @ApiOperation({
    summary: 'Write the next version of the whole record, based on the version read (409 if it is no longer current)',
    description: 'Admins and coordinators edit any organisation, a partner representative only its own; auditors only read.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiBody({ schema: jsonSchemaOf(updateOrganisationBodySchema) })
  @Access({ roles: writers, actsFor: [{ in: 'param', path: 'id' }] })
  update(
    @Param('id', idPipe()) id: string,
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(updateOrganisationBodySchema)) body: z.output<typeof updateOrganisationBodySchema>,
    @CurrentActor() actor: Actor,
  ): Promise<Organisation> {
    const command: UpdateOrganisationCommand = { idempotencyKey, actor, id, ...body };
    return this.services.send(StakeholdersContracts.UpdateOrganisation, command);
  }

  @Get(':id/members')
  @ApiOperation({ summary: 'The people who belong to an organisation, a page at a time' })
  @ApiQuery({ name: 'query', required: false, schema: jsonSchemaOf(memberSearchParamsSchema), style: 'form', explode: true })
  @Access({ roles: everyone })
  members(
    @Param('id', idPipe()) organisationId: string,
    @Query(new ZodValidationPipe(memberSearchParamsSchema)) params: z.output<typeof memberSearchParamsSchema>,
    @CurrentActor() actor: Actor,
  ): Promise<PersonPage> {
    const query: ListMembersQuery = { actor, organisationId, ...params };
    return this.services.send(StakeholdersContracts.ListMembers, query);
  }

  @Delete(':id/members/:personId')
  @ApiOperation({
    summary: "End a person's membership of the organisation; it stays on the person's record as a past membership, with who ended it and when",
    description: '404 when the person is not a member; 409 while the person still acts for the organisation in a partnership (`errors` name those partnerships).',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @Access({ roles: writers, actsFor: [{ in: 'param', path: 'id' }] })
  endMembership(
    @Param('id', idPipe()) organisationId: string,
    @Param('personId', new ZodValidationPipe(objectIdSchema, 'personId')) personId: string,
    @IdempotencyKey() idempotencyKey: string,
    @CurrentActor() actor: Actor,
  ): Promise<Person> {
    const command: EndMembershipCommand = { idempotencyKey, actor, personId, organisationId };
    return this.services.send(StakeholdersContracts.EndMembership, command);
  }
}
