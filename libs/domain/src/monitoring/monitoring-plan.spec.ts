import { ErrorCode, MonitoringEventType, type Actor, type MonitoringPlan } from '@mitra/contracts';
import {
  approveReport,
  chooseTargets,
  defineIndicator,
  emptyPlan,
  fixBaseline,
  returnReport,
  setSchedule,
  submitReport,
  type MonitoringContext,
} from './monitoring-plan';

const coordinator: Actor = { userId: 'koordinator', role: 'coordinator' };
const partner: Actor = { userId: 'mitra-a', role: 'partner', organisationId: 'org-a' };
const auditor: Actor = { userId: 'auditor', role: 'auditor' };

let counter = 0;
const ctx = (actor: Actor): MonitoringContext => ({
  actor,
  now: '2026-11-25T10:00:00.000Z',
  newId: () => `id-${++counter}`,
  sdgExists: (link) => ['1.2', '1.2.1'].includes(link.code),
});

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { code?: ErrorCode }).code;
  }
  return undefined;
};

function planWithIndicator(): MonitoringPlan {
  return defineIndicator(
    emptyPlan('p-1'),
    {
      name: 'Balita stunting',
      sdg: { kind: 'indicator', code: '1.2.1' },
      unit: '%',
      direction: 'lower_is_better',
      accumulation: 'per_period',
      targets: [{ periodNumber: 1, value: 20 }],
      disaggregations: ['sex', 'region'],
    },
    ctx(coordinator),
  ).plan;
}

const report = (indicatorId: string, overrides = {}) => ({
  periodNumber: 1,
  values: [
    {
      indicatorId,
      value: 24,
      breakdown: [{ dimensions: { sex: 'female', region: 'Kapuas Hulu' }, value: 24 }],
    },
  ],
  narrative: 'Posyandu aktif di 12 desa.',
  evidenceLinks: [],
  ...overrides,
});

