import { Controller } from '@nestjs/common';
import {
  type FundingBalance,
  type FundingSummary,
  type FundingTrace,
  type FundingView,
  type LedgerEntry,
  type LedgerPage,
  type StoredRecordDigest,
  FundingContracts,
  type ContractPayload,
} from '@mitra/contracts';
import { Handles } from '@mitra/platform';
import { FundingService } from './funding.service';

@Controller()
export class FundingController {
  constructor(private readonly funding: FundingService) {}

  @Handles(FundingContracts.GetFunding)
  get(query: ContractPayload<typeof FundingContracts.GetFunding>): Promise<FundingView> {
    return this.funding.get(query);
  }

  @Handles(FundingContracts.ListLedger)
  list(
    query: ContractPayload<typeof FundingContracts.ListLedger>,
  ): Promise<LedgerPage> {
    return this.funding.list(query);
  }

  @Handles(FundingContracts.ListLedgerRecords)
  records(query: ContractPayload<typeof FundingContracts.ListLedgerRecords>): Promise<StoredRecordDigest[]> {
    return this.funding.records(query);
  }

  @Handles(FundingContracts.GetBalance)
  balance(
    query: ContractPayload<typeof FundingContracts.GetBalance>,
  ): Promise<FundingBalance> {
    return this.funding.balance(query);
  }

  @Handles(FundingContracts.GetSummary)
  summary(
    query: ContractPayload<typeof FundingContracts.GetSummary>,
  ): Promise<FundingSummary> {
    return this.funding.summary(query);
  }

  @Handles(FundingContracts.GetTrace)
  trace(
    query: ContractPayload<typeof FundingContracts.GetTrace>,
  ): Promise<FundingTrace> {
    return this.funding.trace(query);
  }

  @Handles(FundingContracts.SetPlan)
  setPlan(
    command: ContractPayload<typeof FundingContracts.SetPlan>,
  ): Promise<LedgerEntry> {
    return this.funding.setPlan(command);
  }

  @Handles(FundingContracts.RecordCommitment)
  recordCommitment(
    command: ContractPayload<typeof FundingContracts.RecordCommitment>,
  ): Promise<LedgerEntry> {
    return this.funding.recordCommitment(command);
  }

  @Handles(FundingContracts.RecordReceipt)
  recordReceipt(
    command: ContractPayload<typeof FundingContracts.RecordReceipt>,
  ): Promise<LedgerEntry> {
    return this.funding.recordReceipt(command);
  }

  @Handles(FundingContracts.RequestDisbursement)
  requestDisbursement(
    command: ContractPayload<typeof FundingContracts.RequestDisbursement>,
  ): Promise<LedgerEntry> {
    return this.funding.requestDisbursement(command);
  }

  @Handles(FundingContracts.ApproveDisbursement)
  approveDisbursement(
    command: ContractPayload<typeof FundingContracts.ApproveDisbursement>,
  ): Promise<LedgerEntry> {
    return this.funding.approveDisbursement(command);
  }

  @Handles(FundingContracts.PayDisbursement)
  payDisbursement(
    command: ContractPayload<typeof FundingContracts.PayDisbursement>,
  ): Promise<LedgerEntry> {
    return this.funding.payDisbursement(command);
  }

  @Handles(FundingContracts.RecordExpenditure)
  recordExpenditure(
    command: ContractPayload<typeof FundingContracts.RecordExpenditure>,
  ): Promise<LedgerEntry> {
    return this.funding.recordExpenditure(command);
  }

  @Handles(FundingContracts.ReverseEntry)
  reverseEntry(
    command: ContractPayload<typeof FundingContracts.ReverseEntry>,
  ): Promise<LedgerEntry> {
    return this.funding.reverseEntry(command);
  }

  @Handles(FundingContracts.ReleaseTranche)
  releaseTranche(
    command: ContractPayload<typeof FundingContracts.ReleaseTranche>,
  ): Promise<LedgerEntry> {
    return this.funding.releaseTranche(command);
  }
}
