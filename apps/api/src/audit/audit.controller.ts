import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type {
  Actor,
  ChainVerification,
  LifecycleState,
  PartnershipSnapshot,
  ReplayReport,
  SnapshotComparison,
} from '@mitra/contracts';
import { ZodValidationPipe } from '@mitra/platform';
import { CurrentActor } from '../actor/current-actor.decorator';
import { Access, type PartnershipLocator } from '../auth/access-policy';
import { AuditService } from './audit.service';
import { IatiExportService } from './iati-export.service';
import { VerifyService } from './verify.service';

const partnershipIdSchema = z.string().regex(/^[0-9a-f]{20}$/, 'must be a partnership id');
const partnership: PartnershipLocator = { in: 'param', name: 'id', schema: partnershipIdSchema };
const auditors = ['admin', 'auditor', 'coordinator'] as const;
const date = z.iso.date('must be a date YYYY-MM-DD');
const asOfQuerySchema = z.strictObject({ date });
const compareQuerySchema = z.strictObject({ from: date, to: date });

@ApiTags('audit')
@Controller('audit/partnerships/:id')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly iati: IatiExportService,
    private readonly verification: VerifyService,
  ) {}

  @Get('replay')
  @ApiOperation({
    summary:
      "Replay a partnership's workflow history with the code and rules in force: divergences named by event, and every decision's actor, time, reason and evidence",
  })
  @Access({ roles: auditors, partnership })
  replay(@Param('id', new ZodValidationPipe(partnershipIdSchema, 'id')) id: string): Promise<ReplayReport> {
    return this.audit.replay(id);
  }

  @Get('cycles')
  @ApiOperation({
    summary:
      'Every cycle of a partnership (renewals start a new one), oldest first, each with its decisions: read from the workflow history',
  })
  @Access({ roles: auditors, partnership })
  cycles(
    @Param('id', new ZodValidationPipe(partnershipIdSchema, 'id')) id: string,
  ): Promise<LifecycleState[]> {
    return this.audit.cycles(id);
  }

  @Get('verify')
  @ApiOperation({
    summary:
      'Check the hash chain of decisions, ledger entries and signatures: the history must reproduce every head it checkpointed, and every stored record must be as it was linked (edited, deleted, reordered and unlinked records are named)',
  })
  @Access({ roles: auditors, partnership })
  verify(
    @Param('id', new ZodValidationPipe(partnershipIdSchema, 'id')) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<ChainVerification> {
    return this.verification.verify(actor, id);
  }

  @Get('as-of')
  @ApiOperation({
    summary:
      'The partnership as it stood at the end of a day (Asia/Jakarta): stage, partners, MoU in force, indicator values',
  })
  @ApiQuery({ name: 'date', example: '2026-06-30' })
  @Access({ roles: auditors, partnership })
  asOf(
    @Param('id', new ZodValidationPipe(partnershipIdSchema, 'id')) id: string,
    @Query(new ZodValidationPipe(asOfQuerySchema)) query: z.infer<typeof asOfQuerySchema>,
    @CurrentActor() actor: Actor,
  ): Promise<PartnershipSnapshot> {
    return this.audit.asOf(actor, id, query.date);
  }

  @Get('compare')
  @ApiOperation({ summary: 'What changed in a partnership between the ends of two days (Asia/Jakarta)' })
  @ApiQuery({ name: 'from', example: '2026-03-31' })
  @ApiQuery({ name: 'to', example: '2026-06-30' })
  @Access({ roles: auditors, partnership })
  compare(
    @Param('id', new ZodValidationPipe(partnershipIdSchema, 'id')) id: string,
    @Query(new ZodValidationPipe(compareQuerySchema)) query: z.infer<typeof compareQuerySchema>,
    @CurrentActor() actor: Actor,
  ): Promise<SnapshotComparison> {
    return this.audit.compare(actor, id, query.from, query.to);
  }

  @Get('iati')
  @Header('content-type', 'application/xml; charset=utf-8')
  @ApiOperation({
    summary:
      'The partnership as an IATI 2.03 activity: participating organisations, SDG goals/targets/indicators (sector vocabularies 7, 8, 9), budget, transactions, results',
  })
  @Access({ roles: auditors, partnership })
  iatiExport(
    @Param('id', new ZodValidationPipe(partnershipIdSchema, 'id')) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<string> {
    return this.iati.export(actor, id);
  }
}
