import {
  fixBaselineBodySchema,
  indicatorInputSchema,
  reportingScheduleSchema,
  type MonitoringPlan,
  type PartnershipIndicator,
} from '@mitra/contracts';
import { defineIndicator, emptyPlan, type MonitoringContext } from '@mitra/domain';
import {
  baselineOf,
  emptyIndicatorForm,
  isCalendarDate,
  scheduleForm,
  schedulePreview,
  setupSteps,
  targetRow,
  toIndicatorInput,
  toSchedule,
  validateBaseline,
  validateIndicatorForm,
  validateScheduleForm,
  type IndicatorFormValues,
} from './plan-setup';

const context: MonitoringContext = {
  actor: { userId: 'koordinator', role: 'coordinator', organisationId: 'org-bappeda' },
  now: '2026-06-01T00:00:00.000Z',
  newId: () => 'i-1',
  sdgExists: () => true,
};

function filledIndicator(): IndicatorFormValues {
  return {
    ...emptyIndicatorForm(),
    source: 'own',
    sdg: { code: '11.6' },
    name: '  Warga yang memilah sampah di rumah ',
    unit: 'orang ',
    targets: [targetRow(1, 300), targetRow(4, 1200)],
    disaggregations: ['sex', 'disability'],
    baseline: { value: 50, date: '2026-06-30' },
  };
}

describe('the indicator form', () => {
  it('asks for sex-disaggregated data from the start', () => {
    expect(emptyIndicatorForm().disaggregations).toEqual(['sex']);
  });

  it('sends what the contract and the domain accept, linked to a target or a catalogue indicator', () => {
    const values = filledIndicator();
    expect(validateIndicatorForm(values)).toEqual({});
    const input = indicatorInputSchema.parse(toIndicatorInput(values));
    expect(input).toEqual({
      name: 'Warga yang memilah sampah di rumah',
      sdg: { kind: 'target', code: '11.6' },
      unit: 'orang',
      direction: 'higher_is_better',
      accumulation: 'cumulative',
      targets: [
        { periodNumber: 1, value: 300 },
        { periodNumber: 4, value: 1200 },
      ],
      disaggregations: ['sex', 'disability'],
    });
    expect(defineIndicator(emptyPlan('p-1'), input, context).result).toMatchObject({
      id: 'i-1',
      unit: 'orang',
    });
    expect(toIndicatorInput({ ...values, source: 'catalogue', sdg: { code: '11.6.1' } }).sdg).toEqual({
      kind: 'indicator',
      code: '11.6.1',
    });
  });

  it('names every missing field at its path', () => {
    const values: IndicatorFormValues = {
      ...emptyIndicatorForm(),
      targets: [targetRow(), targetRow(2, Number.NaN)],
    };
    expect(validateIndicatorForm(values)).toEqual({
      'sdg.code': 'required',
      name: 'required',
      unit: 'required',
      'targets.0.periodNumber': 'required',
      'targets.0.value': 'required',
      'targets.1.value': 'numberInvalid',
    });
  });

  it('takes the baseline whole or not at all', () => {
    const values = filledIndicator();
    expect(baselineOf(values)).toEqual({ value: 50, date: '2026-06-30' });
    expect(fixBaselineBodySchema.parse(baselineOf(values))).toEqual({ value: 50, date: '2026-06-30' });
    expect(baselineOf({ ...values, baseline: { value: '', date: '' } })).toBeUndefined();
    expect(validateIndicatorForm({ ...values, baseline: { value: '', date: '' } })).toEqual({});
    expect(validateIndicatorForm({ ...values, baseline: { value: 0, date: '' } })).toEqual({
      'baseline.date': 'required',
    });
    expect(validateIndicatorForm({ ...values, baseline: { value: '', date: '2026-02-30' } })).toEqual({
      'baseline.value': 'required',
      'baseline.date': 'dateInvalid',
    });
    expect(validateBaseline({ value: 12.5, date: '2026-01-31' })).toEqual({});
  });

  it('refuses targets and a baseline outside the unit, and a percentage added up over periods, as the contract does', () => {
    const stunting: IndicatorFormValues = {
      ...filledIndicator(),
      unit: '%',
      targets: [targetRow(1, 120)],
      baseline: { value: -1, date: '2026-06-30' },
    };
    expect(validateIndicatorForm(stunting)).toEqual({
      'targets.0.value': 'outsideUnit',
      'baseline.value': 'outsideUnit',
      accumulation: 'perGroupNotCumulative',
    });
    expect(indicatorInputSchema.safeParse(toIndicatorInput(stunting)).success).toBe(false);
    const people = { ...filledIndicator(), targets: [targetRow(1, 12.5)] };
    expect(validateIndicatorForm(people)).toEqual({ 'targets.0.value': 'outsideUnit' });
    expect(validateBaseline({ value: 12.5, date: '2026-01-31' }, '', 'orang')).toEqual({
      value: 'outsideUnit',
    });
  });

  it('leaves the contract’s finer rules to the api, whose field errors use the same paths', () => {
    const values = { ...filledIndicator(), name: 'Ai', targets: [targetRow(1, 10), targetRow(1, 20)] };
    expect(validateIndicatorForm(values)).toEqual({});
    const refused = indicatorInputSchema.safeParse(toIndicatorInput(values));
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['name', 'targets']);
  });
});

