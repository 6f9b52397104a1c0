import { z } from 'zod';
import { httpUrlSchema } from '../common/url';
import { boundedText as text, reasonSchema } from '../common/text';
import { objectIdSchema, type Actor } from '../common/actor';
import { budgetLineIdSchema, fundingDateSchema, rupiahSchema, type FundingPlan } from './plan';

/** Every ledger entry is numbered 1, 2, 3, … per partnership; entries refer to each other by it. */
export const sequenceSchema = z
  .int('must be a ledger sequence number')
  .min(1, 'must be a ledger sequence number');
/** A commitment's instalment: `<commitment sequence>.<instalment number>`, e.g. `4.2`. */
export const trancheIdSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,8}\.[1-9][0-9]?$/, 'must be a tranche id such as 4.2');

export const resultsGateSchema = z.strictObject({
  /** The monitoring reporting period whose approved report releases the tranche. */
  periodNumber: z.int().min(1, 'must be at least 1').max(400),
  /** Whose report; left out, any approved report of the period will do. */
  organisationId: objectIdSchema.optional(),
});
export type ResultsGate = z.infer<typeof resultsGateSchema>;

export const instalmentSchema = z.strictObject({
  dueOn: fundingDateSchema,
  amount: rupiahSchema,
  resultsGate: resultsGateSchema.optional(),
});
export type Instalment = z.infer<typeof instalmentSchema>;

export const contributionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('cash'), amount: rupiahSchema }),
  z.strictObject({ kind: z.literal('in_kind'), description: text(1000), valueEstimate: rupiahSchema }),
]);
export type Contribution = z.infer<typeof contributionSchema>;
export const contributionValue = (contribution: Contribution) =>
  contribution.kind === 'cash' ? contribution.amount : contribution.valueEstimate;

export const commitmentInputSchema = z
  .strictObject({
    /** The committing partner; a partner representative may leave it out (its own organisation). */
    organisationId: objectIdSchema.optional(),
    contribution: contributionSchema,
    schedule: z.array(instalmentSchema).min(1, 'must have at least one instalment').max(60),
    note: text(1000).optional(),
  })
  .superRefine((input, context) => {
    // Refinements run on input whose amounts failed their own checks too.
    const value = contributionValue(input.contribution);
    const amounts = input.schedule.map((instalment) => instalment.amount);
    if (
      [value, ...amounts].every(Number.isSafeInteger) &&
      amounts.reduce((sum, amount) => sum + BigInt(amount), 0n) !== BigInt(value)
    ) {
      context.addIssue({
        code: 'custom',
        path: ['schedule'],
        message: 'instalments must add up to the amount committed',
      });
    }
    input.schedule.forEach((instalment, i) => {
      if (instalment.resultsGate && input.contribution.kind !== 'cash') {
        context.addIssue({
          code: 'custom',
          path: ['schedule', i, 'resultsGate'],
          message: 'only cash can be released on results',
        });
      }
    });
  });
export type CommitmentInput = z.input<typeof commitmentInputSchema>;

export const receiptInputSchema = z.strictObject({
  /** The commitment this money honours. */
  commitment: sequenceSchema,
  amount: rupiahSchema,
  receivedOn: fundingDateSchema,
  /** Bank transfer or receipt number. */
  reference: text(200),
});
export type ReceiptInput = z.infer<typeof receiptInputSchema>;

export const disbursementRequestInputSchema = z.strictObject({
  lineId: budgetLineIdSchema,
  amount: rupiahSchema,
  purpose: text(1000),
  /** Who asks; a partner representative may leave it out (its own organisation). */
  requestingOrganisationId: objectIdSchema.optional(),
  /** Whose money pays: the fund holder in a common fund, the line's organisation in separate funding, a share holder in co-funding. */
  payingOrganisationId: objectIdSchema.optional(),
  receivingOrganisationId: objectIdSchema,
});
export type DisbursementRequestInput = z.infer<typeof disbursementRequestInputSchema>;

export const approvalInputSchema = z.strictObject({ note: text(1000).optional() });
export type ApprovalInput = z.infer<typeof approvalInputSchema>;

export const paymentInputSchema = z.strictObject({ paidOn: fundingDateSchema, reference: text(200) });
export type PaymentInput = z.infer<typeof paymentInputSchema>;

