import {
  ErrorCode,
  MitraError,
  MonitoringEventType,
  type Actor,
  type FieldError,
  type IndicatorDefinition,
  type MonitoringPlan,
  type PartnershipIndicator,
  type ProgressReport,
  type ReportSubmission,
  type ReportingSchedule,
  type RefusalCode,
  type RefusalParams,
  type ReportValue,
  type SdgLink,
  unitValueIssue,
} from '@mitra/contracts';
import { reportValueErrors } from './indicator-arithmetic';

/** An event the rules raise; the service gives it its id, time and actor. */
export interface MonitoringEventDraft {
  type: MonitoringEventType;
  data: Record<string, unknown>;
}

export interface MonitoringDecision<R> {
  plan: MonitoringPlan;
  events: MonitoringEventDraft[];
  result: R;
}

/** What a command needs from outside the rules: a fresh id, the clock and the SDG catalogue. */
export interface MonitoringContext {
  actor: Actor;
  now: string;
  newId: () => string;
  sdgExists: (link: SdgLink) => boolean;
}

export const emptyPlan = (partnershipId: string): MonitoringPlan => ({
  partnershipId,
  sdgTargets: [],
  indicators: [],
  reports: [],
});

const forbidden = (message: string) => new MitraError(ErrorCode.Forbidden, message);
const conflict = (
  code: Extract<RefusalCode, `monitoring.${string}`>,
  params: RefusalParams | undefined,
  message: string,
  errors?: FieldError[],
) =>
  MitraError.refused(
    ErrorCode.Conflict,
    code,
    params,
    message,
    errors?.map((error) => ({ code, ...error })),
  );
const isCoordinating = (actor: Actor) => actor.role === 'admin' || actor.role === 'coordinator';

function requireCoordinator(actor: Actor, what: string): void {
  if (!isCoordinating(actor)) throw forbidden(`Only a coordinator may ${what}.`);
}

export function chooseTargets(
  plan: MonitoringPlan,
  targets: string[],
  ctx: MonitoringContext,
): MonitoringDecision<MonitoringPlan> {
  requireCoordinator(ctx.actor, "choose the partnership's SDG targets");
  const unknown = targets.flatMap((code, i) =>
    ctx.sdgExists({ kind: 'target', code })
      ? []
      : [
          {
            field: `targets.${i}`,
            reason: `${code} is not an SDG target`,
            code: 'monitoring.not_an_sdg_target' as const,
            params: { code },
          },
        ],
  );
  if (unknown.length > 0) throw MitraError.validation(unknown);
  const next = { ...plan, sdgTargets: [...targets] };
  return {
    plan: next,
    events: [{ type: MonitoringEventType.TargetsChosen, data: { targets: [...targets] } }],
    result: next,
  };
}

/** The reporting periods' calendar: period 1 starts with Implementation. */
export function setSchedule(
  plan: MonitoringPlan,
  schedule: ReportingSchedule,
  ctx: MonitoringContext,
): MonitoringDecision<MonitoringPlan> {
  requireCoordinator(ctx.actor, 'set the reporting schedule');
  const next = { ...plan, schedule };
  return { plan: next, events: [], result: next };
}

export function defineIndicator(
  plan: MonitoringPlan,
  input: IndicatorDefinition,
  ctx: MonitoringContext,
): MonitoringDecision<PartnershipIndicator> {
  requireCoordinator(ctx.actor, 'define indicators');
  if (!ctx.sdgExists(input.sdg))
    throw MitraError.validation([
      {
        field: 'indicator.sdg.code',
        reason: `${input.sdg.code} is not in the SDG catalogue`,
        code: 'monitoring.not_in_sdg_catalogue',
        params: { code: input.sdg.code },
      },
    ]);
  const indicator: PartnershipIndicator = {
    ...input,
    id: ctx.newId(),
    definedAt: ctx.now,
    definedBy: ctx.actor.userId,
  };
  return { plan: { ...plan, indicators: [...plan.indicators, indicator] }, events: [], result: indicator };
}

