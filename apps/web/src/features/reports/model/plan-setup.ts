import {
  aggregationOf,
  unitKind,
  unitValueRefusal,
  type Disaggregation,
  type IndicatorInput,
  type LifecycleState,
  type MonitoringPlan,
  type ReportingSchedule,
} from '@mitra/contracts';
import { dueOn, periodBounds } from '@mitra/domain';

/** Linked to an indicator of the SDG catalogue, or the partnership's own indicator under a chosen target. */
export type IndicatorSource = 'catalogue' | 'own';

export interface TargetRowValues {
  /** A stable React key for the row. */
  key: string;
  periodNumber: number | '';
  value: number | '';
}

/** Named like the api's fields, so its field errors land on the same paths. */
export interface IndicatorFormValues {
  source: IndicatorSource;
  sdg: { code: string };
  name: string;
  unit: string;
  direction: IndicatorInput['direction'];
  accumulation: NonNullable<IndicatorInput['accumulation']>;
  targets: TargetRowValues[];
  disaggregations: Disaggregation[];
  /** Fixed right after the indicator is defined when given. */
  baseline: BaselineFormValues;
}

export interface BaselineFormValues {
  value: number | '';
  /** YYYY-MM-DD: the day the baseline was measured. */
  date: string;
}

let rowCounter = 0;
export const targetRow = (periodNumber: number | '' = '', value: number | '' = ''): TargetRowValues => ({
  key: `target-${++rowCounter}`,
  periodNumber,
  value,
});

/** Sex-disaggregated data is asked for from the start: the guide wants gender-responsive monitoring. */
export const emptyIndicatorForm = (): IndicatorFormValues => ({
  source: 'catalogue',
  sdg: { code: '' },
  name: '',
  unit: '',
  direction: 'higher_is_better',
  accumulation: 'cumulative',
  targets: [targetRow()],
  disaggregations: ['sex'],
  baseline: { value: '', date: '' },
});

export type SetupErrorKey =
  'required' | 'numberInvalid' | 'dateInvalid' | 'outsideUnit' | 'perGroupNotCumulative';
/** Form path → why it is wrong, as a key of the reports bundle's `setup.errors`. */
export type SetupErrors = Record<string, SetupErrorKey>;

const isBlank = (value: number | string) => value === '' || (typeof value === 'string' && !value.trim());
/** A real calendar day as YYYY-MM-DD (not 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Blank, refused by its field (NaN), or outside the indicator's unit (the contract's rule: a percentage 0–100). */
function numberError(value: number | '', unit?: string): SetupErrorKey | undefined {
  if (value === '') return 'required';
  if (!Number.isFinite(value)) return 'numberInvalid';
  return unit !== undefined && unitValueRefusal(unit, value) ? 'outsideUnit' : undefined;
}

export function validateBaseline(values: BaselineFormValues, prefix = '', unit?: string): SetupErrors {
  const errors: SetupErrors = {};
  const valueError = numberError(values.value, unit);
  if (valueError) errors[`${prefix}value`] = valueError;
  if (!values.date) errors[`${prefix}date`] = 'required';
  else if (!isCalendarDate(values.date)) errors[`${prefix}date`] = 'dateInvalid';
  return errors;
}

/**
 * What must be there before the form is sent. The contract's finer rules (lengths, period ranges,
 * each period once) are the api's to check: its field errors come back to the same paths.
 */
export function validateIndicatorForm(values: IndicatorFormValues): SetupErrors {
  const errors: SetupErrors = {};
  if (!values.sdg.code) errors['sdg.code'] = 'required';
  if (isBlank(values.name)) errors.name = 'required';
  if (isBlank(values.unit)) errors.unit = 'required';
  values.targets.forEach((row, index) => {
    if (row.periodNumber === '') errors[`targets.${index}.periodNumber`] = 'required';
    else if (!Number.isFinite(row.periodNumber)) errors[`targets.${index}.periodNumber`] = 'numberInvalid';
    const valueError = numberError(row.value, values.unit);
    if (valueError) errors[`targets.${index}.value`] = valueError;
  });
  const { value, date } = values.baseline;
  if (value !== '' || date) {
    Object.assign(errors, validateBaseline(values.baseline, 'baseline.', values.unit));
  }
  if (values.accumulation === 'cumulative' && aggregationOf(unitKind(values.unit)) === 'per_group') {
    errors.accumulation = 'perGroupNotCumulative';
  }
  return errors;
}

