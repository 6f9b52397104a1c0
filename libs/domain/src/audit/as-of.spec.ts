import type { Actor, HistoryStep, MonitoringPlan, PartnershipLifecycleInput } from '@mitra/contracts';
import { fundedCommonFund, org } from '../funding/funding.fixtures';
import { compareSnapshots, endOfJakartaDay, planAsOf, snapshotAsOf } from './as-of';

const coordinator: Actor = { userId: 'koordinator-1', role: 'coordinator' };
const input: PartnershipLifecycleInput = {
  partnershipId: 'p-1',
  name: 'Kemitraan Gizi',
  startedBy: coordinator,
  startedAt: '2026-01-01T00:00:00.000Z',
  leadOrganisationId: 'org-bappeda',
  settings: { approvalDueDays: 7, remindAfterDays: 3, escalateAfterDays: 7, reportingPeriodDays: 91, reportGraceDays: 14, inactiveAfterMissedPeriods: 2 },
};
const steps: HistoryStep[] = [
  { type: 'started', runId: 'r', eventId: 1, at: '2026-01-01T00:00:00.000Z', input },
  { type: 'decision', runId: 'r', eventId: 7, at: '2026-02-01T02:00:00.000Z', kind: 'addPartner', payload: { idempotencyKey: 'key-add-pt', actor: coordinator, organisationId: 'org-pt', role: 'partner' } },
  { type: 'serviceEvent', runId: 'r', eventId: 9, at: '2026-03-01T00:00:00.000Z', event: { eventId: 'e-mou', type: 'agreements.mou.effective', occurredAt: '2026-03-01T00:00:00.000Z', organisationIds: [], data: { agreementId: 'mou-1', versionNumber: 2 } } },
];
const plan: MonitoringPlan = {
  partnershipId: 'p-1',
  sdgTargets: ['2.2'],
  indicators: [
    { id: 'i1', name: 'Balita ditimbang', sdg: { kind: 'target', code: '2.2' }, unit: 'anak', direction: 'higher_is_better', accumulation: 'cumulative', targets: [{ periodNumber: 1, value: 100 }], disaggregations: [], baseline: { value: 0, date: '2026-01-01', fixedAt: '2026-01-10T00:00:00.000Z', fixedBy: 'k' }, definedAt: '2026-01-05T00:00:00.000Z', definedBy: 'k' },
  ],
  reports: [
    { id: 'r1', periodNumber: 1, organisationId: 'org-pt', revision: 1, status: 'approved', values: [{ indicatorId: 'i1', value: 60, breakdown: [] }], narrative: '', evidenceLinks: [], submittedAt: '2026-02-20T00:00:00.000Z', submittedBy: 'w', reviewedAt: '2026-03-05T00:00:00.000Z', reviewedBy: 'k' },
  ],
};

// Plan and commitment written in January, the money received in March.
const ledger = fundedCommonFund([[org.company, 60_000_000]]).entries.map((entry) => ({ ...entry, at: entry.kind === 'receipt' ? '2026-03-02T03:00:00.000Z' : '2026-01-20T03:00:00.000Z' }));

describe('a partnership as it stood on a past date', () => {
  it('takes the end of the day in Jakarta', () => {
    expect(endOfJakartaDay('2026-02-01')).toBe('2026-02-01T16:59:59.999Z');
  });

  it('shows stage, partners, the MoU in force and indicator values as they were, and what changed between two dates', () => {
    const february = snapshotAsOf('p-1', steps, endOfJakartaDay('2026-02-01'), { plan, ledger });
    const march = snapshotAsOf('p-1', steps, endOfJakartaDay('2026-03-10'), { plan, ledger });
    expect(february).toMatchObject({ existed: true, stage: 'initiation', mou: null, partners: [{ organisationId: 'org-bappeda', role: 'lead' }, { organisationId: 'org-pt', role: 'partner' }] });
    expect(february.indicators[0]).toMatchObject({ current: null });
    expect(march).toMatchObject({ mou: { agreementId: 'mou-1', versionNumber: 2 } });
    expect(march.indicators[0]).toMatchObject({ current: 60, progress: 0.6 });
    expect(february.funding).toMatchObject({ committed: 60_000_000, received: 0 });
    expect(compareSnapshots(february, march)).toEqual([
      { field: 'mou', before: null, after: { agreementId: 'mou-1', versionNumber: 2 } },
      { field: 'indicators.i1', before: null, after: 60 },
      { field: 'funding.received', before: 0, after: 60_000_000 },
      { field: 'funding.available', before: 0, after: 60_000_000 },
    ]);
  });

  it('says the partnership did not exist before it started, and treats a report reviewed later as not yet approved', () => {
    expect(snapshotAsOf('p-1', steps, '2025-12-01T00:00:00.000Z')).toMatchObject({ existed: false, partners: [], mou: null });
    expect(planAsOf(plan, '2026-03-01T00:00:00.000Z').reports[0]).toMatchObject({ status: 'submitted', reviewedAt: undefined });
    expect(planAsOf(plan, '2026-01-07T00:00:00.000Z').indicators[0]!.baseline).toBeUndefined();
  });
});
