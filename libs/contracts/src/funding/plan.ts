import { z } from 'zod';
import { boundedDateSchema } from '../common/date';
import type { RefusalCode } from '../errors/refusal';
import { boundedText as text } from '../common/text';
import { fundingMechanisms } from '../agreements/fields';
import { objectIdSchema } from '../common/actor';
import { replyObject, restating } from '../common/reply';
import { sdgTargetCodeSchema } from '../monitoring/sdg';
import { sectors, type Sector } from '../stakeholders/organisation';

/** Rupiah are whole numbers, and safe integers so that sums stay exact. */
export const rupiahSchema = z.int('must be a whole number of Rupiah').positive('must be more than 0');
/** Commitment, receipt and payment dates: bounded, so the years 1900 and 9999 are refused. */
export const fundingDateSchema = boundedDateSchema;
export const budgetLineIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id of letters, digits, _ and -');
const unique = <T>(list: readonly T[]) => new Set(list).size === list.length;

/** Where a budget line's money comes from. */
export const fundingSources = ['apbn', 'apbd', 'csr', 'philanthropy', 'donor', 'blended'] as const;
export type FundingSource = (typeof fundingSources)[number];
export const blendedInstruments = ['grant', 'guarantee', 'loan', 'result_based_incentive'] as const;
export type BlendedInstrument = (typeof blendedInstruments)[number];
/** CSR (TJSL) fields of activity (bidang), after Bandung's priority fields. */
export const csrFields = [
  'pendidikan',
  'kesehatan',
  'lingkungan',
  'ekonomi',
  'infrastruktur',
  'sosial',
  'seni_budaya',
  'olahraga',
  'keagamaan',
] as const;
export type CsrField = (typeof csrFields)[number];

export const fundingSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('apbn') }),
  z.strictObject({ kind: z.literal('apbd') }),
  z.strictObject({ kind: z.literal('csr'), field: z.enum(csrFields) }),
  z.strictObject({ kind: z.literal('philanthropy') }),
  z.strictObject({ kind: z.literal('donor') }),
  z.strictObject({ kind: z.literal('blended'), instrument: z.enum(blendedInstruments) }),
]);
export type FundingSourceSpec = z.infer<typeof fundingSourceSchema>;

export const budgetLineSchema = z.strictObject({
  /** Chosen by the planner and kept across plan versions: requests refer to it. */
  id: budgetLineIdSchema,
  activity: text(300),
  amount: rupiahSchema,
  year: z
    .int('must be a year')
    .min(2000, 'must be a year from 2000 to 2100')
    .max(2100, 'must be a year from 2000 to 2100'),
  sdgTargets: z
    .array(sdgTargetCodeSchema)
    .min(1, 'must serve at least one SDG target')
    .max(20)
    .refine(unique, { message: 'must name each target once', params: { code: 'list.duplicate' } }),
  responsibleOrganisationId: objectIdSchema,
  source: fundingSourceSchema,
});
export type BudgetLine = z.infer<typeof budgetLineSchema>;

/** How many must approve a disbursement, and from how many organisations other than the requester's. */
export const governanceSchema = z
  .strictObject({
    approvalsRequired: z.int().min(1, 'must be from 1 to 5').max(5, 'must be from 1 to 5'),
    distinctOrganisations: z.int().min(0, 'must be from 0 to 5').max(5, 'must be from 0 to 5'),
  })
  .refine((g) => g.distinctOrganisations <= g.approvalsRequired, {
    path: ['distinctOrganisations'],
    message: 'must not exceed approvalsRequired',
    params: { code: 'funding.approvals_below_organisations' },
  });
export type Governance = z.infer<typeof governanceSchema>;

/**
 * A budget ceiling per organisation of a sector, e.g. Bandung's PIPPK: at most Rp 100.000.000 a year of
 * activity funding per community institution, never as cash to it.
 */
export const budgetCeilingSchema = z.strictObject({
  sector: z.enum(sectors),
  maxPerOrganisationPerYear: rupiahSchema,
  /** False: organisations of this sector never receive a disbursement themselves. */
  cashAllowed: z.boolean().default(false),
});
export type BudgetCeiling = z.infer<typeof budgetCeilingSchema>;

const percentSchema = z
  .number()
  .gt(0, 'must be more than 0')
  .max(100, 'must be at most 100')
  .refine((p) => Math.abs(p * 100 - Math.round(p * 100)) < 1e-6, {
    message: 'must have at most two decimals',
    params: { code: 'number.too_many_decimals', maximum: 2 },
  });
/** Percent as basis points, so that shares add up exactly. */
export const basisPoints = (percent: number) => Math.round(percent * 100);