describe('calendar dates', () => {
  it('accepts real days only', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('30/06/2026')).toBe(false);
    expect(isCalendarDate('')).toBe(false);
  });
});

describe('the reporting schedule', () => {
  it('starts quarterly with 30 days’ grace, or from the plan’s schedule', () => {
    expect(scheduleForm()).toEqual({ startsOn: '', periodMonths: 3, graceDays: 30 });
    expect(scheduleForm({ startsOn: '2026-10-01', periodMonths: 6, graceDays: 14 })).toEqual({
      startsOn: '2026-10-01',
      periodMonths: 6,
      graceDays: 14,
    });
  });

  it('sends what the contract accepts and previews the periods as the service counts them', () => {
    const values = { startsOn: '2026-10-01', periodMonths: 3, graceDays: 30 };
    expect(validateScheduleForm(values)).toEqual({});
    const schedule = reportingScheduleSchema.parse(toSchedule(values));
    expect(schedulePreview(schedule, 2)).toEqual([
      { periodNumber: 1, start: '2026-10-01', end: '2026-12-31', dueOn: '2027-01-30' },
      { periodNumber: 2, start: '2027-01-01', end: '2027-03-31', dueOn: '2027-04-30' },
    ]);
  });

  it('names what is missing', () => {
    expect(validateScheduleForm({ startsOn: '', periodMonths: '', graceDays: '' })).toEqual({
      startsOn: 'required',
      periodMonths: 'required',
      graceDays: 'required',
    });
    expect(validateScheduleForm({ startsOn: '2026-09-31', periodMonths: 3, graceDays: 0 })).toEqual({
      startsOn: 'dateInvalid',
    });
  });
});

describe('the set-up checklist', () => {
  const indicator = { id: 'i-1', baseline: undefined } as unknown as PartnershipIndicator;
  const plan = (change: Partial<MonitoringPlan>): MonitoringPlan => ({ ...emptyPlan('p-1'), ...change });
  const statuses = (p: MonitoringPlan, facts?: { sdgTargetsChosen: boolean; baselineFixed: boolean }) =>
    Object.fromEntries(setupSteps(p, facts).map((step) => [step.id, step.status]));

  it('starts with nothing done', () => {
    expect(statuses(plan({}), { sdgTargetsChosen: false, baselineFixed: false })).toEqual({
      targets: 'todo',
      indicators: 'todo',
      baseline: 'todo',
      schedule: 'todo',
    });
  });

  it('shows a gate precondition as being recorded until the lifecycle has it, then done', () => {
    const withBaseline = plan({
      sdgTargets: ['11.6'],
      indicators: [{ ...indicator, baseline: { value: 1, date: '2026-01-01', fixedAt: '', fixedBy: '' } }],
      schedule: { startsOn: '2026-10-01', periodMonths: 3, graceDays: 30 },
    });
    expect(statuses(withBaseline, { sdgTargetsChosen: false, baselineFixed: false })).toEqual({
      targets: 'recording',
      indicators: 'done',
      baseline: 'recording',
      schedule: 'done',
    });
    expect(statuses(withBaseline, undefined)).toMatchObject({ targets: 'recording', baseline: 'recording' });
    expect(statuses(withBaseline, { sdgTargetsChosen: true, baselineFixed: true })).toMatchObject({
      targets: 'done',
      baseline: 'done',
    });
    expect(
      statuses(plan({ indicators: [indicator] }), { sdgTargetsChosen: false, baselineFixed: false }),
    ).toMatchObject({
      indicators: 'done',
      baseline: 'todo',
    });
  });

  it('marks which steps the Initiation gate asks for', () => {
    expect(
      setupSteps(plan({}), undefined)
        .filter((step) => step.gate)
        .map((step) => step.id),
    ).toEqual(['targets', 'baseline']);
  });
});
