import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  objectIdSchema,
  partnershipIdSchema,
  representativeInputSchema,
  stakeholderMapInputSchema,
  type Actor,
  type AssignRepresentativeCommand,
  type GetStakeholderMapQuery,
  type ListRepresentativeHistoryQuery,
  type ListRepresentativesQuery,
  type PutStakeholderMapCommand,
  type Representative,
  type RepresentativeAssignment,
  type RepresentativeInput,
  type UnassignRepresentativeCommand,
  type StakeholderMapInput,
  type StakeholderMapView,
  StakeholdersContracts,
} from '@mitra/contracts';
import { ServiceClient, ZodValidationPipe } from '@mitra/platform';
import { CurrentActor } from '../actor/current-actor.decorator';
import { Access, everyone, staff, writers, type PartnershipLocator } from '../auth/access-policy';
import { IdempotencyKey } from '../actor/idempotency-key.decorator';
import { jsonSchemaOf } from '../openapi/json-schema';
import { PartnershipExistence } from './partnership-existence';

const partnershipIdPipe = () => new ZodValidationPipe(partnershipIdSchema, 'partnershipId');
const partnership: PartnershipLocator = { in: 'param', name: 'partnershipId', schema: partnershipIdSchema };

@ApiTags('partnerships')
@Controller('partnerships/:partnershipId')
export class PartnershipStakeholdersController {
  constructor(
    private readonly services: ServiceClient,
    private readonly partnerships: PartnershipExistence,
  ) {}

  @Get('stakeholder-map')
  @ApiOperation({
    summary: "The partnership's stakeholder map and its \"leave no one behind\" check",
    description:
      'Each stakeholder with interest, influence (1–5) and role; the sectors present, who represents women, people with disabilities and the poor, ' +
      'who has high influence but no seat, and the flags no_cso, no_community, no_women_representation that the Initiation gate asks about.',
  })
  @Access({ roles: everyone, partnership })
  map(@Param('partnershipId', partnershipIdPipe()) partnershipId: string, @CurrentActor() actor: Actor): Promise<StakeholderMapView> {
    const query: GetStakeholderMapQuery = { actor, partnershipId };
    return this.services.send(StakeholdersContracts.GetStakeholderMap, query);
  }

  @Post('stakeholder-map/versions')
  @ApiOperation({ summary: 'Write the whole stakeholder map as its next version, based on the version read (0 for the first)' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiBody({ schema: jsonSchemaOf(stakeholderMapInputSchema) })
  @Access({ roles: staff, partnership })
  async putMap(
    @Param('partnershipId', partnershipIdPipe()) partnershipId: string,
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(stakeholderMapInputSchema)) map: StakeholderMapInput,
    @CurrentActor() actor: Actor,
  ): Promise<StakeholderMapView> {
    await this.partnerships.ensure(partnershipId);
    const command: PutStakeholderMapCommand = { idempotencyKey, actor, partnershipId, map };
    return this.services.send(StakeholdersContracts.PutStakeholderMap, command);
  }

  @Get('representatives')
  @ApiOperation({ summary: 'Who acts for which organisation in the partnership' })
  @Access({ roles: everyone, partnership })
  representatives(@Param('partnershipId', partnershipIdPipe()) partnershipId: string, @CurrentActor() actor: Actor): Promise<Representative[]> {
    const query: ListRepresentativesQuery = { actor, partnershipId };
    return this.services.send(StakeholdersContracts.ListRepresentatives, query);
  }

  @Post('representatives')
  @ApiOperation({ summary: "Name the person who acts for one of its organisations in the partnership (one organisation per person and partnership)" })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiBody({ schema: jsonSchemaOf(representativeInputSchema) })
  @Access({ roles: writers, partnership, actsFor: [{ in: 'body', path: 'organisationId' }] })
  async assign(
    @Param('partnershipId', partnershipIdPipe()) partnershipId: string,
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(representativeInputSchema)) input: RepresentativeInput,
    @CurrentActor() actor: Actor,
  ): Promise<Representative> {
    await this.partnerships.ensure(partnershipId);
    const command: AssignRepresentativeCommand = { idempotencyKey, actor, partnershipId, ...input };
    return this.services.send(StakeholdersContracts.AssignRepresentative, command);
  }

  @Get('representatives/history')
  @ApiOperation({ summary: 'Every representative assignment of the partnership, current and ended (with who ended it and when), oldest first' })
  @Access({ roles: everyone, partnership })
  representativeHistory(@Param('partnershipId', partnershipIdPipe()) partnershipId: string, @CurrentActor() actor: Actor): Promise<RepresentativeAssignment[]> {
    const query: ListRepresentativeHistoryQuery = { actor, partnershipId };
    return this.services.send(StakeholdersContracts.ListRepresentativeHistory, query);
  }

  @Delete('representatives/:personId')
  @ApiOperation({ summary: 'The person no longer acts for its organisation in the partnership; the assignment stays in the history' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @Access({ roles: writers, partnership })
  unassign(
    @Param('partnershipId', partnershipIdPipe()) partnershipId: string,
    @Param('personId', new ZodValidationPipe(objectIdSchema, 'personId')) personId: string,
    @IdempotencyKey() idempotencyKey: string,
    @CurrentActor() actor: Actor,
  ): Promise<RepresentativeAssignment> {
    const command: UnassignRepresentativeCommand = { idempotencyKey, actor, partnershipId, personId };
    return this.services.send(StakeholdersContracts.UnassignRepresentative, command);
  }
}
