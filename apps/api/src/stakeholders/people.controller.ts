import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import {
  membershipInputSchema,
  objectIdSchema,
  personInputSchema,
  type Actor,
  type CreatePersonCommand,
  type GetPersonQuery,
  type MembershipInput,
  type Person,
  type SetMembershipCommand,
  StakeholdersContracts,
} from '@mitra/contracts';
import { ServiceClient, ZodValidationPipe } from '@mitra/platform';
import { CurrentActor } from '../actor/current-actor.decorator';
import { Access, everyone, writers } from '../auth/access-policy';
import { IdempotencyKey } from '../actor/idempotency-key.decorator';
import { jsonSchemaOf } from '../openapi/json-schema';

@ApiTags('people')
@Controller('people')
export class PeopleController {
  constructor(private readonly services: ServiceClient) {}

  @Post()
  @ApiOperation({ summary: 'Register a person with the organisations it belongs to and its role in each' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiBody({ schema: jsonSchemaOf(personInputSchema) })
  @Access({ roles: writers, actsFor: [{ in: 'body', path: 'memberships.*.organisationId' }] })
  create(
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(personInputSchema)) person: z.output<typeof personInputSchema>,
    @CurrentActor() actor: Actor,
  ): Promise<Person> {
    const command: CreatePersonCommand = { idempotencyKey, actor, person };
    return this.services.send(StakeholdersContracts.CreatePerson, command);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a person; a partner representative sees only the people of its own organisation' })
  @Access({ roles: everyone })
  get(@Param('id', new ZodValidationPipe(objectIdSchema, 'id')) id: string, @CurrentActor() actor: Actor): Promise<Person> {
    const query: GetPersonQuery = { actor, id };
    return this.services.send(StakeholdersContracts.GetPerson, query);
  }

  @Post(':id/memberships')
  @ApiOperation({ summary: 'Add the person to an organisation, or change its role there' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiBody({ schema: jsonSchemaOf(membershipInputSchema) })
  @Access({ roles: writers, actsFor: [{ in: 'body', path: 'organisationId' }] })
  setMembership(
    @Param('id', new ZodValidationPipe(objectIdSchema, 'id')) personId: string,
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(membershipInputSchema)) membership: MembershipInput,
    @CurrentActor() actor: Actor,
  ): Promise<Person> {
    const command: SetMembershipCommand = { idempotencyKey, actor, personId, membership };
    return this.services.send(StakeholdersContracts.SetMembership, command);
  }
}
