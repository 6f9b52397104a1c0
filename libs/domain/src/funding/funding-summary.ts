import type {
  CsrField,
  CsrRealisation,
  Deviation,
  ExpenditureEntry,
  FundingSummary,
  FundingTotals,
  LineDeviation,
  PartnerFigures,
  SdgFigures,
  YearFigures,
} from '@mitra/contracts';
import { moneyFlows } from './funding-flows';
import { liveCommitments, liveReceipts, liveRequests, type FundingState } from './funding-state';

const yearOf = (date: string) => Number(date.slice(0, 4));
const rate = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
const deviationOf = (planned: number, spent: number): Deviation => ({
  planned,
  spent,
  deviation: spent - planned,
  deviationRate: rate(spent - planned, planned),
});
const byCode = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

function row<K, T>(rows: Map<K, T>, key: K, create: () => T): T {
  let found = rows.get(key);
  if (!found) rows.set(key, (found = create()));
  return found;
}

/**
 * The figures of the financial accountability report: committed, received, disbursed and spent, in
 * total and per partner, SDG target and year; CSR realisation per field and year; plan against actual.
 */
export function fundingSummary(state: FundingState): FundingSummary {
  const lines = state.plan?.plan.lines ?? [];
  const commitments = liveCommitments(state);
  const receipts = liveReceipts(state);
  const requests = liveRequests(state);
  const flows = moneyFlows(state);
  const expenditures = requests.flatMap((r) => r.expenditures);
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

  const received = sum(receipts.map((r) => r.entry.amount));
  const reserved = sum(requests.filter((r) => !r.payment).map((r) => r.entry.amount));
  const disbursed = sum(requests.flatMap((r) => (r.payment ? [r.payment.amount] : [])));
  const totals: FundingTotals = {
    planned: sum(lines.map((l) => l.amount)),
    committed: sum(
      commitments.flatMap((c) => (c.entry.contribution.kind === 'cash' ? [c.entry.contribution.amount] : [])),
    ),
    committedInKind: sum(
      commitments.flatMap((c) =>
        c.entry.contribution.kind === 'in_kind' ? [c.entry.contribution.valueEstimate] : [],
      ),
    ),
    received,
    reserved,
    disbursed,
    available: received - reserved - disbursed,
    spent: sum(expenditures.map((e) => e.amount)),
  };

  const partners = new Map<string, PartnerFigures>();
  const partner = (organisationId: string) =>
    row(partners, organisationId, () => ({
      organisationId,
      planned: 0,
      committed: 0,
      committedInKind: 0,
      received: 0,
      disbursed: 0,
      spent: 0,
    }));
  for (const line of lines) partner(line.responsibleOrganisationId).planned += line.amount;
  for (const { entry } of commitments) {
    if (entry.contribution.kind === 'cash')
      partner(entry.organisationId).committed += entry.contribution.amount;
    else partner(entry.organisationId).committedInKind += entry.contribution.valueEstimate;
  }
  for (const { entry } of receipts) partner(entry.payerOrganisationId).received += entry.amount;
  for (const flow of flows) {
    if (flow.stage === 'paid' || flow.stage === 'spent')
      partner(flow.organisationId).disbursed += flow.amount;
    if (flow.stage === 'spent') partner(flow.organisationId).spent += flow.amount;
  }

  const perLine = new Map(lines.map((line) => [line.id, { reserved: 0, disbursed: 0, spent: 0 }]));
  for (const request of requests) {
    const money = perLine.get(request.entry.lineId)!;
    if (request.payment) {
      money.disbursed += request.payment.amount;
      money.spent += request.spent;
    } else money.reserved += request.entry.amount;
  }
  const targets = new Map<string, SdgFigures>();
  for (const line of lines) {
    const money = perLine.get(line.id)!;
    for (const target of line.sdgTargets) {
      const figures = row(targets, target, () => ({
        target,
        planned: 0,
        reserved: 0,
        disbursed: 0,
        spent: 0,
      }));
      figures.planned += line.amount;
      figures.reserved += money.reserved;
      figures.disbursed += money.disbursed;
      figures.spent += money.spent;
    }
  }

  const years = new Map<number, YearFigures>();
  const year = (y: number) =>
    row(years, y, () => ({ year: y, planned: 0, committed: 0, received: 0, disbursed: 0, spent: 0 }));
  for (const line of lines) year(line.year).planned += line.amount;
  for (const { entry } of commitments) {
    if (entry.contribution.kind === 'cash')
      for (const tranche of entry.schedule) year(yearOf(tranche.dueOn)).committed += tranche.amount;
  }
  for (const { entry } of receipts) year(yearOf(entry.receivedOn)).received += entry.amount;
  for (const { payment } of requests) if (payment) year(yearOf(payment.paidOn)).disbursed += payment.amount;
  for (const expenditure of expenditures) year(yearOf(expenditure.spentOn)).spent += expenditure.amount;

  const csrRows = new Map<string, CsrRealisation & { companyIds: Set<string> }>();
  const csr = (field: CsrField, y: number) =>
    row(csrRows, `${field}:${y}`, () => ({
      field,
      year: y,
      planned: 0,
      spent: 0,
      companies: 0,
      companyIds: new Set<string>(),
    }));
  const csrField = new Map<string, CsrField>();
  for (const line of lines) {
    if (line.source.kind !== 'csr') continue;
    csrField.set(line.id, line.source.field);
    csr(line.source.field, line.year).planned += line.amount;
  }
  for (const flow of flows) {
    const field = flow.lineId ? csrField.get(flow.lineId) : undefined;
    if (flow.stage !== 'spent' || !field) continue;
    const expenditure = state.entries[flow.expenditure! - 1] as ExpenditureEntry;
    const realisation = csr(field, yearOf(expenditure.spentOn));
    realisation.spent += flow.amount;
    realisation.companyIds.add(flow.organisationId);
  }

  const lineDeviations: LineDeviation[] = lines.map((line) => {
    const money = perLine.get(line.id)!;
    return {
      lineId: line.id,
      activity: line.activity,
      year: line.year,
      disbursed: money.disbursed,
      ...deviationOf(line.amount, money.spent),
    };
  });

  return {
    partnershipId: state.partnershipId,
    sequence: state.sequence,
    totals,
    byPartner: [...partners.values()].sort((a, b) => a.organisationId.localeCompare(b.organisationId)),
    bySdgTarget: [...targets.values()].sort((a, b) => byCode(a.target, b.target)),
    byYear: [...years.values()].sort((a, b) => a.year - b.year),
    csr: [...csrRows.values()]
      .map(({ companyIds, ...realisation }) => ({ ...realisation, companies: companyIds.size }))
      .sort((a, b) => a.year - b.year || a.field.localeCompare(b.field)),
    deviation: { ...deviationOf(totals.planned, totals.spent), lines: lineDeviations },
  };
}
