import {
  disaggregations,
  reportInputSchema,
  toFieldErrors,
  type Disaggregation,
  type PartnershipIndicator,
  type ProgressReport,
  type ReportInput,
} from '@mitra/contracts';
import { breakdownMismatch, reportValueErrors, type BreakdownMismatch } from '@mitra/domain';

/**
 * The answers each disaggregation takes. Sex and disability have fixed codes (the UI translates
 * them), so reports from different partners add up; age groups are suggested but open; regions
 * (kelurahan, kecamatan) are free text.
 */
export const dimensionChoices: Record<Disaggregation, { fixed: boolean; options: readonly string[] }> = {
  sex: { fixed: true, options: ['female', 'male'] },
  disability: { fixed: true, options: ['with_disability', 'without_disability'] },
  age_group: { fixed: false, options: ['0-5', '6-17', '18-59', '60+'] },
  region: { fixed: false, options: [] },
};

export interface BreakdownRowValues {
  /** A stable React key for the row. */
  key: string;
  dimensions: Partial<Record<Disaggregation, string>>;
  value: number | '';
}

export interface IndicatorValues {
  indicatorId: string;
  value: number | '';
  breakdown: BreakdownRowValues[];
}

export interface ReportFormValues {
  periodNumber: number | '';
  values: IndicatorValues[];
  narrative: string;
  evidenceLinks: string[];
}

export type ReportFormErrorKey =
  | 'required'
  | 'periodInvalid'
  | 'numberInvalid'
  | 'nothingReported'
  | 'breakdownRequired'
  | 'breakdownDuplicate'
  | 'breakdownNotAllowed'
  | 'breakdownMismatch'
  | 'linkInvalid'
  | 'tooLong'
  | 'invalid';

/** Form path (`values.0.breakdown.1.dimensions.sex`) → why it is wrong, as a key of the reports bundle. */
export type ReportFormErrors = Record<string, ReportFormErrorKey>;

let rowCounter = 0;
const rowKey = () => `row-${++rowCounter}`;

/** The indicator's disaggregations in the catalogue's order, so columns and combinations are stable. */
export const requiredDimensions = (
  indicator: Pick<PartnershipIndicator, 'disaggregations'>,
): Disaggregation[] => disaggregations.filter((d) => indicator.disaggregations.includes(d));

/**
 * Starting rows for a breakdown: every combination of the fixed-choice disaggregations (e.g. female
 * and male × with and without disability), the open ones left blank to fill in; no row when the
 * indicator takes no disaggregation.
 */
export function breakdownTemplate(
  indicator: Pick<PartnershipIndicator, 'disaggregations'>,
): BreakdownRowValues[] {
  const dimensions = requiredDimensions(indicator);
  if (dimensions.length === 0) return [];
  let combinations: Partial<Record<Disaggregation, string>>[] = [{}];
  for (const dimension of dimensions) {
    const { fixed, options } = dimensionChoices[dimension];
    combinations = fixed
      ? combinations.flatMap((combination) =>
          options.map((option) => ({ ...combination, [dimension]: option })),
        )
      : combinations.map((combination) => ({ ...combination, [dimension]: '' }));
  }
  return combinations.map((dimensionsOfRow) => ({ key: rowKey(), dimensions: dimensionsOfRow, value: '' }));
}

export function emptyBreakdownRow(
  indicator: Pick<PartnershipIndicator, 'disaggregations'>,
): BreakdownRowValues {
  return {
    key: rowKey(),
    dimensions: Object.fromEntries(requiredDimensions(indicator).map((d) => [d, ''])),
    value: '',
  };
}

export function emptyReportForm(
  indicators: PartnershipIndicator[],
  periodNumber: number | '',
): ReportFormValues {
  return {
    periodNumber,
    values: indicators.map((indicator) => ({
      indicatorId: indicator.id,
      value: '',
      breakdown: breakdownTemplate(indicator),
    })),
    narrative: '',
    evidenceLinks: [],
  };
}

/** A returned (or earlier) report as the starting point of its next revision. */
export function formFromReport(indicators: PartnershipIndicator[], report: ProgressReport): ReportFormValues {
  const form = emptyReportForm(indicators, report.periodNumber);
  return {
    ...form,
    values: form.values.map((entry) => {
      const reported = report.values.find((value) => value.indicatorId === entry.indicatorId);
      if (!reported) return entry;
      return {
        indicatorId: entry.indicatorId,
        value: reported.value,
        breakdown:
          reported.breakdown.length > 0
            ? reported.breakdown.map((row) => ({
                key: rowKey(),
                dimensions: { ...row.dimensions },
                value: row.value,
              }))
            : entry.breakdown,
      };
    }),
    narrative: report.narrative,
    evidenceLinks: [...report.evidenceLinks],
  };
}

const isBlank = (value: number | string | undefined) => value === '' || value === undefined;
const blankEntry = (entry: IndicatorValues) =>
  isBlank(entry.value) && entry.breakdown.every((row) => isBlank(row.value));

const isNumber = (value: number | string | undefined): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** The sum of the breakdown's values, shown beside the total as a check; null while any is empty or refused. */
export function breakdownSum(entry: Pick<IndicatorValues, 'breakdown'>): number | null {
  if (entry.breakdown.length === 0 || !entry.breakdown.every((row) => isNumber(row.value))) return null;
  return entry.breakdown.reduce((sum, row) => sum + (row.value as number), 0);
}

/**
 * Where the indicator's unit adds up (counts), a breakdown whose sum is not the total, with the
 * difference; null for percentages and rates (each group has its own) and while a number is missing.
 */
