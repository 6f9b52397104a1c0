import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  createOrganisationInputSchema,
  objectIdSchema,
  StakeholdersSubject,
  type Actor,
  type CreateOrganisationCommand,
  type CreateOrganisationInput,
  type GetOrganisationQuery,
  type Organisation,
} from '@mitra/contracts';
import { ServiceClient, ZodValidationPipe } from '@mitra/platform';
import { CurrentActor } from '../actor/current-actor.decorator';
import { IdempotencyKey } from '../actor/idempotency-key.decorator';
import { jsonSchemaOf } from '../openapi/json-schema';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly services: ServiceClient) {}

  @Post()
  @ApiOperation({ summary: 'Register an organisation; the same Idempotency-Key twice gives one record' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiBody({ schema: jsonSchemaOf(createOrganisationInputSchema) })
  create(
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(createOrganisationInputSchema)) organisation: CreateOrganisationInput,
    @CurrentActor() actor: Actor,
  ): Promise<Organisation> {
    const command: CreateOrganisationCommand = { idempotencyKey, actor, organisation };
    return this.services.request(StakeholdersSubject.CreateOrganisation, command);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read an organisation' })
  get(
    @Param('id', new ZodValidationPipe(objectIdSchema, 'id')) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<Organisation> {
    const query: GetOrganisationQuery = { actor, id };
    return this.services.request(StakeholdersSubject.GetOrganisation, query);
  }
}