export const fundingPlanInputSchema = z
  .strictObject({
    mechanism: z.enum(fundingMechanisms),
    /** The common fund's manager, who holds the pooled money (common_fund only). */
    fundHolderOrganisationId: objectIdSchema.optional(),
    /** Each partner's agreed share of the shared activities (co_funding only). */
    shares: z
      .array(z.strictObject({ organisationId: objectIdSchema, percent: percentSchema }))
      .max(50)
      .refine((list) => unique(list.map((s) => s.organisationId)), {
        message: 'must name each organisation once',
        params: { code: 'list.duplicate' },
      })
      .optional(),
    /** Defaults: a common fund needs 2 approvers from 2 organisations, the other mechanisms 1. */
    governance: governanceSchema.optional(),
    ceilings: z
      .array(budgetCeilingSchema)
      .max(sectors.length)
      .refine((list) => unique(list.map((c) => c.sector)), {
        message: 'must name each sector once',
        params: { code: 'list.duplicate' },
      })
      .default([]),
    lines: z
      .array(budgetLineSchema)
      .min(1, 'must have at least one budget line')
      .max(500)
      .refine((list) => unique(list.map((l) => l.id)), {
        message: 'must give each line its own id',
        params: { code: 'list.duplicate' },
      }),
  })
  .superRefine((plan, context) => {
    const issue = (path: PropertyKey[], message: string, code: RefusalCode) =>
      context.addIssue({ code: 'custom', path, message, params: { code } });
    if (plan.mechanism === 'common_fund' && !plan.fundHolderOrganisationId)
      issue(['fundHolderOrganisationId'], 'is required for a common fund', 'funding.fund_holder_required');
    if (plan.mechanism !== 'common_fund' && plan.fundHolderOrganisationId)
      issue(
        ['fundHolderOrganisationId'],
        'is only for a common fund',
        'funding.fund_holder_common_fund_only',
      );
    if (plan.mechanism === 'co_funding') {
      const total = (plan.shares ?? []).reduce((sum, share) => sum + basisPoints(share.percent), 0);
      if (total !== 10_000) issue(['shares'], 'must add up to 100%', 'funding.shares_not_whole');
    } else if (plan.shares) issue(['shares'], 'are only for co-funding', 'funding.shares_co_funding_only');
    // Refinements run on input whose amounts failed their own checks too.
    const amounts = plan.lines.map((line) => line.amount);
    if (
      amounts.every(Number.isSafeInteger) &&
      amounts.reduce((sum, amount) => sum + BigInt(amount), 0n) > BigInt(Number.MAX_SAFE_INTEGER)
    ) {
      issue(['lines'], 'must add up to at most 9,007,199,254,740,991 Rupiah', 'funding.lines_past_exact_sum');
    }
  });
export type FundingPlanInput = z.input<typeof fundingPlanInputSchema>;
export type FundingPlanSettings = z.output<typeof fundingPlanInputSchema>;

const fundingSourceReplySchema = z.discriminatedUnion('kind', [
  replyObject({ kind: z.literal('apbn') }),
  replyObject({ kind: z.literal('apbd') }),
  replyObject({ kind: z.literal('csr'), field: z.enum(csrFields) }),
  replyObject({ kind: z.literal('philanthropy') }),
  replyObject({ kind: z.literal('donor') }),
  replyObject({ kind: z.literal('blended'), instrument: z.enum(blendedInstruments) }),
]);

const governanceReplySchema = replyObject({
  approvalsRequired: z.number(),
  distinctOrganisations: z.number(),
});

/** The plan as in force: the governance rule resolved, and each named organisation's sector when it was set. */
export const fundingPlanSchema = restating<
  Omit<FundingPlanSettings, 'governance'> & {
    governance: Governance;
    version: number;
    organisationSectors: Record<string, Sector>;
  }
>()(
  replyObject({
    mechanism: z.enum(fundingMechanisms),
    fundHolderOrganisationId: z.string().optional(),
    shares: z.array(replyObject({ organisationId: z.string(), percent: z.number() })).optional(),
    governance: governanceReplySchema,
    ceilings: z.array(
      replyObject({
        sector: z.enum(sectors),
        maxPerOrganisationPerYear: z.number(),
        cashAllowed: z.boolean(),
      }),
    ),
    lines: z.array(
      replyObject({
        id: z.string(),
        activity: z.string(),
        amount: z.number(),
        year: z.number(),
        sdgTargets: z.array(z.string()),
        responsibleOrganisationId: z.string(),
        source: fundingSourceReplySchema,
      }),
    ),
    /** 1 for the first plan; each change makes the next. */
    version: z.number(),
    /** The sector of every organisation the plan names, as the stakeholders registry had it. */
    organisationSectors: z.record(z.string(), z.enum(sectors)),
  }),
);
export type FundingPlan = z.infer<typeof fundingPlanSchema>;
