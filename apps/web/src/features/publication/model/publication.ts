import { publicSections, type PublicIndicator, type PublicSection } from '@mitra/contracts';
import { jakartaTimeZone } from '#shared/format';

/** The calendar year in Jakarta at an instant. */
export function jakartaYear(value: string | Date): number {
  const date = value instanceof Date ? value : new Date(value);
  return Number(
    new Intl.DateTimeFormat('en-CA', { timeZone: jakartaTimeZone, year: 'numeric' }).format(date),
  );
}

/** The years a report may cover: from the partnership's start to this year (in Jakarta), newest first. */
export function yearChoices(startedAt: string, now: Date = new Date()): number[] {
  const last = jakartaYear(now);
  const first = Math.min(jakartaYear(startedAt), last);
  return Array.from({ length: last - first + 1 }, (_, index) => last - index);
}

/** The sections in the report's own order, whatever order they were ticked in. */
export const inReportOrder = (sections: readonly string[]): PublicSection[] =>
  publicSections.filter((section) => sections.includes(section));

/** The public page of a year's report (outside the signed-in pages). */
export const publicReportPath = (partnershipId: string, year: number) =>
  `/publik/kemitraan/${encodeURIComponent(partnershipId)}/${year}`;

/** A year from the address bar, or undefined when it is not one a report may have. */
export function yearParam(value: string | undefined): number | undefined {
  if (!value || !/^\d{4}$/.test(value)) return undefined;
  const year = Number(value);
  return year >= 2000 && year <= 2100 ? year : undefined;
}

export interface ChartPoint {
  period: number;
  value: number | null;
  target: number | null;
  baseline: number | null;
}

/** One point per reporting period of the year: the approved value against target and baseline. */
export const chartPoints = (indicator: PublicIndicator): ChartPoint[] =>
  indicator.periods.map((period) => ({
    period: period.periodNumber,
    value: period.value,
    target: period.target,
    baseline: indicator.baseline?.value ?? null,
  }));