export function toIndicatorInput(values: IndicatorFormValues): IndicatorInput {
  return {
    name: values.name.trim(),
    sdg: { kind: values.source === 'catalogue' ? 'indicator' : 'target', code: values.sdg.code },
    unit: values.unit.trim(),
    direction: values.direction,
    accumulation: values.accumulation,
    targets: values.targets.map((row) => ({
      periodNumber: row.periodNumber as number,
      value: row.value as number,
    })),
    disaggregations: [...values.disaggregations],
  };
}

/** The baseline to fix with the new indicator, if the form gave one. */
export function baselineOf(values: IndicatorFormValues): { value: number; date: string } | undefined {
  const { value, date } = values.baseline;
  return value === '' || !date ? undefined : { value, date };
}

export interface ScheduleFormValues {
  startsOn: string;
  periodMonths: number | '';
  graceDays: number | '';
}

/** Quarterly reports due 30 days after each quarter unless the plan says otherwise. */
export const scheduleForm = (schedule?: ReportingSchedule): ScheduleFormValues => ({
  startsOn: schedule?.startsOn ?? '',
  periodMonths: schedule?.periodMonths ?? 3,
  graceDays: schedule?.graceDays ?? 30,
});

export function validateScheduleForm(values: ScheduleFormValues): SetupErrors {
  const errors: SetupErrors = {};
  if (!values.startsOn) errors.startsOn = 'required';
  else if (!isCalendarDate(values.startsOn)) errors.startsOn = 'dateInvalid';
  for (const field of ['periodMonths', 'graceDays'] as const) {
    const error = numberError(values[field]);
    if (error) errors[field] = error;
  }
  return errors;
}

export const toSchedule = (values: ScheduleFormValues): ReportingSchedule => ({
  startsOn: values.startsOn,
  periodMonths: values.periodMonths as number,
  graceDays: values.graceDays as number,
});

/** The first periods of a schedule with their dates, as the monitoring service will count them. */
export function schedulePreview(schedule: ReportingSchedule, count = 4) {
  return Array.from({ length: count }, (_, index) => {
    const periodNumber = index + 1;
    return { periodNumber, ...periodBounds(schedule, periodNumber), dueOn: dueOn(schedule, periodNumber) };
  });
}

/**
 * `done` once the lifecycle recorded it (the Initiation gate reads the lifecycle's facts, which the
 * monitoring service's events set); `recording` while the plan has it but the event is on its way.
 */
export type SetupStatus = 'done' | 'recording' | 'todo';
export type SetupStepId = 'targets' | 'indicators' | 'baseline' | 'schedule';

export function setupSteps(
  plan: MonitoringPlan,
  facts: Pick<LifecycleState['facts'], 'sdgTargetsChosen' | 'baselineFixed'> | undefined,
): { id: SetupStepId; status: SetupStatus; gate: boolean }[] {
  const gated = (fact: boolean | undefined, inPlan: boolean): SetupStatus =>
    fact ? 'done' : inPlan ? 'recording' : 'todo';
  return [
    { id: 'targets', status: gated(facts?.sdgTargetsChosen, plan.sdgTargets.length > 0), gate: true },
    { id: 'indicators', status: plan.indicators.length > 0 ? 'done' : 'todo', gate: false },
    {
      id: 'baseline',
      status: gated(
        facts?.baselineFixed,
        plan.indicators.some((indicator) => indicator.baseline),
      ),
      gate: true,
    },
    { id: 'schedule', status: plan.schedule ? 'done' : 'todo', gate: false },
  ];
}