function findIndicator(plan: MonitoringPlan, indicatorId: string): PartnershipIndicator {
  const indicator = plan.indicators.find((i) => i.id === indicatorId);
  if (!indicator) throw MitraError.notFound('The indicator');
  return indicator;
}

/** A baseline is fixed once, at Initiation; afterwards it is the yardstick and never changes. */
export function fixBaseline(
  plan: MonitoringPlan,
  indicatorId: string,
  baseline: { value: number; date: string },
  ctx: MonitoringContext,
): MonitoringDecision<PartnershipIndicator> {
  requireCoordinator(ctx.actor, 'fix a baseline');
  const indicator = findIndicator(plan, indicatorId);
  if (indicator.baseline)
    throw conflict(
      'monitoring.baseline_fixed',
      undefined,
      'The baseline of this indicator is already fixed and cannot change.',
      [{ field: 'indicatorId', reason: 'baseline already fixed', code: 'monitoring.baseline_fixed' }],
    );
  const refusal = unitValueIssue(indicator.unit, baseline.value);
  if (refusal) throw MitraError.validation([{ field: 'value', ...refusal }]);
  const fixed: PartnershipIndicator = {
    ...indicator,
    baseline: { ...baseline, fixedAt: ctx.now, fixedBy: ctx.actor.userId },
  };
  return {
    plan: { ...plan, indicators: plan.indicators.map((i) => (i.id === indicatorId ? fixed : i)) },
    events: [{ type: MonitoringEventType.BaselineFixed, data: { indicatorIds: [indicatorId] } }],
    result: fixed,
  };
}

/** Every breakdown entry names exactly the indicator's required disaggregations. */
export function disaggregationErrors(
  indicator: PartnershipIndicator,
  value: ReportValue,
  field: string,
): FieldError[] {
  const required = [...indicator.disaggregations].sort();
  if (required.length > 0 && value.breakdown.length === 0)
    return [
      {
        field: `${field}.breakdown`,
        reason: `must be broken down by ${required.join(', ')}`,
        code: 'monitoring.breakdown_required',
      },
    ];
  return value.breakdown.flatMap((entry, i) => {
    const given = Object.keys(entry.dimensions).sort();
    return given.join(',') === required.join(',')
      ? []
      : [
          {
            field: `${field}.breakdown.${i}.dimensions`,
            ...(required.length > 0
              ? {
                  reason: `must give exactly ${required.join(', ')}`,
                  code: 'monitoring.breakdown_dimensions' as const,
                }
              : {
                  reason: 'this indicator takes no disaggregation',
                  code: 'monitoring.takes_no_disaggregation' as const,
                }),
          },
        ];
  });
}

const latestRevision = (
  plan: MonitoringPlan,
  periodNumber: number,
  organisationId: string,
): ProgressReport | undefined =>
  plan.reports
    .filter((r) => r.periodNumber === periodNumber && r.organisationId === organisationId)
    .sort((a, b) => b.revision - a.revision)[0];

/**
 * A partner reports for its own organisation. Each submission is a new revision: after a return it
 * answers the reason; after an approval it is a visible late correction and the approved one stays.
 */
