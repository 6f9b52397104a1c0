import {
  aggregationOf,
  unitKind,
  unitValueIssue,
  type FieldError,
  type PartnershipIndicator,
  type ReportValue,
} from '@mitra/contracts';

// Decimal inputs (0.1 + 0.2) must not be refused for a difference no one typed.
const tolerance = (total: number) => 1e-9 * Math.max(1, Math.abs(total));

/** A breakdown of an added-up unit that does not add up to its total: the two figures and what is missing. */
export interface BreakdownMismatch {
  total: number;
  sum: number;
  /** total − sum: positive when the breakdown is short of the total. */
  difference: number;
}

const roundTo = (value: number) => Math.round(value * 1e9) / 1e9;

/**
 * A count's (or money's, or amount's) breakdown must add up to its total; a percentage's or a rate's
 * groups each have their own value and are never added, so they cannot mismatch.
 */
export function breakdownMismatch(
  indicator: Pick<PartnershipIndicator, 'unit'>,
  value: Pick<ReportValue, 'value' | 'breakdown'>,
): BreakdownMismatch | null {
  if (aggregationOf(unitKind(indicator.unit)) !== 'sum' || value.breakdown.length === 0) return null;
  const sum = value.breakdown.reduce((total, entry) => total + entry.value, 0);
  if (Math.abs(sum - value.value) <= tolerance(value.value)) return null;
  return { total: value.value, sum: roundTo(sum), difference: roundTo(value.value - sum) };
}

/** Every number of a reported value within its unit's rule, and the breakdown adding up where the unit adds. */
export function reportValueErrors(
  indicator: Pick<PartnershipIndicator, 'unit'>,
  value: Pick<ReportValue, 'value' | 'breakdown'>,
  field: string,
): FieldError[] {
  const errors: FieldError[] = [];
  const total = unitValueIssue(indicator.unit, value.value);
  if (total) errors.push({ field: `${field}.value`, ...total });
  value.breakdown.forEach((entry, i) => {
    const refused = unitValueIssue(indicator.unit, entry.value);
    if (refused) errors.push({ field: `${field}.breakdown.${i}.value`, ...refused });
  });
  const mismatch = breakdownMismatch(indicator, value);
  if (mismatch) {
    errors.push({
      field: `${field}.breakdown`,
      reason: `adds up to ${mismatch.sum}, not the value ${mismatch.total} (difference ${mismatch.difference})`,
      code: 'monitoring.breakdown_mismatch',
      params: { breakdownSum: mismatch.sum, reported: mismatch.total, difference: mismatch.difference },
    });
  }
  return errors;
}

/**
 * Several organisations' values of one period as one figure: counts add up; percentages and rates are
 * averaged, as each organisation's is a rate of its own group (without the groups' sizes, an even mean).
 */
export function combineValues(indicator: Pick<PartnershipIndicator, 'unit'>, values: number[]): number {
  const sum = values.reduce((total, value) => total + value, 0);
  return aggregationOf(unitKind(indicator.unit)) === 'sum' || values.length === 0 ? sum : sum / values.length;
}