export const evidenceSchema = z
  .strictObject({
    link: httpUrlSchema.optional(),
    /** A document number when there is no link, e.g. "Kuitansi 017/PKK/2026". */
    reference: text(200).optional(),
    description: text(2000),
  })
  .refine((evidence) => evidence.link !== undefined || evidence.reference !== undefined, {
    path: ['link'],
    message: 'give a link or a reference',
  });
export type Evidence = z.infer<typeof evidenceSchema>;

export const expenditureInputSchema = z.strictObject({
  /** The payment this money was spent from. */
  payment: sequenceSchema,
  amount: rupiahSchema,
  spentOn: fundingDateSchema,
  /** The supplier or beneficiary paid. */
  receivingOrganisationId: objectIdSchema,
  evidence: evidenceSchema,
});
export type ExpenditureInput = z.infer<typeof expenditureInputSchema>;

export const reversalInputSchema = z.strictObject({
  reason: reasonSchema,
});
export type ReversalInput = z.infer<typeof reversalInputSchema>;

// ---------------------------------------------------------------- the ledger entries

export const ledgerEntryKinds = [
  'plan_set',
  'commitment',
  'receipt',
  'disbursement_request',
  'approval',
  'payment',
  'expenditure',
  'reversal',
  'tranche_release',
] as const;
export type LedgerEntryKind = (typeof ledgerEntryKinds)[number];

/** The entries that a reversal may undo. */
export const reversibleKinds = [
  'commitment',
  'receipt',
  'disbursement_request',
  'approval',
  'payment',
  'expenditure',
] as const;
export type ReversibleKind = (typeof reversibleKinds)[number];

/**
 * Whose money a movement draws on: `common` is the pooled fund, `org:<id>` a partner's own money
 * (separate funding and co-funding).
 */
export type Pot = 'common' | `org:${string}`;

interface EntryBase {
  sequence: number;
  at: string;
  actor: Actor;
}

export interface PlanSetEntry extends EntryBase {
  kind: 'plan_set';
  plan: FundingPlan;
}

export interface Tranche extends Instalment {
  id: string;
  number: number;
}

export interface CommitmentEntry extends EntryBase {
  kind: 'commitment';
  organisationId: string;
  contribution: Contribution;
  schedule: Tranche[];
  note?: string;
}

export interface ReceiptEntry extends EntryBase {
  kind: 'receipt';
  commitment: number;
  amount: number;
  receivedOn: string;
  reference: string;
  pot: Pot;
  payerOrganisationId: string;
  receiverOrganisationId: string;
}

/** Which receipts' money a disbursement draws, oldest first: the link that traces every Rupiah. */
export interface Allocation {
  receipt: number;
  amount: number;
}

export interface DisbursementRequestEntry extends EntryBase {
  kind: 'disbursement_request';
  lineId: string;
  amount: number;
  purpose: string;
  requestingOrganisationId: string;
  pot: Pot;
  payerOrganisationId: string;
  receiverOrganisationId: string;
  allocations: Allocation[];
}

export interface ApprovalEntry extends EntryBase {
  kind: 'approval';
  request: number;
  /** The approver's organisation, when it has one. */
  organisationId?: string;
  note?: string;
}

export interface PaymentEntry extends EntryBase {
  kind: 'payment';
  request: number;
  amount: number;
  paidOn: string;
  reference: string;
  payerOrganisationId: string;
  receiverOrganisationId: string;
}

export interface ExpenditureEntry extends EntryBase {
  kind: 'expenditure';
  payment: number;
  lineId: string;
  amount: number;
  spentOn: string;
  payerOrganisationId: string;
  receiverOrganisationId: string;
  evidence: Evidence;
}

export interface ReversalEntry extends EntryBase {
  kind: 'reversal';
  reverses: number;
  reversedKind: ReversibleKind;
  /** The money the reversed movement moved, flowing back (absent for approvals). */
  amount?: number;
  payerOrganisationId?: string;
  receiverOrganisationId?: string;
  reason: string;
}

export interface TrancheReleaseEntry extends EntryBase {
  kind: 'tranche_release';
  trancheId: string;
  commitment: number;
  periodNumber: number;
  /** The approved monitoring reports that released it. */
  reportIds: string[];
}

export type LedgerEntry =
  | PlanSetEntry
  | CommitmentEntry
  | ReceiptEntry
  | DisbursementRequestEntry
  | ApprovalEntry
  | PaymentEntry
  | ExpenditureEntry
  | ReversalEntry
  | TrancheReleaseEntry;

/** An entry as listed: with the reversal that undid it, if any. */
export type LedgerEntryView = LedgerEntry & { reversedBy?: number };
