import type { HistoryStep, LedgerEntry, MonitoringPlan, PartnershipSnapshot, SnapshotChange } from '@mitra/contracts';
import { foldLedger } from '../funding/funding-state';
import { fundingSummary } from '../funding/funding-summary';
import { auditHistory } from '../lifecycle/history-audit';
import { indicatorProgress } from '../monitoring/progress';

/** The end of a calendar day in Asia/Jakarta (UTC+7, no daylight saving), as an ISO instant. */
export function endOfJakartaDay(date: string): string {
  return new Date(`${date}T23:59:59.999+07:00`).toISOString();
}

/** The plan as it stood at `asOf`: what was defined by then, reports as they were reviewed by then. */
export function planAsOf(plan: MonitoringPlan, asOf: string): MonitoringPlan {
  return {
    ...plan,
    indicators: plan.indicators
      .filter((indicator) => indicator.definedAt <= asOf)
      .map((indicator) => (indicator.baseline && indicator.baseline.fixedAt > asOf ? { ...indicator, baseline: undefined } : indicator)),
    reports: plan.reports
      .filter((report) => report.submittedAt <= asOf)
      .map((report) => (report.reviewedAt && report.reviewedAt > asOf ? { ...report, status: 'submitted' as const, reviewedAt: undefined, reviewedBy: undefined, returnReason: undefined } : report)),
  };
}

/** The money figures from the ledger entries written by `asOf` (a later reversal is not yet there). */
export function fundingAsOf(partnershipId: string, entries: readonly LedgerEntry[], asOf: string): Record<string, number> {
  const { totals } = fundingSummary(foldLedger(partnershipId, entries.filter((entry) => entry.at <= asOf)));
  return { planned: totals.planned, committed: totals.committed, received: totals.received, disbursed: totals.disbursed, spent: totals.spent, available: totals.available };
}

export function snapshotAsOf(partnershipId: string, steps: readonly HistoryStep[], asOf: string, records: { plan?: MonitoringPlan; ledger?: readonly LedgerEntry[] } = {}): PartnershipSnapshot {
  const { state } = auditHistory(steps, { until: asOf });
  const indicators = records.plan ? indicatorProgress(planAsOf(records.plan, asOf)) : [];
  if (!state) return { partnershipId, asOf, existed: false, partners: [], mou: null, indicators };
  return {
    partnershipId,
    asOf,
    existed: true,
    name: state.name,
    cycle: state.cycle,
    stage: state.stage,
    status: state.status,
    partners: state.partners.filter((partner) => !partner.withdrawnAt).map(({ organisationId, role }) => ({ organisationId, role })),
    mou: state.facts.mouEffective ? { agreementId: state.facts.mouEffective.agreementId, versionNumber: state.facts.mouEffective.versionNumber } : null,
    indicators,
    ...(records.ledger ? { funding: fundingAsOf(partnershipId, records.ledger, asOf) } : {}),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What differs between two snapshots, field by field; partners and indicators by their ids. */
export function compareSnapshots(from: PartnershipSnapshot, to: PartnershipSnapshot): SnapshotChange[] {
  const changes: SnapshotChange[] = [];
  for (const field of ['existed', 'name', 'cycle', 'stage', 'status', 'mou'] as const) {
    if (!same(from[field], to[field])) changes.push({ field, before: from[field] ?? null, after: to[field] ?? null });
  }
  const partners = new Set([...from.partners, ...to.partners].map((partner) => partner.organisationId));
  for (const organisationId of partners) {
    const before = from.partners.find((partner) => partner.organisationId === organisationId) ?? null;
    const after = to.partners.find((partner) => partner.organisationId === organisationId) ?? null;
    if (!same(before, after)) changes.push({ field: `partners.${organisationId}`, before: before?.role ?? null, after: after?.role ?? null });
  }
  const indicators = new Set([...from.indicators, ...to.indicators].map((indicator) => indicator.indicatorId));
  for (const indicatorId of indicators) {
    const before = from.indicators.find((indicator) => indicator.indicatorId === indicatorId)?.current ?? null;
    const after = to.indicators.find((indicator) => indicator.indicatorId === indicatorId)?.current ?? null;
    if (before !== after) changes.push({ field: `indicators.${indicatorId}`, before, after });
  }
  for (const kind of new Set([...Object.keys(from.funding ?? {}), ...Object.keys(to.funding ?? {})])) {
    const before = from.funding?.[kind] ?? 0;
    const after = to.funding?.[kind] ?? 0;
    if (before !== after) changes.push({ field: `funding.${kind}`, before, after });
  }
  return changes;
}
