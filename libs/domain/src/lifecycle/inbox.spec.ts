import type { Actor, Agreement, LifecycleState, MonitoringPlan, PendingItem, ProgressReport } from '@mitra/contracts';
import { fundedCommonFund, ctx, org, partnerOf, record } from '../funding/funding.fixtures';
import { approveDisbursement, requestDisbursement } from '../funding/funding-rules';
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

/** A common fund with one request by the CSO's representative, approved by nobody yet. */
function fundingWithARequest() {
  const funding = fundedCommonFund([[org.company, 50_000_000]]);
  const request = { lineId: 'L1', amount: 10_000_000, purpose: 'Kelas gizi balita', receivingOrganisationId: org.vendor };
  const requested = record(funding, requestDisbursement(funding, request, ctx(partnerOf(org.cso))));
  return { funding, sequence: requested.sequence };
}

describe('the inbox', () => {
  const snapshot = { state: state([gate, reportDue]), plan, agreements: [mou] };

  it("gives a coordinator the stage's open tasks, the gate, the report to review and every missing signature, each naming its organisation and page", () => {
    const items = inboxItemsOf(coordinator, snapshot, now);
    expect(items.map((i) => [i.kind, i.dueAt, i.overdue, i.link, i.subject, i.organisationId])).toEqual([
      ['tasks_open', undefined, false, '/partnerships/p-1#tasks', 'initiation', 'org-bappeda'],
      ['gate_approval', '2026-03-01T00:00:00.000Z', true, '/partnerships/p-1#gate', 'initiation', 'org-bappeda'],
      ['report_review', '2026-03-15T00:00:00.000Z', false, '/partnerships/p-1/reports?view=reports', '1', 'org-lpm'],
      ['signature_pending', '2026-03-05T00:00:00.000Z', true, '/agreements/a-1', 'Nota Kesepahaman Gizi', 'org-pt'],
      ['signature_pending', '2026-03-05T00:00:00.000Z', true, '/agreements/a-1', 'Nota Kesepahaman Gizi', 'org-lpm'],
    ]);
    expect(items[0].count).toBe(10);
  });

  it('counts only the coordinator tasks still open', () => {
    const done = state([]);
    done.tasks['1.1'] = { by: 'koordinator-1', at: now, evidence: [] };
    done.tasks['2.1'] = { by: 'wakil-lpm', at: now, evidence: [] };
    expect(inboxItemsOf(coordinator, { state: done }, now).find((i) => i.kind === 'tasks_open')?.count).toBe(9);
  });

  it('asks a coordinator to approve a disbursement it neither asked for nor approved yet, naming who asked', () => {
    const { funding, sequence } = fundingWithARequest();
    const cityCoordinator = { ...coordinator, organisationId: org.city };
    const items = inboxItemsOf(cityCoordinator, { state: state([]), funding }, now).filter((i) => i.kind === 'disbursement_approval');
    expect(items).toEqual([
      expect.objectContaining({ subject: String(sequence), organisationId: org.cso, link: '/partnerships/p-1/funding?view=movements', dueAt: '2026-03-09T03:00:00.000Z', overdue: true }),
    ]);

    record(funding, approveDisbursement(funding, sequence, {}, ctx(cityCoordinator)));
    expect(inboxItemsOf(cityCoordinator, { state: state([]), funding }, now).some((i) => i.kind === 'disbursement_approval')).toBe(false);
    expect(inboxItemsOf(company, { state: state([]), funding }, now)).toEqual([]);
  });

  it("gives a partner only its own organisation's report and the signatures it may sign now", () => {
    expect(inboxItemsOf(company, snapshot, now).map((i) => [i.kind, i.organisationId])).toEqual([
      ['report_due', 'org-pt'],
      ['signature_due', 'org-pt'],
    ]);
    expect(inboxItemsOf(community, snapshot, now)).toEqual([]);
  });

  it("asks the lead's coordinator to sign for its own organisation", () => {
    const lead = { ...mou, pendingSignatures: [{ ...mou.pendingSignatures[0], organisationId: 'org-bappeda', signatoryUserId: 'koordinator-1', overdue: false }] } as Agreement;
    expect(inboxItemsOf(coordinator, { ...snapshot, agreements: [lead] }, now).map((i) => i.kind)).toContain('signature_due');
  });

  it('gives a coordinator of another partnership nothing to act on, only what its organisation must do as a partner', () => {
    const elsewhere: Actor = { userId: 'koordinator-lain', role: 'coordinator', organisationId: 'org-pt' };
    expect(inboxItemsOf(elsewhere, snapshot, now).map((i) => i.kind)).toEqual(['report_due', 'signature_due']);
  });

  it('gives an auditor nothing to act on', () => {
    expect(inboxItemsOf(auditor, snapshot, now)).toEqual([]);
  });

  it('puts the most urgent first and what has no deadline last', () => {
    const items = byUrgency(inboxItemsOf(coordinator, snapshot, now));
    expect(items.map((i) => i.dueAt)).toEqual(['2026-03-01T00:00:00.000Z', '2026-03-05T00:00:00.000Z', '2026-03-05T00:00:00.000Z', '2026-03-15T00:00:00.000Z', undefined]);
  });
});
