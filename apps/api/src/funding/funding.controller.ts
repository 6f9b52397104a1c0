import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import {
  approvalInputSchema,
  commitmentInputSchema,
  disbursementRequestInputSchema,
  expenditureInputSchema,
  fundingPlanInputSchema,
  ledgerPageParamsSchema,
  partnershipIdSchema,
  paymentInputSchema,
  receiptInputSchema,
  reversalInputSchema,
  sequenceParamSchema,
  traceParamsSchema,
  trancheIdSchema,
  type Actor,
  type ApproveDisbursementCommand,
  type FundingBalance,
  type FundingSummary,
  type FundingTrace,
  type FundingView,
  type GetFundingQuery,
  type GetTraceQuery,
  type LedgerEntry,
  type LedgerPage,
  type ListLedgerQuery,
  type PayDisbursementCommand,
  type RecordCommitmentCommand,
  type RecordExpenditureCommand,
  type RecordReceiptCommand,
  type ReleaseTrancheCommand,
  type RequestDisbursementCommand,
  type ReverseEntryCommand,
  type SetPlanCommand,
  FundingContracts,
} from '@mitra/contracts';
import { ServiceClient, ZodValidationPipe } from '@mitra/platform';
import { CurrentActor } from '../actor/current-actor.decorator';
import { IdempotencyKey } from '../actor/idempotency-key.decorator';
import { Access, everyone, staff, writers, type PartnershipLocator } from '../auth/access-policy';
import { jsonSchemaOf } from '../openapi/json-schema';
import { PartnershipExistence } from '../stakeholders/partnership-existence';

const partnershipPipe = () => new ZodValidationPipe(partnershipIdSchema, 'partnershipId');
const sequencePipe = () => new ZodValidationPipe(sequenceParamSchema, 'sequence');
const partnership: PartnershipLocator = { in: 'param', name: 'partnershipId', schema: partnershipIdSchema };

