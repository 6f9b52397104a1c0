import type { Actor, HistoryStep, PartnershipLifecycleInput } from '@mitra/contracts';
import { auditHistory } from './history-audit';
import { refusal } from './lifecycle-rules';
import { stageTasks } from './stages';

const coordinator: Actor = { userId: 'koordinator-1', role: 'coordinator' };
const auditor: Actor = { userId: 'auditor-1', role: 'auditor' };
const input: PartnershipLifecycleInput = {
  partnershipId: 'p-1',
  name: 'Kemitraan Gizi',
  startedBy: coordinator,
  startedAt: '2026-01-01T00:00:00.000Z',
  leadOrganisationId: 'org-bappeda',
  settings: { approvalDueDays: 7, remindAfterDays: 3, escalateAfterDays: 7, reportingPeriodDays: 91, reportGraceDays: 14, inactiveAfterMissedPeriods: 2 },
};
const coordinatorTask = stageTasks('initiation').find((task) => task.owner === 'coordinator')!;
let eventId = 0;
const step = <T extends HistoryStep['type']>(type: T, at: string, rest: object): HistoryStep => ({ type, runId: 'run-1', eventId: ++eventId, at, ...rest }) as HistoryStep;

const history: HistoryStep[] = [
  step('started', '2026-01-01T00:00:00.000Z', { input }),
  step('decision', '2026-01-02T03:00:00.000Z', {
    kind: 'completeTask',
    payload: { idempotencyKey: 'key-task-1', actor: coordinator, taskId: coordinatorTask.id, evidence: [{ label: 'Notulen rapat', url: 'https://example.org/notulen.pdf' }] },
    recordedResult: { decisionId: 'x', kind: 'completeTask', at: '2026-01-02T03:00:00.000Z', stage: 'initiation', status: 'active' },
  }),
  step('serviceEvent', '2026-01-03T00:00:00.000Z', { event: { eventId: 'e-1', type: 'monitoring.targets.chosen', occurredAt: '2026-01-03T00:00:00.000Z', organisationIds: [], data: {} } }),
  step('decision', '2026-01-05T00:00:00.000Z', {
    kind: 'pause',
    payload: { idempotencyKey: 'key-pause-1', actor: coordinator, reason: 'Menunggu APBD perubahan disahkan.' },
    recordedResult: { decisionId: 'y', kind: 'pause', at: '2026-01-05T00:00:00.000Z', stage: 'initiation', status: 'paused' },
  }),
];

describe("auditing a partnership's history with the rules in force", () => {
  it('agrees with a history the rules produce and gives the timeline of decisions with actor, reason and evidence', () => {
    const audit = auditHistory(history);
    expect(audit.divergences).toEqual([]);
    expect(audit.state).toMatchObject({ status: 'paused', facts: { sdgTargetsChosen: true } });
    expect(audit.timeline.map((entry) => [entry.kind, entry.actor.userId, entry.at, entry.reason ?? null, entry.evidence])).toEqual([
      ['completeTask', 'koordinator-1', '2026-01-02T03:00:00.000Z', null, [{ label: 'Notulen rapat', url: 'https://example.org/notulen.pdf' }]],
      ['pause', 'koordinator-1', '2026-01-05T00:00:00.000Z', 'Menunggu APBD perubahan disahkan.', []],
    ]);
  });

  it('names the history event of a decision today’s rules refuse, or answer differently', () => {
    const tampered: HistoryStep[] = [
      ...history,
      step('decision', '2026-01-06T00:00:00.000Z', { kind: 'resume', payload: { idempotencyKey: 'key-resume-1', actor: auditor } }),
      step('decision', '2026-01-07T00:00:00.000Z', {
        kind: 'resume',
        payload: { idempotencyKey: 'key-resume-2', actor: coordinator },
        recordedResult: { decisionId: 'z', kind: 'resume', at: '2026-01-07T00:00:00.000Z', stage: 'formation', status: 'active' },
      }),
      step('decision', '2026-01-08T00:00:00.000Z', { kind: 'pause', payload: { idempotencyKey: 'key-pause-2', actor: coordinator, reason: 'pendek' } }),
    ];
    const { divergences } = auditHistory(tampered);
    expect(divergences.map((d) => [d.eventId, d.kind, d.recorded, d.today])).toEqual([
      [tampered[4]!.eventId, 'resume', 'accepted', expect.stringContaining('refused (FORBIDDEN)')],
      [tampered[5]!.eventId, 'resume', 'formation/active', 'initiation/active'],
      [tampered[6]!.eventId, 'pause', 'accepted', expect.stringContaining('the contract refuses it: reason')],
    ]);
  });

  it('detects a deliberately changed rule as a divergence on the decisions it touches', () => {
    const pauseNeedsAdmin: typeof refusal = (state, decision, now) =>
      decision.kind === 'pause' && decision.actor.role !== 'admin' ? { code: 'FORBIDDEN', reason: 'Only an administrator pauses.' } : refusal(state, decision, now);
    const { divergences } = auditHistory(history, { rules: { refusal: pauseNeedsAdmin } });
    expect(divergences).toEqual([expect.objectContaining({ eventId: history[3]!.eventId, kind: 'pause', actor: coordinator, today: 'refused (FORBIDDEN): Only an administrator pauses.' })]);
  });

  it('shows the partnership as it stood at a past moment', () => {
    expect(auditHistory(history, { until: '2026-01-04T00:00:00.000Z' }).state).toMatchObject({ status: 'active', facts: { sdgTargetsChosen: true } });
    expect(auditHistory(history, { until: '2025-12-31T00:00:00.000Z' }).state).toBeNull();
  });
});
