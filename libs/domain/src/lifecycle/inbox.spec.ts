import type { Actor, Agreement, LifecycleState, MonitoringPlan, PendingItem, ProgressReport } from '@mitra/contracts';
import { byUrgency, inboxItemsOf } from './inbox';
import { initialState } from './lifecycle-rules';

const coordinator: Actor = { userId: 'koordinator-1', role: 'coordinator', organisationId: 'org-bappeda' };
const company: Actor = { userId: 'wakil-pt', role: 'partner', organisationId: 'org-pt' };
const community: Actor = { userId: 'wakil-lpm', role: 'partner', organisationId: 'org-lpm' };
const auditor: Actor = { userId: 'auditor-1', role: 'auditor' };
const now = '2026-03-10T00:00:00.000Z';

const state = (pending: PendingItem[]): LifecycleState => ({
  ...initialState({
    partnershipId: 'p-1',
    name: 'Kemitraan Gizi Cibangkong',
    startedBy: coordinator,
    startedAt: '2026-01-01T00:00:00.000Z',
    leadOrganisationId: 'org-bappeda',
    settings: { approvalDueDays: 7, remindAfterDays: 3, escalateAfterDays: 7, reportingPeriodDays: 91, reportGraceDays: 14, inactiveAfterMissedPeriods: 2 },
  }),
  pending,
});
const gate: PendingItem = { kind: 'gateApproval', forRole: 'coordinator', stage: 'initiation', dueAt: '2026-03-01T00:00:00.000Z' };
const reportDue: PendingItem = { kind: 'report', forRole: 'partner', forOrganisationId: 'org-pt', stage: 'implementation', dueAt: '2026-04-14T00:00:00.000Z', periodNumber: 1 };
const submitted = { id: 'r1', periodNumber: 1, organisationId: 'org-lpm', revision: 1, status: 'submitted', values: [], narrative: '', evidenceLinks: [], submittedAt: '2026-03-08T00:00:00.000Z', submittedBy: 'wakil-lpm' } as ProgressReport;
const plan = { partnershipId: 'p-1', sdgTargets: [], indicators: [], reports: [submitted, { ...submitted, id: 'r0', status: 'approved' }] } as MonitoringPlan;
const mou = {
  id: 'a-1',
  title: 'Nota Kesepahaman Gizi',
  pendingSignatures: [
    { roundNumber: 1, versionNumber: 2, organisationId: 'org-pt', signatoryUserId: 'wakil-pt', dueAt: '2026-03-05T00:00:00.000Z', overdue: true, mayNowSign: true },
    { roundNumber: 1, versionNumber: 2, organisationId: 'org-lpm', signatoryUserId: 'wakil-lpm', dueAt: '2026-03-05T00:00:00.000Z', overdue: true, mayNowSign: false },
  ],
} as unknown as Agreement;

describe('the inbox', () => {
  const snapshot = { state: state([gate, reportDue]), plan, agreements: [mou] };

  it("gives a coordinator the gate, the report to review and every overdue signature, each with its due date and page", () => {
    const items = inboxItemsOf(coordinator, snapshot, now);
    expect(items.map((i) => [i.kind, i.dueAt, i.overdue, i.link, i.subject])).toEqual([
      ['gate_approval', '2026-03-01T00:00:00.000Z', true, '/partnerships/p-1', 'initiation'],
      ['report_review', '2026-03-15T00:00:00.000Z', false, '/partnerships/p-1/reports', '1'],
      ['signature_overdue', '2026-03-05T00:00:00.000Z', true, '/agreements/a-1', 'Nota Kesepahaman Gizi'],
      ['signature_overdue', '2026-03-05T00:00:00.000Z', true, '/agreements/a-1', 'Nota Kesepahaman Gizi'],
    ]);
  });

  it("gives a partner only its own organisation's report and the signatures it may sign now", () => {
    expect(inboxItemsOf(company, snapshot, now).map((i) => i.kind)).toEqual(['report_due', 'signature_due']);
    expect(inboxItemsOf(community, snapshot, now)).toEqual([]);
  });

  it("asks the lead's coordinator to sign for its own organisation", () => {
    const lead = { ...mou, pendingSignatures: [{ ...mou.pendingSignatures[0], organisationId: 'org-bappeda', signatoryUserId: 'koordinator-1', overdue: false }] } as Agreement;
    expect(inboxItemsOf(coordinator, { ...snapshot, agreements: [lead] }, now).map((i) => i.kind)).toContain('signature_due');
  });

  it('gives an auditor nothing to act on', () => {
    expect(inboxItemsOf(auditor, snapshot, now)).toEqual([]);
  });

  it('puts the most urgent first', () => {
    const items = byUrgency(inboxItemsOf(coordinator, snapshot, now));
    expect(items.map((i) => i.dueAt)).toEqual(['2026-03-01T00:00:00.000Z', '2026-03-05T00:00:00.000Z', '2026-03-05T00:00:00.000Z', '2026-03-15T00:00:00.000Z']);
  });
});