/** A partnership's funding: the plan, commitments, the append-only ledger of money movements, and the figures drawn from it. */
@ApiTags('funding')
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Required on every POST' })
@Controller('partnerships/:partnershipId/funding')
export class FundingController {
  constructor(
    private readonly services: ServiceClient,
    private readonly partnerships: PartnershipExistence,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'The funding plan in force (mechanism, governance rule, ceilings, budget lines) and every commitment with its tranches',
  })
  @Access({ roles: everyone, partnership })
  get(
    @Param('partnershipId', partnershipPipe()) partnershipId: string,
    @CurrentActor() actor: Actor,
  ): Promise<FundingView> {
    const query: GetFundingQuery = { actor, partnershipId };
    return this.services.send(FundingContracts.GetFunding, query);
  }

  @Get('ledger')
  @ApiOperation({
    summary:
      'The ledger, a page at a time: every entry in order, each reversed one with the entry that reversed it',
  })
  @ApiQuery({
    name: 'query',
    required: false,
    schema: jsonSchemaOf(ledgerPageParamsSchema),
    style: 'form',
    explode: true,
  })
  @Access({ roles: everyone, partnership })
  ledger(
    @Param('partnershipId', partnershipPipe()) partnershipId: string,
    @Query(new ZodValidationPipe(ledgerPageParamsSchema)) params: z.output<typeof ledgerPageParamsSchema>,
    @CurrentActor() actor: Actor,
  ): Promise<LedgerPage> {
    const query: ListLedgerQuery = { actor, partnershipId, ...params };
    return this.services.send(FundingContracts.ListLedger, query);
  }

  @Get('balance')
  @ApiOperation({
    summary:
      'What each fund holds, recomputed from the ledger: received, reserved by unpaid requests, disbursed, available',
  })
  @Access({ roles: everyone, partnership })
  balance(
    @Param('partnershipId', partnershipPipe()) partnershipId: string,
    @CurrentActor() actor: Actor,
  ): Promise<FundingBalance> {
    const query: GetFundingQuery = { actor, partnershipId };
    return this.services.send(FundingContracts.GetBalance, query);
  }

  @Get('summary')
  @ApiOperation({
    summary: 'The financial accountability figures',
    description:
      'Committed, received, disbursed and spent in total, per partner (money traced to the partner whose receipt paid it), per SDG target ' +
      '(a line serving two targets counts for both) and per year; CSR realisation per field and year with the number of distinct contributors; ' +
      'spending against the plan per line and in total.',
  })
  @Access({ roles: everyone, partnership })
  summary(
    @Param('partnershipId', partnershipPipe()) partnershipId: string,
    @CurrentActor() actor: Actor,
  ): Promise<FundingSummary> {
    const query: GetFundingQuery = { actor, partnershipId };
    return this.services.send(FundingContracts.GetSummary, query);
  }

  @Get('trace')
  @ApiOperation({
    summary:
      'Every Rupiah followed commitment → receipt → disbursement request → payment → expenditure; `sequence` keeps the flows through one entry',
  })
  @ApiQuery({
    name: 'query',
    required: false,
    schema: jsonSchemaOf(traceParamsSchema),
    style: 'form',
    explode: true,
  })
  @Access({ roles: everyone, partnership })
  trace(
    @Param('partnershipId', partnershipPipe()) partnershipId: string,
    @Query(new ZodValidationPipe(traceParamsSchema)) params: z.output<typeof traceParamsSchema>,
    @CurrentActor() actor: Actor,
  ): Promise<FundingTrace> {
    const query: GetTraceQuery = { actor, partnershipId, ...params };
    return this.services.send(FundingContracts.GetTrace, query);
  }

  @Post('plan')
  @ApiOperation({
    summary: 'Set the whole funding plan as its next version; emits funding.plan.set',
    description:
      'Mechanism separate, co_funding (shares adding up to 100%) or common_fund (a fund holder); the approvals a disbursement needs ' +
      '(default for a common fund: 2 approvers from 2 organisations other than the requester’s); budget ceilings per sector, e.g. at most ' +
      'Rp 100.000.000 a year per community institution and never cash to it; budget lines with their source. Organisations are checked against the stakeholders registry.',
  })
  @ApiBody({ schema: jsonSchemaOf(fundingPlanInputSchema) })
  @Access({ roles: staff, partnership })
  async setPlan(
    @Param('partnershipId', partnershipPipe()) partnershipId: string,
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(fundingPlanInputSchema, 'plan'))
    plan: z.output<typeof fundingPlanInputSchema>,
    @CurrentActor() actor: Actor,
  ): Promise<LedgerEntry> {
    await this.partnerships.ensure(partnershipId);
    const command: SetPlanCommand = { idempotencyKey, actor, partnershipId, plan };
    return this.services.send(FundingContracts.SetPlan, command);
  }

  @Post('commitments')
  @ApiOperation({
    summary:
      "A partner's commitment, cash or in kind, with its schedule of instalments (a tranche may wait for a monitoring period); emits funding.commitment.recorded, and funding.plan.committed with the first",
  })
  @ApiBody({ schema: jsonSchemaOf(commitmentInputSchema) })
  @Access({ roles: writers, partnership, actsFor: [{ in: 'body', path: 'organisationId' }] })
  async recordCommitment(
    @Param('partnershipId', partnershipPipe()) partnershipId: string,
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(commitmentInputSchema, 'commitment'))
    commitment: z.output<typeof commitmentInputSchema>,
    @CurrentActor() actor: Actor,
  ): Promise<LedgerEntry> {
    await this.partnerships.ensure(partnershipId);
    const command: RecordCommitmentCommand = { idempotencyKey, actor, partnershipId, commitment };
    return this.services.send(FundingContracts.RecordCommitment, command);
  }

  @Post('receipts')
  @ApiOperation({
    summary:
      'Money received against a commitment (into the common fund, or made available by the partner); emits funding.receipt.recorded',
  })
  @ApiBody({ schema: jsonSchemaOf(receiptInputSchema) })
  @Access({ roles: writers, partnership })
  async recordReceipt(
    @Param('partnershipId', partnershipPipe()) partnershipId: string,
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(receiptInputSchema, 'receipt')) receipt: z.output<typeof receiptInputSchema>,
    @CurrentActor() actor: Actor,
  ): Promise<LedgerEntry> {
    await this.partnerships.ensure(partnershipId);
    const command: RecordReceiptCommand = { idempotencyKey, actor, partnershipId, receipt };
    return this.services.send(FundingContracts.RecordReceipt, command);
  }

  @Post('disbursements')
  @ApiOperation({
    summary:
      'Request a disbursement against a budget line: never more than the fund holds or the line has left (409); emits funding.disbursement.requested',
  })
  @ApiBody({ schema: jsonSchemaOf(disbursementRequestInputSchema) })
  @Access({ roles: writers, partnership, actsFor: [{ in: 'body', path: 'requestingOrganisationId' }] })
  async requestDisbursement(
    @Param('partnershipId', partnershipPipe()) partnershipId: string,
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(disbursementRequestInputSchema, 'request'))
    request: z.output<typeof disbursementRequestInputSchema>,
    @CurrentActor() actor: Actor,
  ): Promise<LedgerEntry> {
    await this.partnerships.ensure(partnershipId);
    const command: RequestDisbursementCommand = { idempotencyKey, actor, partnershipId, request };
    return this.services.send(FundingContracts.RequestDisbursement, command);
  }

  @Post('disbursements/:sequence/approvals')
  @ApiOperation({
    summary:
      "Approve a disbursement request (never the requester's own); emits funding.disbursement.approved once the plan's rule is met",
  })
  @ApiBody({ schema: jsonSchemaOf(approvalInputSchema) })
  @Access({ roles: staff, partnership })
  async approve(
    @Param('partnershipId', partnershipPipe()) partnershipId: string,
    @Param('sequence', sequencePipe()) sequence: number,
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(approvalInputSchema, 'approval'))
    approval: z.output<typeof approvalInputSchema>,
    @CurrentActor() actor: Actor,
  ): Promise<LedgerEntry> {
    await this.partnerships.ensure(partnershipId);
    const command: ApproveDisbursementCommand = {
      idempotencyKey,
      actor,
      partnershipId,
      request: sequence,
      approval,
    };
    return this.services.send(FundingContracts.ApproveDisbursement, command);
  }

  @Post('disbursements/:sequence/payment')
  @ApiOperation({ summary: 'Pay an approved request, once; emits funding.disbursement.paid' })
  @ApiBody({ schema: jsonSchemaOf(paymentInputSchema) })
  @Access({ roles: writers, partnership })
  async pay(
    @Param('partnershipId', partnershipPipe()) partnershipId: string,
    @Param('sequence', sequencePipe()) sequence: number,
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(paymentInputSchema, 'payment')) payment: z.output<typeof paymentInputSchema>,
    @CurrentActor() actor: Actor,
  ): Promise<LedgerEntry> {
    await this.partnerships.ensure(partnershipId);
    const command: PayDisbursementCommand = {
      idempotencyKey,
      actor,
      partnershipId,
      request: sequence,
      payment,
    };
    return this.services.send(FundingContracts.PayDisbursement, command);
  }

  @Post('expenditures')
  @ApiOperation({
    summary:
      'Money spent from a payment, with evidence (a link or a document reference, and a description); emits funding.expenditure.recorded',
  })
  @ApiBody({ schema: jsonSchemaOf(expenditureInputSchema) })
  @Access({ roles: writers, partnership })
  async recordExpenditure(
    @Param('partnershipId', partnershipPipe()) partnershipId: string,
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(expenditureInputSchema, 'expenditure'))
    expenditure: z.output<typeof expenditureInputSchema>,
    @CurrentActor() actor: Actor,
  ): Promise<LedgerEntry> {
    await this.partnerships.ensure(partnershipId);
    const command: RecordExpenditureCommand = { idempotencyKey, actor, partnershipId, expenditure };
    return this.services.send(FundingContracts.RecordExpenditure, command);
  }

  @Post('entries/:sequence/reversal')
  @ApiOperation({
    summary:
      'Correct an entry by a reversing entry that refers to it (entries are never edited or deleted); emits funding.entry.reversed',
  })
  @ApiBody({ schema: jsonSchemaOf(reversalInputSchema) })
  @Access({ roles: staff, partnership })
  async reverse(
    @Param('partnershipId', partnershipPipe()) partnershipId: string,
    @Param('sequence', sequencePipe()) sequence: number,
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(reversalInputSchema, 'reversal'))
    reversal: z.output<typeof reversalInputSchema>,
    @CurrentActor() actor: Actor,
  ): Promise<LedgerEntry> {
    await this.partnerships.ensure(partnershipId);
    const command: ReverseEntryCommand = { idempotencyKey, actor, partnershipId, entry: sequence, reversal };
    return this.services.send(FundingContracts.ReverseEntry, command);
  }

  @Post('tranches/:trancheId/release')
  @ApiOperation({
    summary:
      "Release a results-gated tranche once monitoring has approved its period's report (asked at this moment); emits funding.tranche.released",
  })
  @Access({ roles: staff, partnership })
  async releaseTranche(
    @Param('partnershipId', partnershipPipe()) partnershipId: string,
    @Param('trancheId', new ZodValidationPipe(trancheIdSchema, 'trancheId')) trancheId: string,
    @IdempotencyKey() idempotencyKey: string,
    @CurrentActor() actor: Actor,
  ): Promise<LedgerEntry> {
    await this.partnerships.ensure(partnershipId);
    const command: ReleaseTrancheCommand = { idempotencyKey, actor, partnershipId, trancheId };
    return this.services.send(FundingContracts.ReleaseTranche, command);
  }
}