export function submitReport(
  plan: MonitoringPlan,
  input: ReportSubmission,
  ctx: MonitoringContext,
): MonitoringDecision<ProgressReport> {
  const { actor } = ctx;
  if (actor.role === 'auditor') throw forbidden('An auditor only reads.');
  if (
    actor.role === 'partner' &&
    (!actor.organisationId || (input.organisationId && input.organisationId !== actor.organisationId))
  ) {
    throw forbidden('A partner reports only for its own organisation.');
  }
  const organisationId = input.organisationId ?? actor.organisationId;
  if (!organisationId)
    throw MitraError.validation([
      { field: 'report.organisationId', reason: 'is required', code: 'required' },
    ]);
  const errors = input.values.flatMap((value, i) => {
    const field = `report.values.${i}`;
    const indicator = plan.indicators.find((ind) => ind.id === value.indicatorId);
    return indicator
      ? [...disaggregationErrors(indicator, value, field), ...reportValueErrors(indicator, value, field)]
      : [
          {
            field: `${field}.indicatorId`,
            reason: 'is not an indicator of this partnership',
            code: 'monitoring.not_partnership_indicator' as const,
          },
        ];
  });
  const ids = input.values.map((v) => v.indicatorId);
  if (new Set(ids).size !== ids.length)
    errors.push({
      field: 'report.values',
      reason: 'must report each indicator once',
      code: 'list.duplicate',
    });
  if (errors.length > 0) throw MitraError.validation(errors);

  const previous = latestRevision(plan, input.periodNumber, organisationId);
  if (previous?.status === 'submitted')
    throw conflict(
      'monitoring.report_awaits_review',
      { period: input.periodNumber },
      'A report for this period awaits review; wait for the coordinator to approve or return it.',
    );
  const approved = plan.reports.find(
    (r) =>
      r.periodNumber === input.periodNumber &&
      r.organisationId === organisationId &&
      r.status === 'approved' &&
      r.revision === previous?.revision,
  );
  const report: ProgressReport = {
    id: ctx.newId(),
    periodNumber: input.periodNumber,
    organisationId,
    revision: (previous?.revision ?? 0) + 1,
    ...(approved ? { correctionOf: approved.id } : {}),
    status: 'submitted',
    values: input.values,
    narrative: input.narrative,
    evidenceLinks: input.evidenceLinks,
    submittedAt: ctx.now,
    submittedBy: actor.userId,
  };
  return {
    plan: { ...plan, reports: [...plan.reports, report] },
    events: [
      {
        type: MonitoringEventType.ReportSubmitted,
        data: {
          periodNumber: report.periodNumber,
          reportId: report.id,
          organisationId,
          revision: report.revision,
        },
      },
    ],
    result: report,
  };
}

function review(
  plan: MonitoringPlan,
  reportId: string,
  ctx: MonitoringContext,
  change: Partial<ProgressReport>,
): { plan: MonitoringPlan; report: ProgressReport } {
  requireCoordinator(ctx.actor, 'review reports');
  const report = plan.reports.find((r) => r.id === reportId);
  if (!report) throw MitraError.notFound('The report');
  if (report.status !== 'submitted')
    throw conflict(
      'monitoring.report_already_reviewed',
      { status: report.status },
      `The report is already ${report.status}; an approved period is locked.`,
    );
  const reviewed: ProgressReport = {
    ...report,
    ...change,
    reviewedAt: ctx.now,
    reviewedBy: ctx.actor.userId,
  };
  return {
    plan: { ...plan, reports: plan.reports.map((r) => (r.id === reportId ? reviewed : r)) },
    report: reviewed,
  };
}

export function approveReport(
  plan: MonitoringPlan,
  reportId: string,
  ctx: MonitoringContext,
): MonitoringDecision<ProgressReport> {
  const { plan: next, report } = review(plan, reportId, ctx, { status: 'approved' });
  return {
    plan: next,
    events: [
      {
        type: MonitoringEventType.ReportApproved,
        data: { periodNumber: report.periodNumber, reportId, organisationId: report.organisationId },
      },
    ],
    result: report,
  };
}

export function returnReport(
  plan: MonitoringPlan,
  reportId: string,
  reason: string,
  ctx: MonitoringContext,
): MonitoringDecision<ProgressReport> {
  const { plan: next, report } = review(plan, reportId, ctx, { status: 'returned', returnReason: reason });
  return {
    plan: next,
    events: [
      {
        type: MonitoringEventType.ReportReturned,
        data: { periodNumber: report.periodNumber, reportId, organisationId: report.organisationId },
      },
    ],
    result: report,
  };
}
