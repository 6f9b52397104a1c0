import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { z } from 'zod';
import {
  approveDisbursementCommandSchema,
  FundingSubject,
  getFundingQuerySchema,
  getTraceQuerySchema,
  listLedgerQuerySchema,
  payDisbursementCommandSchema,
  recordCommitmentCommandSchema,
  recordExpenditureCommandSchema,
  recordReceiptCommandSchema,
  releaseTrancheCommandSchema,
  requestDisbursementCommandSchema,
  reverseEntryCommandSchema,
  setPlanCommandSchema,
  type FundingBalance,
  type FundingSummary,
  type FundingTrace,
  type FundingView,
  type GetFundingQuery,
  type LedgerEntry,
  type LedgerPage,
  type StoredRecordDigest,
} from '@mitra/contracts';
import { ZodValidationPipe } from '@mitra/platform';
import { FundingService } from './funding.service';

@Controller()
export class FundingController {
  constructor(private readonly funding: FundingService) {}

  @MessagePattern(FundingSubject.GetFunding)
  get(@Payload(new ZodValidationPipe(getFundingQuerySchema)) query: GetFundingQuery): Promise<FundingView> {
    return this.funding.get(query);
  }

  @MessagePattern(FundingSubject.ListLedger)
  list(
    @Payload(new ZodValidationPipe(listLedgerQuerySchema)) query: z.output<typeof listLedgerQuerySchema>,
  ): Promise<LedgerPage> {
    return this.funding.list(query);
  }

  @MessagePattern(FundingSubject.ListLedgerRecords)
  records(@Payload(new ZodValidationPipe(getFundingQuerySchema)) query: GetFundingQuery): Promise<StoredRecordDigest[]> {
    return this.funding.records(query);
  }

  @MessagePattern(FundingSubject.GetBalance)
  balance(
    @Payload(new ZodValidationPipe(getFundingQuerySchema)) query: GetFundingQuery,
  ): Promise<FundingBalance> {
    return this.funding.balance(query);
  }

  @MessagePattern(FundingSubject.GetSummary)
  summary(
    @Payload(new ZodValidationPipe(getFundingQuerySchema)) query: GetFundingQuery,
  ): Promise<FundingSummary> {
    return this.funding.summary(query);
  }

  @MessagePattern(FundingSubject.GetTrace)
  trace(
    @Payload(new ZodValidationPipe(getTraceQuerySchema)) query: z.output<typeof getTraceQuerySchema>,
  ): Promise<FundingTrace> {
    return this.funding.trace(query);
  }

  @MessagePattern(FundingSubject.SetPlan)
  setPlan(
    @Payload(new ZodValidationPipe(setPlanCommandSchema)) command: z.output<typeof setPlanCommandSchema>,
  ): Promise<LedgerEntry> {
    return this.funding.setPlan(command);
  }

  @MessagePattern(FundingSubject.RecordCommitment)
  recordCommitment(
    @Payload(new ZodValidationPipe(recordCommitmentCommandSchema))
    command: z.output<typeof recordCommitmentCommandSchema>,
  ): Promise<LedgerEntry> {
    return this.funding.recordCommitment(command);
  }

  @MessagePattern(FundingSubject.RecordReceipt)
  recordReceipt(
    @Payload(new ZodValidationPipe(recordReceiptCommandSchema))
    command: z.output<typeof recordReceiptCommandSchema>,
  ): Promise<LedgerEntry> {
    return this.funding.recordReceipt(command);
  }

  @MessagePattern(FundingSubject.RequestDisbursement)
  requestDisbursement(
    @Payload(new ZodValidationPipe(requestDisbursementCommandSchema))
    command: z.output<typeof requestDisbursementCommandSchema>,
  ): Promise<LedgerEntry> {
    return this.funding.requestDisbursement(command);
  }

  @MessagePattern(FundingSubject.ApproveDisbursement)
  approveDisbursement(
    @Payload(new ZodValidationPipe(approveDisbursementCommandSchema))
    command: z.output<typeof approveDisbursementCommandSchema>,
  ): Promise<LedgerEntry> {
    return this.funding.approveDisbursement(command);
  }

  @MessagePattern(FundingSubject.PayDisbursement)
  payDisbursement(
    @Payload(new ZodValidationPipe(payDisbursementCommandSchema))
    command: z.output<typeof payDisbursementCommandSchema>,
  ): Promise<LedgerEntry> {
    return this.funding.payDisbursement(command);
  }

  @MessagePattern(FundingSubject.RecordExpenditure)
  recordExpenditure(
    @Payload(new ZodValidationPipe(recordExpenditureCommandSchema))
    command: z.output<typeof recordExpenditureCommandSchema>,
  ): Promise<LedgerEntry> {
    return this.funding.recordExpenditure(command);
  }

  @MessagePattern(FundingSubject.ReverseEntry)
  reverseEntry(
    @Payload(new ZodValidationPipe(reverseEntryCommandSchema))
    command: z.output<typeof reverseEntryCommandSchema>,
  ): Promise<LedgerEntry> {
    return this.funding.reverseEntry(command);
  }

  @MessagePattern(FundingSubject.ReleaseTranche)
  releaseTranche(
    @Payload(new ZodValidationPipe(releaseTrancheCommandSchema))
    command: z.output<typeof releaseTrancheCommandSchema>,
  ): Promise<LedgerEntry> {
    return this.funding.releaseTranche(command);
  }
}
