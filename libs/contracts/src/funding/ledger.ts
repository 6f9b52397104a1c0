import { z } from 'zod';
import { httpUrlSchema } from '../common/url';
import { boundedText as text, reasonSchema } from '../common/text';
import { actorReplySchema, objectIdSchema } from '../common/actor';
import { replyObject, restating } from '../common/reply';
import { budgetLineIdSchema, fundingDateSchema, fundingPlanSchema, rupiahSchema } from './plan';

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
        params: { code: 'funding.schedule_not_commitment' },
      });
    }
    input.schedule.forEach((instalment, i) => {
      if (instalment.resultsGate && input.contribution.kind !== 'cash') {
        context.addIssue({
          code: 'custom',
          path: ['schedule', i, 'resultsGate'],
          message: 'only cash can be released on results',
          params: { code: 'funding.results_gate_cash_only' },
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
    params: { code: 'funding.evidence_link_or_reference' },
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

// The entries as the funding service sends them back: each schema is a reply, each type the schema's.

/**
 * Whose money a movement draws on: `common` is the pooled fund, `org:<id>` a partner's own money
 * (separate funding and co-funding).
 */
export const potSchema = z.union([z.literal('common'), z.templateLiteral(['org:', z.string()])]);
export type Pot = z.infer<typeof potSchema>;

const entryBase = { sequence: z.number(), at: z.string(), actor: actorReplySchema };

export const planSetEntrySchema = replyObject({
  ...entryBase,
  kind: z.literal('plan_set'),
  plan: fundingPlanSchema,
});
export type PlanSetEntry = z.infer<typeof planSetEntrySchema>;

export const contributionReplySchema = restating<Contribution>()(
  z.discriminatedUnion('kind', [
    replyObject({ kind: z.literal('cash'), amount: z.number() }),
    replyObject({ kind: z.literal('in_kind'), description: z.string(), valueEstimate: z.number() }),
  ]),
);

export const trancheSchema = restating<Instalment & { id: string; number: number }>()(
  replyObject({
    dueOn: z.string(),
    amount: z.number(),
    resultsGate: replyObject({ periodNumber: z.number(), organisationId: z.string().optional() }).optional(),
    id: z.string(),
    number: z.number(),
  }),
);
export type Tranche = z.infer<typeof trancheSchema>;

export const commitmentEntrySchema = replyObject({
  ...entryBase,
  kind: z.literal('commitment'),
  organisationId: z.string(),
  contribution: contributionReplySchema,
  schedule: z.array(trancheSchema),
  note: z.string().optional(),
});
export type CommitmentEntry = z.infer<typeof commitmentEntrySchema>;

export const receiptEntrySchema = replyObject({
  ...entryBase,
  kind: z.literal('receipt'),
  commitment: z.number(),
  amount: z.number(),
  receivedOn: z.string(),
  reference: z.string(),
  pot: potSchema,
  payerOrganisationId: z.string(),
  receiverOrganisationId: z.string(),
});
export type ReceiptEntry = z.infer<typeof receiptEntrySchema>;

/** Which receipts' money a disbursement draws, oldest first: the link that traces every Rupiah. */
export const allocationSchema = replyObject({ receipt: z.number(), amount: z.number() });
export type Allocation = z.infer<typeof allocationSchema>;

export const disbursementRequestEntrySchema = replyObject({
  ...entryBase,
  kind: z.literal('disbursement_request'),
  lineId: z.string(),
  amount: z.number(),
  purpose: z.string(),
  requestingOrganisationId: z.string(),
  pot: potSchema,
  payerOrganisationId: z.string(),
  receiverOrganisationId: z.string(),
  allocations: z.array(allocationSchema),
});
export type DisbursementRequestEntry = z.infer<typeof disbursementRequestEntrySchema>;

export const approvalEntrySchema = replyObject({
  ...entryBase,
  kind: z.literal('approval'),
  request: z.number(),
  /** The approver's organisation, when it has one. */
  organisationId: z.string().optional(),
  note: z.string().optional(),
});
export type ApprovalEntry = z.infer<typeof approvalEntrySchema>;

export const paymentEntrySchema = replyObject({
  ...entryBase,
  kind: z.literal('payment'),
  request: z.number(),
  amount: z.number(),
  paidOn: z.string(),
  reference: z.string(),
  payerOrganisationId: z.string(),
  receiverOrganisationId: z.string(),
});
export type PaymentEntry = z.infer<typeof paymentEntrySchema>;

export const expenditureEntrySchema = replyObject({
  ...entryBase,
  kind: z.literal('expenditure'),
  payment: z.number(),
  lineId: z.string(),
  amount: z.number(),
  spentOn: z.string(),
  payerOrganisationId: z.string(),
  receiverOrganisationId: z.string(),
  evidence: restating<Evidence>()(
    replyObject({ link: z.string().optional(), reference: z.string().optional(), description: z.string() }),
  ),
});
export type ExpenditureEntry = z.infer<typeof expenditureEntrySchema>;

export const reversalEntrySchema = replyObject({
  ...entryBase,
  kind: z.literal('reversal'),
  reverses: z.number(),
  reversedKind: z.enum(reversibleKinds),
  /** The money the reversed movement moved, flowing back (absent for approvals). */
  amount: z.number().optional(),
  payerOrganisationId: z.string().optional(),
  receiverOrganisationId: z.string().optional(),
  reason: z.string(),
});
export type ReversalEntry = z.infer<typeof reversalEntrySchema>;

export const trancheReleaseEntrySchema = replyObject({
  ...entryBase,
  kind: z.literal('tranche_release'),
  trancheId: z.string(),
  commitment: z.number(),
  periodNumber: z.number(),
  /** The approved monitoring reports that released it. */
  reportIds: z.array(z.string()),
});
export type TrancheReleaseEntry = z.infer<typeof trancheReleaseEntrySchema>;

export const ledgerEntrySchema = z.discriminatedUnion('kind', [
  planSetEntrySchema,
  commitmentEntrySchema,
  receiptEntrySchema,
  disbursementRequestEntrySchema,
  approvalEntrySchema,
  paymentEntrySchema,
  expenditureEntrySchema,
  reversalEntrySchema,
  trancheReleaseEntrySchema,
]);
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

const reversedBy = { reversedBy: z.number().optional() };
/** An entry as listed: with the reversal that undid it, if any. */
export const ledgerEntryViewSchema = restating<LedgerEntry & { reversedBy?: number }>()(
  z.discriminatedUnion('kind', [
    planSetEntrySchema.extend(reversedBy),
    commitmentEntrySchema.extend(reversedBy),
    receiptEntrySchema.extend(reversedBy),
    disbursementRequestEntrySchema.extend(reversedBy),
    approvalEntrySchema.extend(reversedBy),
    paymentEntrySchema.extend(reversedBy),
    expenditureEntrySchema.extend(reversedBy),
    reversalEntrySchema.extend(reversedBy),
    trancheReleaseEntrySchema.extend(reversedBy),
  ]),
);
export type LedgerEntryView = z.infer<typeof ledgerEntryViewSchema>;
