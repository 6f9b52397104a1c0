import { z } from 'zod';
import { replyObject, restating } from '../common/reply';
import { sectors } from '../stakeholders/organisation';
import {
  principles,
  type AssessmentInput,
  type CompleteEvaluationInput,
  type EvaluationOpening,
  type Principle,
} from './evaluation';
import {
  accumulations,
  directions,
  disaggregations,
  reportStatuses,
  type IndicatorDefinition,
  type ReportingSchedule,
  type ReportValue,
} from './plan';

// The monitoring service's views: each schema is the reply of a contract, each type the schema's. The parts
// that restate what an input schema outputs are checked against it (`restating`).

export const sdgLinkReplySchema = z.discriminatedUnion('kind', [
  replyObject({ kind: z.literal('target'), code: z.string() }),
  replyObject({ kind: z.literal('indicator'), code: z.string() }),
]);

export const baselineSchema = replyObject({
  value: z.number(),
  date: z.string(),
  fixedAt: z.string(),
  fixedBy: z.string(),
});
export type Baseline = z.infer<typeof baselineSchema>;

const indicatorDefinitionSchema = restating<IndicatorDefinition>()(
  replyObject({
    name: z.string(),
    sdg: sdgLinkReplySchema,
    unit: z.string(),
    direction: z.enum(directions),
    accumulation: z.enum(accumulations),
    targets: z.array(replyObject({ periodNumber: z.number(), value: z.number() })),
    disaggregations: z.array(z.enum(disaggregations)),
  }),
);

export const partnershipIndicatorSchema = indicatorDefinitionSchema.extend({
  id: z.string(),
  baseline: baselineSchema.optional(),
  definedAt: z.string(),
  definedBy: z.string(),
});
export type PartnershipIndicator = z.infer<typeof partnershipIndicatorSchema>;

const reportValueReplySchema = restating<ReportValue>()(
  replyObject({
    indicatorId: z.string(),
    value: z.number(),
    breakdown: z.array(
      replyObject({ dimensions: z.partialRecord(z.enum(disaggregations), z.string()), value: z.number() }),
    ),
  }),
);

export const progressReportSchema = replyObject({
  id: z.string(),
  periodNumber: z.number(),
  organisationId: z.string(),
  /** 1 for the first submission of this period by this organisation; each resubmission or correction adds one. */
  revision: z.number(),
  /** A revision submitted after an approved one: a late correction, shown as such. */
  correctionOf: z.string().optional(),
  status: z.enum(reportStatuses),
  values: z.array(reportValueReplySchema),
  narrative: z.string(),
  evidenceLinks: z.array(z.string()),
  submittedAt: z.string(),
  submittedBy: z.string(),
  reviewedAt: z.string().optional(),
  reviewedBy: z.string().optional(),
  /** Why the coordinator returned it; the submitter sees it. */
  returnReason: z.string().optional(),
});
export type ProgressReport = z.infer<typeof progressReportSchema>;

export const reportingPunctualitySchema = replyObject({
  /** Periods whose due date has passed. */
  duePeriods: z.number(),
  onTime: z.number(),
  late: z.number(),
  missing: z.number(),
  /** onTime / duePeriods; null before any period is due. */
  rate: z.number().nullable(),
  periods: z.array(
    replyObject({
      periodNumber: z.number(),
      dueOn: z.string(),
      firstSubmittedAt: z.string().nullable(),
      status: z.enum(['on_time', 'late', 'missing']),
    }),
  ),
});
export type ReportingPunctuality = z.infer<typeof reportingPunctualitySchema>;

const score = z.number();
const assessmentInputSchema = restating<AssessmentInput>()(
  replyObject({
    principles: replyObject(
      Object.fromEntries(principles.map((p) => [p, score])) as Record<Principle, typeof score>,
    ),
    results: score,
    comment: z.string(),
  }),
);

export const assessmentSchema = assessmentInputSchema.extend({
  userId: z.string(),
  organisationId: z.string(),
  at: z.string(),
});
export type Assessment = z.infer<typeof assessmentSchema>;

