import type { Actor, MonitoringPlan, PublicationRecord, PublicReport } from '@mitra/contracts';
import {
  approveReport,
  canonicalize,
  chooseTargets,
  defineIndicator,
  emptyPlan,
  emptyPublications,
  fixBaseline,
  openEvaluation,
  publishReport,
  setSchedule,
  submitAssessment,
  submitReport,
  withdrawReport,
  type MonitoringContext,
  type MonitoringDecision,
} from '@mitra/domain';
import { planLog } from '../plans/plan.schema';
import { publicationLog } from '../publications/publication.schema';
import { applyPatch, diffState, referenceTo, resolveReference, type StatePatch } from './state-patch';

const coordinator: Actor = { userId: 'koordinator', role: 'coordinator', organisationId: 'org-kota' };
const partner: Actor = { userId: 'wakil', role: 'partner', organisationId: 'org-puskesmas' };
let ids = 0;
const ctx = (actor: Actor = coordinator): MonitoringContext => ({ actor, now: '2026-06-01T00:00:00.000Z', newId: () => `id${++ids}`, sdgExists: () => true });
const keys = planLog.collections;
const canonical = (value: unknown) => canonicalize(value);

/** Decides, diffs and checks that the patch gives the decision's plan back; returns the patch. */
function step<R>(plan: MonitoringPlan, decision: MonitoringDecision<R>): StatePatch {
  const patch = diffState(plan, decision.plan, keys);
  expect(canonical(applyPatch(plan, patch))).toBe(canonical(decision.plan));
  return patch;
}

describe('what a revision stores of a plan', () => {
  const indicator = { name: 'Prevalensi stunting', sdg: { kind: 'indicator' as const, code: '2.2.1' }, unit: '%', direction: 'lower_is_better' as const, accumulation: 'per_period' as const, targets: [], disaggregations: [] };

  it('stores a new report, not the plan it joins', () => {
    let plan = emptyPlan('p1');
    for (let i = 0; i < 5; i++) plan = defineIndicator(plan, { ...indicator, name: `Indikator ${i}` }, ctx()).plan;
    const decision = submitReport(plan, { periodNumber: 1, values: [{ indicatorId: plan.indicators[0]!.id, value: 3, breakdown: [] }], narrative: 'Laporan.', evidenceLinks: [] }, ctx(partner));
    const patch = step(plan, decision);
    expect(patch).toEqual({ arrays: { reports: { append: [decision.result] } } });
    expect(JSON.stringify(patch)).not.toContain('Indikator 0');
  });

  it('stores a reviewed report in its place, and a fixed baseline as the one indicator', () => {
    let plan = defineIndicator(emptyPlan('p1'), indicator, ctx()).plan;
    plan = defineIndicator(plan, { ...indicator, name: 'Kedua' }, ctx()).plan;
    const first = plan.indicators[0]!;
    const fixed = fixBaseline(plan, first.id, { value: 27.7, date: '2026-01-31' }, ctx());
    expect(step(plan, fixed)).toEqual({ arrays: { indicators: { key: 'id', upsert: [fixed.result] } } });
    plan = fixed.plan;
    for (let period = 1; period <= 3; period++) plan = submitReport(plan, { periodNumber: period, values: [{ indicatorId: first.id, value: period, breakdown: [] }], narrative: 'x', evidenceLinks: [] }, ctx(partner)).plan;
    const approved = approveReport(plan, plan.reports[1]!.id, ctx());
    expect(step(plan, approved)).toEqual({ arrays: { reports: { key: 'id', upsert: [approved.result] } } });
    expect(applyPatch(plan, step(plan, approved)).reports.map((r) => r.status)).toEqual(['submitted', 'approved', 'submitted']);
  });

  it('keeps the order a rule gives: an assessed evaluation moves to the end', () => {
    const panel = [{ userId: 'wakil', organisationId: 'org-puskesmas' }];
    const stakeholderMap = new Map([['org-puskesmas', 'cso' as const]]);
    let plan = openEvaluation(emptyPlan('p1'), { title: 'Pertama', panel }, stakeholderMap, ctx()).plan;
    plan = openEvaluation(plan, { title: 'Kedua', panel }, stakeholderMap, ctx()).plan;
    const first = plan.evaluations![0]!;
    const assessed = submitAssessment(plan, first.id, { principles: { localised: 4, inclusive: 4, integrated: 3, gender_responsive: 3, beyond_business_as_usual: 2, accountable: 5 }, results: 4, comment: 'Baik.' }, ctx(partner));
    const patch = step(plan, assessed);
    expect(patch.arrays?.evaluations).toEqual({ key: 'id', upsert: [assessed.result], order: [plan.evaluations![1]!.id, first.id] });
  });

  it('sets other fields whole (targets chosen again, the schedule), and appends to a list that only grew', () => {
    const plan = emptyPlan('p1');
    const chosen = chooseTargets(plan, ['2.2', '3.2'], ctx());
    expect(step(plan, chosen)).toEqual({ arrays: { sdgTargets: { append: ['2.2', '3.2'] } } });
    const rechosen = chooseTargets(chosen.plan, ['3.2'], ctx());
    expect(step(chosen.plan, rechosen)).toEqual({ set: { sdgTargets: ['3.2'] } });
    const scheduled = setSchedule(chosen.plan, { startsOn: '2026-01-01', periodMonths: 3, graceDays: 30 }, ctx());
    expect(step(chosen.plan, scheduled)).toEqual({ set: { schedule: { startsOn: '2026-01-01', periodMonths: 3, graceDays: 30 } } });
  });

  it('removes fields and elements, and falls back to whole fields when elements cannot be told apart', () => {
    const before = { a: 1, items: [{ id: 'x', v: 1 }, { id: 'y', v: 2 }], plain: [1, 2, 3], twins: [{ id: 'z' }, { id: 'z' }] };
    const after = { items: [{ id: 'y', v: 3 }], plain: [3, 2], twins: [{ id: 'z', v: 1 }] };
    const patch = diffState(before, after, { items: 'id', twins: 'id' });
    expect(patch).toEqual({ set: { plain: [3, 2], twins: [{ id: 'z', v: 1 }] }, unset: ['a'], arrays: { items: { key: 'id', upsert: [{ id: 'y', v: 3 }], remove: ['x'] } } });
    expect(applyPatch(before, patch)).toEqual(after);
    expect(before.items).toHaveLength(2);
  });
});

