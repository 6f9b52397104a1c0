import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  startPartnershipInputSchema,
  type Actor,
  type LifecycleState,
  type StartPartnershipInput,
} from '@mitra/contracts';
import { ZodValidationPipe } from '@mitra/platform';
import { CurrentActor } from '../actor/current-actor.decorator';
import { IdempotencyKey } from '../actor/idempotency-key.decorator';
import { jsonSchemaOf } from '../openapi/json-schema';
import { PartnershipsService } from './partnerships.service';

const partnershipIdSchema = z.string().regex(/^[0-9a-f]{20}$/, 'must be a partnership id');

@ApiTags('partnerships')
@Controller('partnerships')
export class PartnershipsController {
  constructor(private readonly partnerships: PartnershipsService) {}

  @Post()
  @ApiOperation({ summary: 'Start a partnership: its lifecycle workflow begins at Initiation' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiBody({ schema: jsonSchemaOf(startPartnershipInputSchema) })
  start(
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(startPartnershipInputSchema)) input: StartPartnershipInput,
    @CurrentActor() actor: Actor,
  ): Promise<LifecycleState> {
    return this.partnerships.start(input, idempotencyKey, actor);
  }

  @Get(':id')
  @ApiOperation({ summary: "A partnership's lifecycle state, read from its workflow" })
  state(@Param('id', new ZodValidationPipe(partnershipIdSchema, 'id')) id: string): Promise<LifecycleState> {
    return this.partnerships.state(id);
  }
}
