import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  decisionKinds,
  startPartnershipInputSchema,
  type Actor,
  type DecisionKind,
  type DecisionResult,
  type LifecycleState,
  type StartPartnershipInput,
} from '@mitra/contracts';
import { ZodValidationPipe } from '@mitra/platform';
import { CurrentActor } from '../actor/current-actor.decorator';
import { Access, everyone, staff, writers, type PartnershipLocator } from '../auth/access-policy';
import { IdempotencyKey } from '../actor/idempotency-key.decorator';
import { jsonSchemaOf } from '../openapi/json-schema';
import { PartnershipsService } from './partnerships.service';

const partnershipIdSchema = z.string().regex(/^[0-9a-f]{20}$/, 'must be a partnership id');
const partnership: PartnershipLocator = { in: 'param', name: 'id', schema: partnershipIdSchema };

@ApiTags('partnerships')
@Controller('partnerships')
export class PartnershipsController {
  constructor(private readonly partnerships: PartnershipsService) {}

  @Post()
  @ApiOperation({ summary: 'Start a partnership: its lifecycle workflow begins at Initiation' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiBody({ schema: jsonSchemaOf(startPartnershipInputSchema) })
  @Access({ roles: staff, reply: 'partnership' })
  start(
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(startPartnershipInputSchema)) input: StartPartnershipInput,
    @CurrentActor() actor: Actor,
  ): Promise<LifecycleState> {
    return this.partnerships.start(input, idempotencyKey, actor);
  }

  @Post(':id/decisions/:kind')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Take a human decision: approveGate, returnGate, completeTask, answerQuestion, waiveInclusiveness, decideMaturation, acceptTransfer, addPartner, withdrawPartner, pause, resume, terminate',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @Access({ roles: writers, partnership, actsFor: [{ in: 'body', path: 'organisationId' }] })
  decide(
    @Param('id', new ZodValidationPipe(partnershipIdSchema, 'id')) id: string,
    @Param('kind', new ZodValidationPipe(z.enum(decisionKinds as [DecisionKind, ...DecisionKind[]]), 'kind')) kind: DecisionKind,
    @Body(new ZodValidationPipe(z.record(z.string(), z.unknown()))) body: Record<string, unknown>,
    @IdempotencyKey() idempotencyKey: string,
    @CurrentActor() actor: Actor,
  ): Promise<DecisionResult> {
    return this.partnerships.decide(id, kind, body, idempotencyKey, actor);
  }

  @Get(':id')
  @ApiOperation({ summary: "A partnership's lifecycle state, read from its workflow" })
  @Access({ roles: everyone, partnership })
  state(@Param('id', new ZodValidationPipe(partnershipIdSchema, 'id')) id: string): Promise<LifecycleState> {
    return this.partnerships.state(id);
  }
}