describe('monitoring plan rules', () => {
  it('refuses SDG targets that are not in the catalogue, naming each', () => {
    expect(() => chooseTargets(emptyPlan('p'), ['1.2', '1.9'], ctx(coordinator))).toThrow(
      expect.objectContaining({
        errors: [
          {
            field: 'targets.1',
            reason: '1.9 is not an SDG target',
            code: 'monitoring.not_an_sdg_target',
            params: { code: '1.9' },
          },
        ],
      }),
    );
  });

  it('emits targets.chosen with the chosen targets', () => {
    expect(chooseTargets(emptyPlan('p'), ['1.2'], ctx(coordinator)).events).toEqual([
      { type: MonitoringEventType.TargetsChosen, data: { targets: ['1.2'] } },
    ]);
  });

  it('lets only a coordinator set the reporting schedule', () => {
    const schedule = { startsOn: '2026-01-01', periodMonths: 3, graceDays: 30 };
    expect(code(() => setSchedule(emptyPlan('p'), schedule, ctx(partner)))).toBe(ErrorCode.Forbidden);
    expect(setSchedule(emptyPlan('p'), schedule, ctx(coordinator)).plan.schedule).toEqual(schedule);
  });

  it('lets only a coordinator define indicators', () => {
    expect(
      code(() => defineIndicator(emptyPlan('p'), planWithIndicator().indicators[0]!, ctx(partner))),
    ).toBe(ErrorCode.Forbidden);
  });

  it('fixes a baseline once and refuses to change it', () => {
    const plan = planWithIndicator();
    const id = plan.indicators[0]!.id;
    const fixed = fixBaseline(plan, id, { value: 30, date: '2026-01-01' }, ctx(coordinator));
    expect(fixed.events).toEqual([{ type: MonitoringEventType.BaselineFixed, data: { indicatorIds: [id] } }]);
    expect(fixed.result.baseline).toMatchObject({ value: 30, date: '2026-01-01', fixedBy: 'koordinator' });
    expect(code(() => fixBaseline(fixed.plan, id, { value: 25, date: '2026-01-01' }, ctx(coordinator)))).toBe(
      ErrorCode.Conflict,
    );
  });

  it('refuses a breakdown that does not give exactly the required disaggregations', () => {
    const plan = planWithIndicator();
    const id = plan.indicators[0]!.id;
    const bad = report(id, {
      values: [{ indicatorId: id, value: 1, breakdown: [{ dimensions: { sex: 'female' }, value: 1 }] }],
    });
    expect(() => submitReport(plan, bad, ctx(partner))).toThrow(
      expect.objectContaining({
        errors: [
          {
            field: 'report.values.0.breakdown.0.dimensions',
            reason: 'must give exactly region, sex',
            code: 'monitoring.breakdown_dimensions',
          },
        ],
      }),
    );
    const missing = report(id, { values: [{ indicatorId: id, value: 1, breakdown: [] }] });
    expect(code(() => submitReport(plan, missing, ctx(partner)))).toBe(ErrorCode.ValidationFailed);
  });

  it('refuses a count whose breakdown does not add up, and a percentage above 100, naming the field', () => {
    const counted = defineIndicator(
      emptyPlan('p-1'),
      {
        name: 'Balita ditimbang',
        sdg: { kind: 'target', code: '1.2' },
        unit: 'anak',
        direction: 'higher_is_better',
        accumulation: 'per_period',
        targets: [],
        disaggregations: ['sex'],
      },
      ctx(coordinator),
    );
    const id = counted.result.id;
    const uneven = report(id, {
      values: [
        {
          indicatorId: id,
          value: 125,
          breakdown: [
            { dimensions: { sex: 'female' }, value: 600 },
            { dimensions: { sex: 'male' }, value: 31.25 },
          ],
        },
      ],
    });
    expect(() => submitReport(counted.plan, uneven, ctx(partner))).toThrow(
      expect.objectContaining({
        code: ErrorCode.ValidationFailed,
        errors: [
          {
            field: 'report.values.0.breakdown.1.value',
            reason: 'must be a whole number',
            code: 'number.not_whole',
          },
          {
            field: 'report.values.0.breakdown',
            reason: 'adds up to 631.25, not the value 125 (difference -506.25)',
            code: 'monitoring.breakdown_mismatch',
            params: { breakdownSum: 631.25, reported: 125, difference: -506.25 },
          },
        ],
      }),
    );
    const stunting = planWithIndicator();
    const over = report(stunting.indicators[0]!.id, {
      values: [
        {
          indicatorId: stunting.indicators[0]!.id,
          value: 125,
          breakdown: [{ dimensions: { sex: 'female', region: 'Kapuas Hulu' }, value: 24 }],
        },
      ],
    });
    expect(() => submitReport(stunting, over, ctx(partner))).toThrow(
      expect.objectContaining({
        errors: [
          {
            field: 'report.values.0.value',
            reason: 'must be between 0 and 100',
            code: 'number.out_of_range',
            params: { min: 0, max: 100 },
          },
        ],
      }),
    );
    expect(() =>
      fixBaseline(stunting, stunting.indicators[0]!.id, { value: 125, date: '2026-01-01' }, ctx(coordinator)),
    ).toThrow(
      expect.objectContaining({
        errors: [
          {
            field: 'value',
            reason: 'must be between 0 and 100',
            code: 'number.out_of_range',
            params: { min: 0, max: 100 },
          },
        ],
      }),
    );
  });

  it('lets a partner report only for its own organisation, and an auditor not at all', () => {
    const plan = planWithIndicator();
    const id = plan.indicators[0]!.id;
    expect(code(() => submitReport(plan, report(id, { organisationId: 'org-b' }), ctx(partner)))).toBe(
      ErrorCode.Forbidden,
    );
    expect(code(() => submitReport(plan, report(id, { organisationId: 'org-a' }), ctx(auditor)))).toBe(
      ErrorCode.Forbidden,
    );
    expect(submitReport(plan, report(id), ctx(partner)).result.organisationId).toBe('org-a');
  });

  it('returns a report with its reason, takes a resubmission as the next revision, approves and locks it', () => {
    const plan = planWithIndicator();
    const id = plan.indicators[0]!.id;
    const first = submitReport(plan, report(id), ctx(partner));
    expect(first.events[0]).toMatchObject({
      type: MonitoringEventType.ReportSubmitted,
      data: { periodNumber: 1 },
    });
    expect(code(() => submitReport(first.plan, report(id), ctx(partner)))).toBe(ErrorCode.Conflict);
    expect(() => submitReport(first.plan, report(id), ctx(partner))).toThrow(
      expect.objectContaining({
        refusal: { code: 'monitoring.report_awaits_review', params: { period: 1 } },
      }),
    );
    expect(code(() => approveReport(first.plan, first.result.id, ctx(partner)))).toBe(ErrorCode.Forbidden);

    const returned = returnReport(
      first.plan,
      first.result.id,
      'Lampirkan daftar hadir posyandu.',
      ctx(coordinator),
    );
    expect(returned.result).toMatchObject({
      status: 'returned',
      returnReason: 'Lampirkan daftar hadir posyandu.',
    });
    // The partner's period is open again, and its screens update live.
    expect(returned.events).toEqual([
      {
        type: MonitoringEventType.ReportReturned,
        data: { periodNumber: 1, reportId: first.result.id, organisationId: 'org-a' },
      },
    ]);
    const second = submitReport(returned.plan, report(id), ctx(partner));
    expect(second.result).toMatchObject({ revision: 2, status: 'submitted' });
    expect(second.result.correctionOf).toBeUndefined();

    const approved = approveReport(second.plan, second.result.id, ctx(coordinator));
    expect(approved.events).toEqual([
      {
        type: MonitoringEventType.ReportApproved,
        data: { periodNumber: 1, reportId: second.result.id, organisationId: 'org-a' },
      },
    ]);
    expect(
      code(() => returnReport(approved.plan, second.result.id, 'Terlambat dikembalikan.', ctx(coordinator))),
    ).toBe(ErrorCode.Conflict);

    const correction = submitReport(approved.plan, report(id), ctx(partner));
    expect(correction.result).toMatchObject({ revision: 3, correctionOf: second.result.id });
    expect(correction.plan.reports.find((r) => r.id === second.result.id)?.status).toBe('approved');
  });
});