const evaluationOpeningSchema = restating<EvaluationOpening>()(
  replyObject({
    title: z.string(),
    stakeholderGroups: z.array(z.enum(sectors)),
    panel: z.array(replyObject({ userId: z.string(), organisationId: z.string(), group: z.enum(sectors) })),
  }),
);

const completionSchema = restating<CompleteEvaluationInput>()(
  replyObject({
    findings: z.string(),
    lessons: replyObject({ worked: z.array(z.string()), failed: z.array(z.string()) }),
    improvementActions: z.array(
      replyObject({ action: z.string(), ownerOrganisationId: z.string(), dueDate: z.string().optional() }),
    ),
  }),
);

export const evaluationSchema = evaluationOpeningSchema.extend({
  id: z.string(),
  status: z.enum(['open', 'completed']),
  /** Every stakeholder group of the partnership has a member on the panel. */
  panelCoversAllGroups: z.boolean(),
  assessments: z.array(assessmentSchema),
  openedAt: z.string(),
  openedBy: z.string(),
  completion: completionSchema.extend({ at: z.string(), by: z.string() }).optional(),
});
export type Evaluation = z.infer<typeof evaluationSchema>;

export const monitoringPlanSchema = replyObject({
  partnershipId: z.string(),
  schedule: restating<ReportingSchedule>()(
    replyObject({ startsOn: z.string(), periodMonths: z.number(), graceDays: z.number() }),
  ).optional(),
  sdgTargets: z.array(z.string()),
  indicators: z.array(partnershipIndicatorSchema),
  reports: z.array(progressReportSchema),
  /** Absent in plans stored before evaluations existed. */
  evaluations: z.array(evaluationSchema).optional(),
});
export type MonitoringPlan = z.infer<typeof monitoringPlanSchema>;

/** Progress to target of one indicator, from approved reports only. */
export const indicatorProgressSchema = replyObject({
  indicatorId: z.string(),
  baseline: z.number().nullable(),
  /** The latest approved period and its value (cumulative indicators: the sum up to it). */
  period: z.number().nullable(),
  current: z.number().nullable(),
  /** The target of that period, or else of the nearest earlier period that has one. */
  target: z.number().nullable(),
  /** (current − baseline) / (target − baseline): 0 at the baseline, 1 at the target, whichever the direction. */
  progress: z.number().nullable(),
});
export type IndicatorProgress = z.infer<typeof indicatorProgressSchema>;

export const disaggregationCompletenessSchema = replyObject({
  /** Reported values whose indicator asks for disaggregations. */
  required: z.number(),
  /** Those with a breakdown whose every entry names every required dimension. */
  complete: z.number(),
  /** complete / required; null when nothing asks for a breakdown. */
  rate: z.number().nullable(),
});
export type DisaggregationCompleteness = z.infer<typeof disaggregationCompletenessSchema>;

export const healthReasonSchema = z.discriminatedUnion('code', [
  replyObject({ code: z.literal('reports_missing'), periods: z.array(z.number()) }),
  replyObject({ code: z.literal('report_late'), periodNumber: z.number() }),
  replyObject({ code: z.literal('indicator_behind'), indicatorId: z.string(), progress: z.number() }),
  replyObject({ code: z.literal('disaggregation_incomplete'), rate: z.number() }),
  replyObject({ code: z.literal('nothing_due_yet') }),
]);
export type HealthReason = z.infer<typeof healthReasonSchema>;

/** Computed from the plan's data, never self-reported; the reasons explain the status. */
export const partnershipHealthFigureSchema = replyObject({
  status: z.enum(['on_track', 'at_risk', 'off_track', 'inactive']),
  reasons: z.array(healthReasonSchema),
});
export type PartnershipHealthFigure = z.infer<typeof partnershipHealthFigureSchema>;

export const planProgressSchema = replyObject({
  indicators: z.array(indicatorProgressSchema),
  punctuality: reportingPunctualitySchema.nullable(),
  disaggregation: disaggregationCompletenessSchema,
  health: partnershipHealthFigureSchema,
});
export type PlanProgress = z.infer<typeof planProgressSchema>;
