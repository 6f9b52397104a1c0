import { z } from 'zod';
import { partnershipCommand as command, partnershipQuery } from '../common/contract';
import {
  approvalInputSchema,
  commitmentInputSchema,
  disbursementRequestInputSchema,
  expenditureInputSchema,
  paymentInputSchema,
  receiptInputSchema,
  reversalInputSchema,
  sequenceSchema,
  trancheIdSchema,
} from './ledger';
import { fundingPlanInputSchema } from './plan';

export const setPlanCommandSchema = command({ plan: fundingPlanInputSchema });
export const recordCommitmentCommandSchema = command({ commitment: commitmentInputSchema });
export const recordReceiptCommandSchema = command({ receipt: receiptInputSchema });
export const requestDisbursementCommandSchema = command({ request: disbursementRequestInputSchema });
export const approveDisbursementCommandSchema = command({
  request: sequenceSchema,
  approval: approvalInputSchema,
});
export const payDisbursementCommandSchema = command({ request: sequenceSchema, payment: paymentInputSchema });
export const recordExpenditureCommandSchema = command({ expenditure: expenditureInputSchema });
export const reverseEntryCommandSchema = command({ entry: sequenceSchema, reversal: reversalInputSchema });
export const releaseTrancheCommandSchema = command({ trancheId: trancheIdSchema });

export const getFundingQuerySchema = partnershipQuery({});

const pageLimit = z.int().min(1, 'must be from 1 to 500').max(500, 'must be from 1 to 500');
export const listLedgerQuerySchema = getFundingQuerySchema.extend({
  /** Entries after this sequence number (0: from the first). */
  after: z.int().min(0).default(0),
  limit: pageLimit.default(100),
});

export const getTraceQuerySchema = getFundingQuerySchema.extend({
  /** Only the flows that pass through this entry. */
  sequence: sequenceSchema.optional(),
});

// HTTP path and query parameters arrive as strings.
export const sequenceParamSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,8}$/, 'must be a ledger sequence number')
  .transform(Number);
export const ledgerPageParamsSchema = z.strictObject({
  after: z
    .string()
    .regex(/^[0-9]{1,9}$/, 'must be a ledger sequence number or 0')
    .transform(Number)
    .optional(),
  limit: z
    .string()
    .regex(/^[0-9]{1,3}$/, 'must be from 1 to 500')
    .transform(Number)
    .pipe(pageLimit)
    .optional(),
});
export const traceParamsSchema = z.strictObject({ sequence: sequenceParamSchema.optional() });
