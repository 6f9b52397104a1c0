import { z } from 'zod';
import { boundedDateSchema } from '../common/date';
import { reasonSchema, textSchema } from '../common/text';
import { httpUrlSchema } from '../common/url';
import { partnershipCommand as command, partnershipQuery } from '../common/contract';
import { aggregationOf, unitKind, unitValueIssue } from './indicator-unit';
import { sdgIndicatorCodeSchema, sdgTargetCodeSchema } from './sdg';

export const monitoringIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id of letters, digits, _ and -');
const dateSchema = boundedDateSchema;
const periodNumberSchema = z.number().int('must be a whole number').min(1, 'must be at least 1').max(400);
const finite = z
  .number()
  .refine(Number.isFinite, { message: 'must be a finite number', params: { code: 'number.not_finite' } });

export const disaggregations = ['sex', 'age_group', 'region', 'disability'] as const;
export type Disaggregation = (typeof disaggregations)[number];
export const directions = ['higher_is_better', 'lower_is_better'] as const;
export const accumulations = ['cumulative', 'per_period'] as const;

export const sdgLinkSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('target'), code: sdgTargetCodeSchema }),
  z.strictObject({ kind: z.literal('indicator'), code: sdgIndicatorCodeSchema }),
]);
export type SdgLink = z.infer<typeof sdgLinkSchema>;

export const indicatorInputSchema = z
  .strictObject({
    name: textSchema({ min: 3, max: 300 }),
    sdg: sdgLinkSchema,
    unit: textSchema({ max: 50 }),
    direction: z.enum(directions),
    accumulation: z.enum(accumulations),
    targets: z
      .array(z.strictObject({ periodNumber: periodNumberSchema, value: finite }))
      .max(400)
      .refine((targets) => new Set(targets.map((t) => t.periodNumber)).size === targets.length, {
        message: 'must give each period at most once',
        params: { code: 'list.duplicate' },
      })
      .default([]),
    disaggregations: z
      .array(z.enum(disaggregations))
      .max(4)
      .refine((list) => new Set(list).size === list.length, {
        message: 'must name each disaggregation once',
        params: { code: 'list.duplicate' },
      })
      .default([]),
  })
  // The unit decides what a value may be (a percentage 0–100, a count whole): targets out of it are refused, not corrected.
  .superRefine((indicator, ctx) => {
    indicator.targets.forEach((target, i) => {
      const refused = unitValueIssue(indicator.unit, target.value);
      if (refused)
        ctx.addIssue({
          code: 'custom',
          path: ['targets', i, 'value'],
          message: refused.reason,
          params: { ...refused.params, code: refused.code },
        });
    });
    if (indicator.accumulation === 'cumulative' && aggregationOf(unitKind(indicator.unit)) === 'per_group') {
      ctx.addIssue({
        code: 'custom',
        path: ['accumulation'],
        message: 'a percentage or rate is not added up over periods: must be per_period',
        params: { code: 'monitoring.per_group_not_cumulative' },
      });
    }
  });
export type IndicatorInput = z.input<typeof indicatorInputSchema>;
export type IndicatorDefinition = z.output<typeof indicatorInputSchema>;

export const breakdownEntrySchema = z.strictObject({
  dimensions: z.partialRecord(z.enum(disaggregations), textSchema({ max: 100 })),
  value: finite,
});
export const reportValueSchema = z.strictObject({
  indicatorId: monitoringIdSchema,
  value: finite,
  breakdown: z.array(breakdownEntrySchema).max(500).default([]),
});
export type ReportValue = z.output<typeof reportValueSchema>;

export const reportInputSchema = z.strictObject({
  periodNumber: periodNumberSchema,
  /** The reporting organisation; a partner may leave it out (its own), others must name it. */
  organisationId: z.string().min(1).max(100).optional(),
  values: z.array(reportValueSchema).min(1, 'must report at least one value').max(200),
  narrative: textSchema({ max: 20_000, multiline: true }),
  evidenceLinks: z.array(httpUrlSchema).max(50).default([]),
});
export type ReportInput = z.input<typeof reportInputSchema>;
export type ReportSubmission = z.output<typeof reportInputSchema>;

export const reportStatuses = ['submitted', 'approved', 'returned'] as const;
export type ReportStatus = (typeof reportStatuses)[number];

export const reportingScheduleSchema = z.strictObject({
  /** The first day of period 1 (the start of Implementation). */
  startsOn: dateSchema,
  periodMonths: z.number().int().min(1).max(12).default(3),
  /** Days after a period's end by which its report is due. */
  graceDays: z.number().int().min(0).max(90).default(30),
});
export type ReportingSchedule = z.output<typeof reportingScheduleSchema>;

export const chooseTargetsBodySchema = z.strictObject({
  targets: z
    .array(sdgTargetCodeSchema)
    .min(1, 'must choose at least one SDG target')
    .max(169)
    .refine((list) => new Set(list).size === list.length, {
      message: 'must name each target once',
      params: { code: 'list.duplicate' },
    }),
});
export const chooseTargetsCommandSchema = command(chooseTargetsBodySchema.shape);

export const defineIndicatorCommandSchema = command({ indicator: indicatorInputSchema });

export const fixBaselineBodySchema = z.strictObject({ value: finite, date: dateSchema });
export const fixBaselineCommandSchema = command({
  indicatorId: monitoringIdSchema,
  ...fixBaselineBodySchema.shape,
});

export const submitReportCommandSchema = command({ report: reportInputSchema });

export const approveReportCommandSchema = command({ reportId: monitoringIdSchema });

export const returnReportBodySchema = z.strictObject({
  reason: reasonSchema,
});
export const returnReportCommandSchema = command({
  reportId: monitoringIdSchema,
  ...returnReportBodySchema.shape,
});

export const getPlanQuerySchema = partnershipQuery({});
export const getProgressQuerySchema = getPlanQuerySchema;
export const setScheduleCommandSchema = command({ schedule: reportingScheduleSchema });