export function formBreakdownMismatch(
  indicator: Pick<PartnershipIndicator, 'unit'>,
  entry: Pick<IndicatorValues, 'value' | 'breakdown'>,
): BreakdownMismatch | null {
  if (!isNumber(entry.value) || breakdownSum(entry) === null) return null;
  return breakdownMismatch(indicator, {
    value: entry.value,
    breakdown: entry.breakdown.map((row) => ({ dimensions: row.dimensions, value: row.value as number })),
  });
}

/**
 * Indicators left entirely blank are not reported (a partner reports what it contributes to). What
 * is reported must be complete: a total, and for a disaggregated indicator a breakdown whose rows
 * name every required disaggregation once, each combination once.
 */
export function validateReportForm(
  values: ReportFormValues,
  indicators: PartnershipIndicator[],
): ReportFormErrors {
  const errors: ReportFormErrors = {};
  if (values.periodNumber === '') errors.periodNumber = 'required';
  else if (!Number.isInteger(values.periodNumber) || values.periodNumber < 1 || values.periodNumber > 400)
    errors.periodNumber = 'periodInvalid';

  const reported = values.values.filter((entry) => !blankEntry(entry));
  if (reported.length === 0) errors.values = 'nothingReported';

  values.values.forEach((entry, i) => {
    if (blankEntry(entry)) return;
    const indicator = indicators.find((candidate) => candidate.id === entry.indicatorId);
    if (!indicator) {
      errors[`values.${i}.indicatorId`] = 'invalid';
      return;
    }
    if (isBlank(entry.value)) errors[`values.${i}.value`] = 'required';
    else if (!isNumber(entry.value)) errors[`values.${i}.value`] = 'numberInvalid';

    const dimensions = requiredDimensions(indicator);
    if (dimensions.length === 0) {
      if (entry.breakdown.length > 0) errors[`values.${i}.breakdown`] = 'breakdownNotAllowed';
      return;
    }
    if (entry.breakdown.length === 0) {
      errors[`values.${i}.breakdown`] = 'breakdownRequired';
      return;
    }
    const seen = new Set<string>();
    entry.breakdown.forEach((row, j) => {
      const path = `values.${i}.breakdown.${j}`;
      for (const dimension of dimensions) {
        if (!row.dimensions[dimension]?.trim()) errors[`${path}.dimensions.${dimension}`] = 'required';
      }
      if (isBlank(row.value)) errors[`${path}.value`] = 'required';
      else if (!isNumber(row.value)) errors[`${path}.value`] = 'numberInvalid';
      const combination = dimensions.map((d) => row.dimensions[d]?.trim().toLowerCase() ?? '').join('\u0000');
      if (seen.has(combination)) errors[`${path}.dimensions`] = 'breakdownDuplicate';
      seen.add(combination);
    });
  });

  // The service's own rule (unit limits, a count's breakdown adding up), so the form refuses what it would.
  values.values.forEach((entry, i) => {
    const indicator = indicators.find((candidate) => candidate.id === entry.indicatorId);
    if (
      !indicator ||
      blankEntry(entry) ||
      Object.keys(errors).some((path) => path.startsWith(`values.${i}.`))
    )
      return;
    const numbers = {
      value: entry.value as number,
      breakdown: entry.breakdown.map((row) => ({ dimensions: row.dimensions, value: row.value as number })),
    };
    for (const { field } of reportValueErrors(indicator, numbers, `values.${i}`)) {
      errors[field] = field.endsWith('.breakdown') ? 'breakdownMismatch' : 'numberInvalid';
    }
  });

  if (!values.narrative.trim()) errors.narrative = 'required';
  else if (values.narrative.trim().length > 20_000) errors.narrative = 'tooLong';

  // The contract's own rules (links, lengths, numbers) on what would be sent, mapped back to form paths.
  if (Object.keys(errors).length === 0) {
    const { input, formIndexOf } = build(values, indicators);
    const parsed = reportInputSchema.safeParse(input);
    if (!parsed.success) {
      for (const { field } of toFieldErrors(parsed.error)) {
        const path = field.replace(
          /^values\.(\d+)/,
          (_, index: string) => `values.${formIndexOf[Number(index)]}`,
        );
        errors[path] = path.startsWith('evidenceLinks.') ? 'linkInvalid' : 'invalid';
      }
    }
  }
  return errors;
}

function build(
  values: ReportFormValues,
  indicators: PartnershipIndicator[],
): { input: ReportInput; formIndexOf: number[] } {
  const formIndexOf: number[] = [];
  const reported = values.values.flatMap((entry, index) => {
    if (blankEntry(entry)) return [];
    formIndexOf.push(index);
    const indicator = indicators.find((candidate) => candidate.id === entry.indicatorId);
    const dimensions = indicator ? requiredDimensions(indicator) : [];
    return [
      {
        indicatorId: entry.indicatorId,
        value: entry.value as number,
        breakdown: entry.breakdown.map((row) => ({
          dimensions: Object.fromEntries(dimensions.map((d) => [d, row.dimensions[d]?.trim() ?? ''])),
          value: row.value as number,
        })),
      },
    ];
  });
  return {
    input: {
      periodNumber: values.periodNumber as number,
      values: reported,
      narrative: values.narrative.trim(),
      evidenceLinks: values.evidenceLinks.map((link) => link.trim()),
    },
    formIndexOf,
  };
}

/** What the api receives; call only after `validateReportForm` found nothing. */
export function toReportInput(values: ReportFormValues, indicators: PartnershipIndicator[]): ReportInput {
  return build(values, indicators).input;
}
