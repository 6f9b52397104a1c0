import type {
  AgreementFields,
  LedgerEntry,
  MonitoringPlan,
  Partner,
  PublicFunding,
  PublicGovernance,
  PublicIndicator,
  PublicPartner,
  PublicReport,
  PublicSection,
  Sector,
} from '@mitra/contracts';
import { moneyFlows } from '../funding/funding-flows';
import { foldLedger, liveReceipts } from '../funding/funding-state';
import { fundingSummary } from '../funding/funding-summary';
import { approvedReports, indicatorProgress, valuesByPeriod } from './progress';
import { periodBounds } from './punctuality';

/** The MoU in force when the report is published. */
export interface MouInForce {
  title: string;
  versionNumber: number;
  effectiveSince: string | null;
  governance: AgreementFields['governance'];
}

export interface OrganisationLabel {
  name: string;
  sector: Sector | null;
}

/** What each section is made from; only the chosen sections' sources are needed (and read). */
export interface PublicReportSources {
  partnershipId: string;
  partnershipName: string;
  year: number;
  /** governance: the MoU in force, or null when none is. */
  mou?: MouInForce | null;
  /** partners: the lifecycle's partners (the lead among them), with join and withdrawal times. */
  partners?: readonly Partner[];
  /** partners and funding: names and sectors from the registry, by organisation id. */
  organisations?: ReadonlyMap<string, OrganisationLabel>;
  /** funding: the whole ledger (the year is cut here). */
  ledger?: readonly LedgerEntry[];
  /** indicators: the monitoring plan (approved reports only are read). */
  plan?: MonitoringPlan;
}

/** The sources a section needs: what the api asks the services for, and nothing more. */
export const sourcesOfSection = {
  governance: ['mou'],
  partners: ['partners', 'organisations'],
  funding: ['ledger', 'organisations'],
  indicators: ['plan'],
} as const satisfies Record<PublicSection, readonly (keyof PublicReportSources)[]>;

const yearOf = (date: string) => Number(date.slice(0, 4));
const round = (value: number) => Math.round(value * 10_000) / 10_000;
/** The year's bounds as instants in Asia/Jakarta (UTC+7, no daylight saving). */
const yearStart = (year: number) => new Date(`${year}-01-01T00:00:00.000+07:00`).toISOString();
const yearEnd = (year: number) => new Date(`${year}-12-31T23:59:59.999+07:00`).toISOString();

function required<K extends keyof PublicReportSources>(sources: PublicReportSources, key: K, section: PublicSection): NonNullable<PublicReportSources[K]> {
  const value = sources[key];
  if (value === undefined || value === null) {
    // The MoU alone may be null (none in force); anything else missing is a caller's mistake.
    if (key === 'mou' && value === null) return value as never;
    throw new Error(`The ${section} section needs ${key}`);
  }
  return value as NonNullable<PublicReportSources[K]>;
}

function governanceOf(mou: MouInForce | null): PublicGovernance {
  if (!mou) return null;
  return { mouTitle: mou.title, versionNumber: mou.versionNumber, effectiveSince: mou.effectiveSince, ...mou.governance };
}

const labelOf = (organisations: ReadonlyMap<string, OrganisationLabel>, id: string): OrganisationLabel => organisations.get(id) ?? { name: id, sector: null };

/** Every partner that took part at some time in the year, in the order they joined. */
function partnersOf(partners: readonly Partner[], organisations: ReadonlyMap<string, OrganisationLabel>, year: number): PublicPartner[] {
  return partners
    .filter((partner) => partner.joinedAt <= yearEnd(year) && (!partner.withdrawnAt || partner.withdrawnAt >= yearStart(year)))
    .map((partner) => ({ ...labelOf(organisations, partner.organisationId), role: partner.role }));
}

