import { z } from 'zod';
import { actorReplySchema } from '../common/actor';
import { replyObject } from '../common/reply';
import { csrFields, fundingPlanSchema } from './plan';
import { contributionReplySchema, ledgerEntryViewSchema, potSchema, trancheSchema } from './ledger';

// The funding service's views: each schema is the reply of a contract, each type the schema's.

export const trancheViewSchema = trancheSchema.extend({
  /** Money may be received against it: it is not tied to results, or monitoring approved the period's report. */
  releasable: z.boolean(),
  release: replyObject({
    sequence: z.number(),
    at: z.string(),
    by: z.string(),
    reportIds: z.array(z.string()),
  }).optional(),
});
export type TrancheView = z.infer<typeof trancheViewSchema>;

export const commitmentViewSchema = replyObject({
  sequence: z.number(),
  organisationId: z.string(),
  contribution: contributionReplySchema,
  note: z.string().optional(),
  recordedAt: z.string(),
  recordedBy: actorReplySchema,
  reversed: z.boolean(),
  /** Received so far (cash). */
  received: z.number(),
  /** What may be received in all: the releasable tranches. */
  releasable: z.number(),
  tranches: z.array(trancheViewSchema),
});
export type CommitmentView = z.infer<typeof commitmentViewSchema>;

export const fundingViewSchema = replyObject({
  partnershipId: z.string(),
  /** The ledger's latest sequence number. */
  sequence: z.number(),
  plan: fundingPlanSchema
    .extend({ sequence: z.number(), setAt: z.string(), setBy: actorReplySchema })
    .optional(),
  commitments: z.array(commitmentViewSchema),
});
export type FundingView = z.infer<typeof fundingViewSchema>;

export const ledgerPageSchema = replyObject({
  entries: z.array(ledgerEntryViewSchema),
  /** The ledger's latest sequence number. */
  sequence: z.number(),
  /** Pass as `after` for the next page; null on the last. */
  nextAfter: z.number().nullable(),
});
export type LedgerPage = z.infer<typeof ledgerPageSchema>;

/** One pot's money: what came in, what requests hold, what was paid out, what is free. */
const moneyBalance = {
  received: z.number(),
  /** Held by requests not yet paid. */
  reserved: z.number(),
  disbursed: z.number(),
  /** received − reserved − disbursed: what a new request may draw. */
  available: z.number(),
};
export const moneyBalanceSchema = replyObject(moneyBalance);
export type MoneyBalance = z.infer<typeof moneyBalanceSchema>;

export const potBalanceSchema = replyObject({
  ...moneyBalance,
  pot: potSchema,
  holderOrganisationId: z.string(),
});
export type PotBalance = z.infer<typeof potBalanceSchema>;

export const fundingBalanceSchema = replyObject({
  partnershipId: z.string(),
  sequence: z.number(),
  pots: z.array(potBalanceSchema),
  total: moneyBalanceSchema,
});
export type FundingBalance = z.infer<typeof fundingBalanceSchema>;

export const fundingTotalsSchema = replyObject({
  ...moneyBalance,
  planned: z.number(),
  committed: z.number(),
  committedInKind: z.number(),
  spent: z.number(),
});
export type FundingTotals = z.infer<typeof fundingTotalsSchema>;

/** Money traced to the partner it came from (disbursed and spent through the allocations). */
export const partnerFiguresSchema = replyObject({
  organisationId: z.string(),
  /** Budget lines the partner is responsible for. */
  planned: z.number(),
  committed: z.number(),
  committedInKind: z.number(),
  received: z.number(),
  disbursed: z.number(),
  spent: z.number(),
});
export type PartnerFigures = z.infer<typeof partnerFiguresSchema>;

/** A line serving several targets counts for each: the rows do not add up to the totals. */
export const sdgFiguresSchema = replyObject({
  target: z.string(),
  planned: z.number(),
  reserved: z.number(),
  disbursed: z.number(),
  spent: z.number(),
});
export type SdgFigures = z.infer<typeof sdgFiguresSchema>;

/** Planned by the lines' year, committed by the instalments' due year, the rest by their dates. */
export const yearFiguresSchema = replyObject({
  year: z.number(),
  planned: z.number(),
  committed: z.number(),
  received: z.number(),
  disbursed: z.number(),
  spent: z.number(),
});
export type YearFigures = z.infer<typeof yearFiguresSchema>;

/** CSR realisation: spent on CSR lines of a field, by the year spent, and how many companies' money it was. */
export const csrRealisationSchema = replyObject({
  field: z.enum(csrFields),
  year: z.number(),
  planned: z.number(),
  spent: z.number(),
  companies: z.number(),
});
export type CsrRealisation = z.infer<typeof csrRealisationSchema>;

const deviation = {
  planned: z.number(),
  spent: z.number(),
  /** spent − planned. */
  deviation: z.number(),
  /** deviation / planned, rounded to 4 decimals; null when nothing is planned. */
  deviationRate: z.number().nullable(),
};
export const deviationSchema = replyObject(deviation);
export type Deviation = z.infer<typeof deviationSchema>;

export const lineDeviationSchema = replyObject({
  ...deviation,
  lineId: z.string(),
  activity: z.string(),
  year: z.number(),
  disbursed: z.number(),
});
export type LineDeviation = z.infer<typeof lineDeviationSchema>;

export const fundingSummarySchema = replyObject({
  partnershipId: z.string(),
  sequence: z.number(),
  totals: fundingTotalsSchema,
  byPartner: z.array(partnerFiguresSchema),
  bySdgTarget: z.array(sdgFiguresSchema),
  byYear: z.array(yearFiguresSchema),
  csr: z.array(csrRealisationSchema),
  deviation: replyObject({ ...deviation, lines: z.array(lineDeviationSchema) }),
});
export type FundingSummary = z.infer<typeof fundingSummarySchema>;

export const traceStages = ['committed', 'held', 'reserved', 'paid', 'spent'] as const;
export type TraceStage = (typeof traceStages)[number];

/**
 * A run of Rupiah followed from its commitment as far as it went: committed but not received,
 * held in a pot, reserved by a request, paid, or spent. Each receipt's flows add up to the receipt.
 */
export const traceFlowSchema = replyObject({
  stage: z.enum(traceStages),
  amount: z.number(),
  /** The partner whose money it is. */
  organisationId: z.string(),
  commitment: z.number(),
  receipt: z.number().optional(),
  request: z.number().optional(),
  payment: z.number().optional(),
  expenditure: z.number().optional(),
  lineId: z.string().optional(),
  /** Who holds or received it at this stage. */
  holderOrganisationId: z.string().optional(),
});
export type TraceFlow = z.infer<typeof traceFlowSchema>;

export const fundingTraceSchema = replyObject({
  partnershipId: z.string(),
  sequence: z.number(),
  flows: z.array(traceFlowSchema),
});
export type FundingTrace = z.infer<typeof fundingTraceSchema>;