describe('where a revision finds its reply again', () => {
  it('names the plan, an element, or keeps a reply found nowhere', () => {
    const plan = defineIndicator(emptyPlan('p1'), { name: 'Satu', sdg: { kind: 'target', code: '2.2' }, unit: 'x', direction: 'higher_is_better', accumulation: 'cumulative', targets: [], disaggregations: [] }, ctx());
    expect(referenceTo(plan.plan, plan.plan, keys)).toEqual({ kind: 'document' });
    const reference = referenceTo(plan.result, plan.plan, keys);
    expect(reference).toEqual({ kind: 'element', collection: 'indicators', field: 'id', key: plan.result.id });
    expect(resolveReference(reference, plan.plan)).toEqual(plan.result);
    expect(referenceTo({ ...plan.result, name: 'Lain' }, plan.plan, keys)).toEqual({ kind: 'value', value: { ...plan.result, name: 'Lain' } });
  });
});

describe('what a revision stores of the publications', () => {
  const report = (year: number): PublicReport => ({ partnershipId: 'p1', partnershipName: 'Kemitraan', year, sections: ['partners'], partners: [{ name: 'Pemkot', sector: 'government_regency', role: 'lead' }] });
  const at = { actor: coordinator, now: '2026-06-01T00:00:00.000Z' };

  it('stores the year published and the decision added, and a republished year in its place', () => {
    let record: PublicationRecord = emptyPublications('p1');
    for (const year of [2024, 2025]) record = publishReport(record, report(year), at).record;
    const withdrawn = withdrawReport(record, 2024, 'Salah angka.', at);
    const patch = diffState(record, withdrawn.record, publicationLog.collections);
    expect(patch).toEqual({ arrays: { publications: { key: 'year', upsert: [withdrawn.result] }, decisions: { append: [withdrawn.record.decisions.at(-1)] } } });
    expect(canonical(applyPatch(record, patch))).toBe(canonical(withdrawn.record));
    expect(referenceTo(withdrawn.result, withdrawn.record, publicationLog.collections)).toEqual({ kind: 'element', collection: 'publications', field: 'year', key: 2024 });

    const republished = publishReport(withdrawn.record, report(2024), at);
    expect(canonical(applyPatch(withdrawn.record, diffState(withdrawn.record, republished.record, publicationLog.collections)))).toBe(canonical(republished.record));
  });
});