function fundingOf(partnershipId: string, ledger: readonly LedgerEntry[], organisations: ReadonlyMap<string, OrganisationLabel>, year: number): PublicFunding {
  const state = foldLedger(partnershipId, ledger);
  const figures = fundingSummary(state).byYear.find((row) => row.year === year);
  const perPartner = new Map<string, { received: number; spent: number }>();
  const partner = (id: string) => {
    let row = perPartner.get(id);
    if (!row) perPartner.set(id, (row = { received: 0, spent: 0 }));
    return row;
  };
  for (const { entry } of liveReceipts(state)) if (yearOf(entry.receivedOn) === year) partner(entry.payerOrganisationId).received += entry.amount;
  for (const flow of moneyFlows(state)) {
    if (flow.stage !== 'spent') continue;
    const expenditure = state.entries[flow.expenditure! - 1];
    if (expenditure.kind === 'expenditure' && yearOf(expenditure.spentOn) === year) partner(flow.organisationId).spent += flow.amount;
  }
  return {
    planned: figures?.planned ?? 0,
    committed: figures?.committed ?? 0,
    received: figures?.received ?? 0,
    disbursed: figures?.disbursed ?? 0,
    spent: figures?.spent ?? 0,
    byPartner: [...perPartner]
      .map(([id, money]) => ({ name: labelOf(organisations, id).name, ...money }))
      .sort((a, b) => a.name.localeCompare(b.name, 'id')),
  };
}

/** Each indicator over the periods that end in the year, from approved reports only, against baseline and targets. */
function indicatorsOf(plan: MonitoringPlan, year: number): PublicIndicator[] {
  const approved = approvedReports(plan.reports);
  const schedule = plan.schedule;
  const periods: { periodNumber: number; start: string; end: string }[] = [];
  for (let periodNumber = 1; schedule && periodNumber <= 400; periodNumber++) {
    const bounds = periodBounds(schedule, periodNumber);
    if (yearOf(bounds.end) > year) break;
    if (yearOf(bounds.end) === year) periods.push({ periodNumber, ...bounds });
  }
  const lastPeriod = periods.at(-1)?.periodNumber ?? 0;
  // As the year ended: approved reports of later periods do not count yet.
  const atYearEnd = indicatorProgress({ ...plan, reports: approved.filter((report) => report.periodNumber <= lastPeriod) });
  return plan.indicators.map((indicator, index) => {
    const values = valuesByPeriod(indicator, approved);
    const valueAt = (periodNumber: number): number | null => {
      if (!values.has(periodNumber)) return null;
      if (indicator.accumulation === 'per_period') return values.get(periodNumber)!;
      return round([...values].filter(([period]) => period <= periodNumber).reduce((sum, [, value]) => sum + value, 0));
    };
    const targetAt = (periodNumber: number) =>
      [...indicator.targets].filter((t) => t.periodNumber <= periodNumber).sort((a, b) => b.periodNumber - a.periodNumber)[0]?.value ?? null;
    const progress = atYearEnd[index];
    const inYear = progress.period !== null && periods.some((period) => period.periodNumber === progress.period);
    return {
      name: indicator.name,
      sdg: indicator.sdg,
      unit: indicator.unit,
      direction: indicator.direction,
      accumulation: indicator.accumulation,
      baseline: indicator.baseline ? { value: indicator.baseline.value, date: indicator.baseline.date } : null,
      periods: periods.map((period) => ({ ...period, value: valueAt(period.periodNumber), target: targetAt(period.periodNumber) })),
      current: inYear ? progress.current : null,
      target: inYear ? progress.target : null,
      progress: inYear ? progress.progress : null,
    };
  });
}

/**
 * The annual report as published: only the chosen sections, each built from its own sources and
 * holding only public figures (names, sectors, roles, sums, approved values) — never narratives,
 * evidence, user ids or unapproved values. The snapshot is frozen at publication.
 */
export function publicReportOf(sources: PublicReportSources, sections: readonly PublicSection[]): PublicReport {
  const chosen = (section: PublicSection) => sections.includes(section);
  const { partnershipId, partnershipName, year } = sources;
  return {
    partnershipId,
    partnershipName,
    year,
    sections: [...sections],
    ...(chosen('governance') ? { governance: governanceOf(required(sources, 'mou', 'governance')) } : {}),
    ...(chosen('partners') ? { partners: partnersOf(required(sources, 'partners', 'partners'), required(sources, 'organisations', 'partners'), year) } : {}),
    ...(chosen('funding') ? { funding: fundingOf(partnershipId, required(sources, 'ledger', 'funding'), required(sources, 'organisations', 'funding'), year) } : {}),
    ...(chosen('indicators') ? { indicators: indicatorsOf(required(sources, 'plan', 'indicators'), year) } : {}),
  };
}
