import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import {
  partnershipIdSchema,
  previewQuerySchema,
  publicationYearSchema,
  publishBodySchema,
  withdrawBodySchema,
  type Actor,
  type GetPublicationsQuery,
  type Publication,
  type PublicationRecord,
  type PublicReport,
  type PublishCommand,
  type PublishInput,
  type WithdrawCommand,
  PublicationContracts,
} from '@mitra/contracts';
import { ServiceClient, ZodValidationPipe } from '@mitra/platform';
import { CurrentActor } from '../actor/current-actor.decorator';
import { IdempotencyKey } from '../actor/idempotency-key.decorator';
import { Access, everyone, staff, type PartnershipLocator } from '../auth/access-policy';
import { jsonSchemaOf } from '../openapi/json-schema';
import { ReportSourcesService } from './report-sources.service';

const partnershipPipe = () => new ZodValidationPipe(partnershipIdSchema, 'partnershipId');
const partnership: PartnershipLocator = { in: 'param', name: 'partnershipId', schema: partnershipIdSchema };

/** A partnership's annual reports: what its coordinators chose to publish, and when they withdrew it. */
@ApiTags('publications')
@Controller('partnerships/:partnershipId/publications')
export class PublicationsController {
  constructor(
    private readonly services: ServiceClient,
    private readonly reports: ReportSourcesService,
  ) {}

  @Get()
  @ApiOperation({ summary: "The partnership's annual reports: each year's snapshot, whether it is public, and every publish and withdraw decision" })
  @Access({ roles: everyone, partnership })
  record(@Param('partnershipId', partnershipPipe()) partnershipId: string, @CurrentActor() actor: Actor): Promise<PublicationRecord> {
    const query: GetPublicationsQuery = { actor, partnershipId };
    return this.services.send(PublicationContracts.Get, query);
  }

  @Get('preview')
  @ApiOperation({ summary: 'The annual report of a year as it would be published now, with the chosen sections only; nothing is stored' })
  @ApiQuery({ name: 'year', example: 2026 })
  @ApiQuery({ name: 'sections', example: 'governance,partners,funding,indicators' })
  @Access({ roles: staff, partnership })
  preview(
    @Param('partnershipId', partnershipPipe()) partnershipId: string,
    @Query(new ZodValidationPipe(previewQuerySchema)) query: z.output<typeof previewQuerySchema>,
    @CurrentActor() actor: Actor,
  ): Promise<PublicReport> {
    return this.reports.report(actor, partnershipId, query.year, query.sections);
  }

  @Post()
  @ApiOperation({ summary: "Publish a year's annual report with the chosen sections: a frozen snapshot, public until withdrawn (republishing replaces it)" })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiBody({ schema: jsonSchemaOf(publishBodySchema) })
  @Access({ roles: staff, partnership })
  async publish(
    @Param('partnershipId', partnershipPipe()) partnershipId: string,
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(publishBodySchema)) body: PublishInput,
    @CurrentActor() actor: Actor,
  ): Promise<Publication> {
    const report = await this.reports.report(actor, partnershipId, body.year, body.sections);
    const command: PublishCommand = { idempotencyKey, actor, partnershipId, ...body, report };
    return this.services.send(PublicationContracts.Publish, command);
  }

  @Post(':year/withdrawal')
  @ApiOperation({ summary: "Withdraw a year's annual report from the public page, with the reason; the decision is recorded" })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiBody({ schema: jsonSchemaOf(withdrawBodySchema) })
  @Access({ roles: staff, partnership })
  withdraw(
    @Param('partnershipId', partnershipPipe()) partnershipId: string,
    @Param('year', new ZodValidationPipe(publicationYearSchema, 'year')) year: number,
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(withdrawBodySchema)) body: z.output<typeof withdrawBodySchema>,
    @CurrentActor() actor: Actor,
  ): Promise<Publication> {
    const command: WithdrawCommand = { idempotencyKey, actor, partnershipId, year, ...body };
    return this.services.send(PublicationContracts.Withdraw, command);
  }
}
