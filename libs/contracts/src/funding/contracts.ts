import { z } from 'zod';
import { storedRecordDigestSchema } from '../audit/chain';
import type { ContractInput, ContractPayload } from '../common/contract';
import { actsForPayload, everyone, partnershipInPayload, staff, writers } from '../common/access-policy';
import { contractTimeouts, defineCommand, defineQuery } from '../common/contract';
import {
  approveDisbursementCommandSchema,
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
} from './commands';
import { ledgerEntrySchema } from './ledger';
import { fundingBalanceSchema, fundingSummarySchema, fundingTraceSchema, fundingViewSchema, ledgerPageSchema } from './views';

const partnership = partnershipInPayload;

/** The funding service's commands and queries. */
export const FundingContracts = {
  GetFunding: defineQuery({
    subject: 'funding.plan.get',
    payload: getFundingQuerySchema,
    reply: fundingViewSchema,
    access: { roles: everyone, partnership },
  }),
  ListLedger: defineQuery({
    subject: 'funding.ledger.list',
    payload: listLedgerQuerySchema,
    reply: ledgerPageSchema,
    access: { roles: everyone, partnership },
  }),
  /** Every stored entry, read afresh from the database and hashed, for the tamper check. */
  ListLedgerRecords: defineQuery({
    subject: 'funding.ledger.records',
    payload: getFundingQuerySchema,
    reply: z.array(storedRecordDigestSchema),
    access: { roles: everyone, partnership },
    timeoutMs: contractTimeouts.heavy,
  }),
  GetBalance: defineQuery({
    subject: 'funding.balance.get',
    payload: getFundingQuerySchema,
    reply: fundingBalanceSchema,
    access: { roles: everyone, partnership },
  }),
  GetSummary: defineQuery({
    subject: 'funding.summary.get',
    payload: getFundingQuerySchema,
    reply: fundingSummarySchema,
    access: { roles: everyone, partnership },
  }),
  GetTrace: defineQuery({
    subject: 'funding.trace.get',
    payload: getTraceQuerySchema,
    reply: fundingTraceSchema,
    access: { roles: everyone, partnership },
  }),
  SetPlan: defineCommand({
    subject: 'funding.plan.save',
    payload: setPlanCommandSchema,
    reply: ledgerEntrySchema,
    access: { roles: staff, partnership },
  }),
  RecordCommitment: defineCommand({
    subject: 'funding.commitment.record',
    payload: recordCommitmentCommandSchema,
    reply: ledgerEntrySchema,
    access: { roles: writers, partnership, actsFor: [actsForPayload('commitment.organisationId')] },
  }),
  RecordReceipt: defineCommand({
    subject: 'funding.receipt.record',
    payload: recordReceiptCommandSchema,
    reply: ledgerEntrySchema,
    access: { roles: writers, partnership },
  }),
  RequestDisbursement: defineCommand({
    subject: 'funding.disbursement.request',
    payload: requestDisbursementCommandSchema,
    reply: ledgerEntrySchema,
    access: { roles: writers, partnership, actsFor: [actsForPayload('request.requestingOrganisationId')] },
  }),
  ApproveDisbursement: defineCommand({
    subject: 'funding.disbursement.approve',
    payload: approveDisbursementCommandSchema,
    reply: ledgerEntrySchema,
    access: { roles: staff, partnership },
  }),
  PayDisbursement: defineCommand({
    subject: 'funding.disbursement.pay',
    payload: payDisbursementCommandSchema,
    reply: ledgerEntrySchema,
    access: { roles: writers, partnership },
  }),
  RecordExpenditure: defineCommand({
    subject: 'funding.expenditure.record',
    payload: recordExpenditureCommandSchema,
    reply: ledgerEntrySchema,
    access: { roles: writers, partnership },
  }),
  ReverseEntry: defineCommand({
    subject: 'funding.entry.reverse',
    payload: reverseEntryCommandSchema,
    reply: ledgerEntrySchema,
    access: { roles: staff, partnership },
  }),
  ReleaseTranche: defineCommand({
    subject: 'funding.tranche.release',
    payload: releaseTrancheCommandSchema,
    reply: ledgerEntrySchema,
    access: { roles: staff, partnership },
  }),
} as const;

/** What a caller sends (`ContractInput`) or a handler receives (`ContractPayload`), by the names the code uses. */
export type SetPlanCommand = ContractInput<typeof FundingContracts.SetPlan>;
export type RecordCommitmentCommand = ContractInput<typeof FundingContracts.RecordCommitment>;
export type RecordReceiptCommand = ContractInput<typeof FundingContracts.RecordReceipt>;
export type RequestDisbursementCommand = ContractInput<typeof FundingContracts.RequestDisbursement>;
export type ApproveDisbursementCommand = ContractInput<typeof FundingContracts.ApproveDisbursement>;
export type PayDisbursementCommand = ContractInput<typeof FundingContracts.PayDisbursement>;
export type RecordExpenditureCommand = ContractInput<typeof FundingContracts.RecordExpenditure>;
export type ReverseEntryCommand = ContractInput<typeof FundingContracts.ReverseEntry>;
export type ReleaseTrancheCommand = ContractInput<typeof FundingContracts.ReleaseTranche>;
export type GetFundingQuery = ContractPayload<typeof FundingContracts.GetFunding>;
export type ListLedgerQuery = ContractInput<typeof FundingContracts.ListLedger>;
export type GetTraceQuery = ContractInput<typeof FundingContracts.GetTrace>;
