import type {
  Actor,
  Decision,
  DomainEvent,
  LifecycleState,
  PartnershipLifecycleInput,
} from '@mitra/contracts';
import {
  applyDeadlines,
  applyDecision,
  applyServiceEvent,
  carryForward,
  initialState,
  nextDeadline,
  refusal,
  type DecisionContext,
} from './lifecycle-rules';
import { gateReadiness } from './gate-readiness';
import { stageDefinition, stageTasks } from './stages';

const coordinator: Actor = { userId: 'koordinator-1', role: 'coordinator' };
const lead: Actor = { userId: 'wakil-bappeda', role: 'partner', organisationId: 'org-bappeda' };
const company: Actor = { userId: 'wakil-pt', role: 'partner', organisationId: 'org-pt' };
const auditor: Actor = { userId: 'auditor-1', role: 'auditor' };

const settings = {
  approvalDueDays: 7,
  remindAfterDays: 3,
  escalateAfterDays: 7,
  reportingPeriodDays: 91,
  reportGraceDays: 14,
  inactiveAfterMissedPeriods: 2,
};
const input: PartnershipLifecycleInput = {
  partnershipId: 'p-1',
  name: 'Kemitraan Uji',
  startedBy: coordinator,
  startedAt: '2026-01-01T00:00:00.000Z',
  leadOrganisationId: 'org-bappeda',
  settings,
};

let clock = Date.parse('2026-01-01T00:00:00.000Z');
let ids = 0;
const at = () => new Date(clock).toISOString();
const context = (): DecisionContext => ({ now: at(), newId: () => `id-${++ids}` });
let keys = 0;
const key = () => `key-${++keys}-abcdef`;

function decide(state: LifecycleState, decision: Decision) {
  const refused = refusal(state, decision, at());
  if (refused) throw new Error(`refused: ${refused.reason}`);
  return applyDecision(state, decision, context());
}

function event(type: string, data: Record<string, unknown> = {}, eventId = `event-${++ids}`): DomainEvent {
  return { eventId, type, occurredAt: at(), partnershipId: 'p-1', organisationIds: [], data };
}

/** Completes the stage's tasks (but those skipped) and answers its questions. */
function completeStage(state: LifecycleState, { skip = [] as string[] } = {}): void {
  for (const task of stageTasks(state.stage).filter((candidate) => !skip.includes(candidate.id))) {
    const actor = task.owner === 'coordinator' ? coordinator : lead;
    decide(state, { kind: 'completeTask', idempotencyKey: key(), actor, taskId: task.id, evidence: [] });
  }
  for (const question of stageDefinition(state.stage).questions) {
    decide(state, {
      kind: 'answerQuestion',
      idempotencyKey: key(),
      actor: coordinator,
      questionId: question.id,
      answer: 'Ya, tercatat.',
    });
  }
}

const approve = (state: LifecycleState) =>
  decide(state, { kind: 'approveGate', idempotencyKey: key(), actor: coordinator, stage: state.stage });

function initiationFacts(state: LifecycleState): void {
  for (const type of ['stakeholders.map.checked', 'monitoring.targets.chosen', 'monitoring.baseline.fixed']) {
    applyServiceEvent(state, event(type, { passed: true }), at());
  }
}

/** The facts first: a task whose fact does not hold is not done. */
function throughFormation(state: LifecycleState): void {
  initiationFacts(state);
  completeStage(state);
  approve(state);
  applyServiceEvent(
    state,
    event('agreements.mou.effective', { agreementId: 'mou-1', versionNumber: 2 }),
    at(),
  );
  applyServiceEvent(state, event('funding.plan.committed'), at());
  completeStage(state);
  approve(state);
}

beforeEach(() => {
  clock = Date.parse('2026-01-01T00:00:00.000Z');
});

describe('the lifecycle rules', () => {
  it('begins a partnership at Initiation with its starter as coordinator and its lead as partner', () => {
    const state = initialState(input);
    expect(state).toMatchObject({
      stage: 'initiation',
      status: 'active',
      cycle: 1,
      coordinators: ['koordinator-1'],
    });
    expect(state.partners).toEqual([
      { organisationId: 'org-bappeda', role: 'lead', joinedAt: input.startedAt },
    ]);
  });

  it('keeps the Initiation gate closed until tasks, questions and the hard preconditions are all there', () => {
    const state = initialState(input);
    completeStage(state, { skip: ['1.4', '2.4'] });
    expect(gateReadiness(state, at())).toMatchObject({
      ready: false,
      missingTasks: ['1.4', '2.4'],
      unmetPreconditions: ['inclusive-map', 'sdg-targets', 'baseline'],
    });
    expect(
      refusal(
        state,
        { kind: 'approveGate', idempotencyKey: key(), actor: coordinator, stage: 'initiation' },
        at(),
      ),
    ).toMatchObject({
      code: 'CONFLICT',
      reason: expect.stringContaining('preconditions not met: inclusive-map, sdg-targets, baseline'),
    });

    applyServiceEvent(state, event('monitoring.targets.chosen'), at());
    applyServiceEvent(state, event('monitoring.baseline.fixed'), at());
    decide(state, {
      kind: 'waiveInclusiveness',
      idempotencyKey: key(),
      actor: coordinator,
      reason: 'Belum ada OMS perempuan di wilayah ini.',
    });
    completeStage(state);
    expect(gateReadiness(state, at()).ready).toBe(true);
    expect(approve(state).result).toMatchObject({ stage: 'formation', status: 'active' });
  });

  it('walks a whole cycle to renewal, keeping partners and processed keys for the next cycle', () => {
    const state = initialState(input);
    throughFormation(state);
    expect(state.stage).toBe('implementation');
    expect(state.reportingPeriods).toHaveLength(1);

    completeStage(state);
    applyServiceEvent(state, event('monitoring.report.approved', { periodNumber: 1 }), at());
    approve(state);
    completeStage(state);
    applyServiceEvent(state, event('monitoring.evaluation.completed', { panelCoversAllGroups: true }), at());
    approve(state);
    expect(state.stage).toBe('maturation');

    completeStage(state);
    decide(state, {
      kind: 'decideMaturation',
      idempotencyKey: key(),
      actor: coordinator,
      outcome: 'renew',
      reason: 'Target tercapai sebagian; lanjutkan.',
    });
    const outcome = approve(state);
    expect(outcome.renew).toBe(true);

    const next = initialState({ ...input, startedAt: at() }, carryForward(state, 'run-1'));
    expect(next).toMatchObject({
      cycle: 2,
      previousRunId: 'run-1',
      stage: 'initiation',
      partners: state.partners,
    });
    expect(Object.keys(next.processedKeys)).toEqual(Object.keys(state.processedKeys));
  });

  it('asks for a returned report again, and does not count it towards the gate', () => {
    const state = initialState(input);
    throughFormation(state);
    applyServiceEvent(state, event('monitoring.report.submitted', { periodNumber: 1 }), at());
    expect(state.reportingPeriods[0].status).toBe('submitted');
    expect(state.pending.some((p) => p.kind === 'report')).toBe(false);

    applyServiceEvent(state, event('monitoring.report.returned', { periodNumber: 1 }), at());
    expect(state.reportingPeriods[0].status).toBe('open');
    expect(state.pending.some((p) => p.kind === 'report')).toBe(true);
    completeStage(state);
    expect(gateReadiness(state, at()).unmetPreconditions).toEqual(['reports-approved']);
  });

  it('closes with a closure report, after which every decision is refused', () => {
    const state = initialState(input);
    state.stage = 'maturation';
    completeStage(state);
    decide(state, {
      kind: 'decideMaturation',
      idempotencyKey: key(),
      actor: coordinator,
      outcome: 'close',
      closureReport: { summary: 'Program selesai; aset diserahkan ke desa.' },
    });
    expect(approve(state).notifications.map((n) => n.type)).toEqual(['lifecycle.partnership.closed']);
    expect(state.status).toBe('closed');
    expect(
      refusal(
        state,
        { kind: 'pause', idempotencyKey: key(), actor: coordinator, reason: 'Coba jeda setelah tutup.' },
        at(),
      ),
    ).toMatchObject({
      code: 'CONFLICT',
      reason: 'The partnership is closed; it takes no more decisions.',
    });
  });

  it('transfers only once the new lead has accepted', () => {
    const state = initialState(input);
    state.stage = 'maturation';
    completeStage(state);
    decide(state, {
      kind: 'decideMaturation',
      idempotencyKey: key(),
      actor: coordinator,
      outcome: 'transfer',
      newLeadOrganisationId: 'org-pt',
      reason: 'Perusahaan siap memimpin.',
    });
    expect(state.pending.map((p) => p.kind)).toEqual(['transferAcceptance']);
    expect(
      refusal(
        state,
        { kind: 'approveGate', idempotencyKey: key(), actor: coordinator, stage: 'maturation' },
        at(),
      )?.code,
    ).toBe('CONFLICT');
    expect(refusal(state, { kind: 'acceptTransfer', idempotencyKey: key(), actor: lead }, at())?.code).toBe(
      'FORBIDDEN',
    );

    decide(state, { kind: 'acceptTransfer', idempotencyKey: key(), actor: company });
    approve(state);
    expect(state).toMatchObject({ status: 'transferred', leadOrganisationId: 'org-pt' });
  });

  describe('refuses', () => {
    it('an auditor, whatever the decision', () => {
      const state = initialState(input);
      expect(
        refusal(
          state,
          { kind: 'answerQuestion', idempotencyKey: key(), actor: auditor, questionId: 'I.1', answer: 'Ya' },
          at(),
        ),
      ).toEqual({
        code: 'FORBIDDEN',
        reason: 'Auditors read, they never decide.',
        rule: 'auditors_never_decide',
      });
    });

    it('a gate approval by someone who is not a coordinator of this partnership', () => {
      const state = initialState(input);
      const other: Actor = { userId: 'koordinator-lain', role: 'coordinator' };
      expect(
        refusal(
          state,
          { kind: 'approveGate', idempotencyKey: key(), actor: other, stage: 'initiation' },
          at(),
        )?.code,
      ).toBe('FORBIDDEN');
      expect(
        refusal(state, { kind: 'approveGate', idempotencyKey: key(), actor: lead, stage: 'initiation' }, at())
          ?.code,
      ).toBe('FORBIDDEN');
    });

    it('a partner task completed by an organisation outside the partnership, or by the coordinator', () => {
      const state = initialState(input);
      const task = { kind: 'completeTask' as const, idempotencyKey: key(), taskId: '2.1', evidence: [] };
      expect(refusal(state, { ...task, actor: company }, at())?.code).toBe('FORBIDDEN');
      expect(refusal(state, { ...task, actor: coordinator }, at())?.code).toBe('FORBIDDEN');
      expect(refusal(state, { ...task, actor: lead }, at())).toBeUndefined();
    });

    it('a task whose fact does not hold yet, naming the task and the unmet preconditions', () => {
      const state = initialState(input);
      const mapTask = {
        kind: 'completeTask' as const,
        idempotencyKey: key(),
        actor: coordinator,
        taskId: '1.4',
        evidence: [],
      };
      expect(refusal(state, mapTask, at())).toEqual({
        code: 'CONFLICT',
        field: 'taskId',
        reason: 'Task 1.4 is done once its fact holds; not yet: inclusive-map.',
        rule: 'task_fact_unmet',
        params: { taskId: '1.4', preconditions: ['inclusive-map'] },
      });
      applyServiceEvent(state, event('monitoring.targets.chosen'), at());
      expect(refusal(state, { ...mapTask, taskId: '2.4' }, at())?.params).toEqual({
        taskId: '2.4',
        preconditions: ['baseline'],
      });
      expect(refusal(state, { ...mapTask, taskId: '1.1' }, at())).toBeUndefined();

      applyServiceEvent(state, event('stakeholders.map.checked', { passed: true }), at());
      expect(refusal(state, mapTask, at())).toBeUndefined();
    });

    it('a task of another stage and an unknown task', () => {
      const state = initialState(input);
      expect(
        refusal(
          state,
          { kind: 'completeTask', idempotencyKey: key(), actor: coordinator, taskId: '4.1', evidence: [] },
          at(),
        ),
      ).toMatchObject({
        code: 'CONFLICT',
        field: 'taskId',
        rule: 'task_other_stage',
        params: { taskId: '4.1', taskStage: 'formation', stage: 'initiation' },
      });
      expect(
        refusal(
          state,
          { kind: 'completeTask', idempotencyKey: key(), actor: coordinator, taskId: '99.9', evidence: [] },
          at(),
        ),
      ).toEqual({
        code: 'VALIDATION_FAILED',
        field: 'taskId',
        reason: 'is not a task of the process',
        rule: 'unknown_task',
      });
    });

    it('a gate approved twice', () => {
      const state = initialState(input);
      throughFormation(state);
      expect(
        refusal(
          state,
          { kind: 'approveGate', idempotencyKey: key(), actor: coordinator, stage: 'formation' },
          at(),
        ),
      ).toMatchObject({
        code: 'CONFLICT',
        field: 'stage',
      });
    });

    it('anything but resume or terminate while paused', () => {
      const state = initialState(input);
      decide(state, {
        kind: 'pause',
        idempotencyKey: key(),
        actor: coordinator,
        reason: 'Menunggu APBD perubahan.',
      });
      expect(
        refusal(
          state,
          {
            kind: 'answerQuestion',
            idempotencyKey: key(),
            actor: coordinator,
            questionId: 'I.1',
            answer: 'Ya',
          },
          at(),
        )?.code,
      ).toBe('CONFLICT');
      decide(state, { kind: 'resume', idempotencyKey: key(), actor: coordinator });
      expect(state.status).toBe('active');
    });
  });

  it('returns a gate for revision with its reason, and reopens it once something is revised', () => {
    const state = initialState(input);
    initiationFacts(state);
    completeStage(state);
    decide(state, {
      kind: 'returnGate',
      idempotencyKey: key(),
      actor: coordinator,
      stage: 'initiation',
      reason: 'Peta belum memuat kelompok disabilitas.',
    });
    expect(gateReadiness(state, at()).ready).toBe(false);
    expect(state.decisions.at(-1)).toMatchObject({
      kind: 'returnGate',
      reason: 'Peta belum memuat kelompok disabilitas.',
      actor: coordinator,
    });

    decide(state, {
      kind: 'completeTask',
      idempotencyKey: key(),
      actor: coordinator,
      taskId: '1.4',
      evidence: [{ label: 'Peta v2' }],
    });
    expect(gateReadiness(state, at()).ready).toBe(true);
  });

  it('returns the first result for a repeated idempotency key and records one decision', () => {
    const state = initialState(input);
    const decision: Decision = {
      kind: 'answerQuestion',
      idempotencyKey: 'same-key-123',
      actor: coordinator,
      questionId: 'I.1',
      answer: 'Ya',
    };
    const first = decide(state, decision);
    const again = applyDecision(state, { ...decision, answer: 'Tidak' }, context());
    expect(again.result).toEqual(first.result);
    expect(state.answers['I.1'].answer).toBe('Ya');
    expect(state.decisions).toHaveLength(1);
  });

  it('refuses as a conflict a repeated key with another body, kind or actor, also in the next cycle', () => {
    const state = initialState(input);
    const decision: Decision = {
      kind: 'answerQuestion',
      idempotencyKey: 'same-key-456',
      actor: coordinator,
      questionId: 'I.1',
      answer: 'Ya',
    };
    decide(state, decision);
    const conflict = {
      code: 'CONFLICT',
      reason: 'This Idempotency-Key was already used for a different decision.',
    };
    expect(refusal(state, { ...decision, answer: 'Tidak' }, at())).toMatchObject(conflict);
    expect(
      refusal(state, { ...decision, actor: { ...coordinator, userId: 'koordinator-2' } }, at()),
    ).toMatchObject(conflict);
    expect(
      refusal(
        state,
        {
          kind: 'pause',
          idempotencyKey: decision.idempotencyKey,
          actor: coordinator,
          reason: 'Menunggu APBD perubahan.',
        },
        at(),
      ),
    ).toMatchObject(conflict);
    expect(refusal(state, { ...decision }, at())).toBeUndefined();

    const next = initialState({ ...input, startedAt: at() }, carryForward(state, 'run-1'));
    expect(refusal(next, { ...decision, answer: 'Tidak' }, at())).toMatchObject(conflict);
    expect(refusal(next, decision, at())).toBeUndefined();
  });

  it('keeps returning the first result for a key recorded before fingerprints existed', () => {
    const state = initialState(input);
    const decision: Decision = {
      kind: 'answerQuestion',
      idempotencyKey: 'old-key-789',
      actor: coordinator,
      questionId: 'I.1',
      answer: 'Ya',
    };
    decide(state, decision);
    delete state.decisionFingerprints;
    expect(refusal(state, { ...decision, answer: 'Tidak' }, at())).toBeUndefined();
  });

  it('applies a service event once, however often it arrives', () => {
    const state = initialState(input);
    state.stage = 'implementation';
    state.reportingPeriods.push({ number: 1, opensAt: at(), endsAt: at(), dueAt: at(), status: 'open' });
    const approved = event('monitoring.report.approved', { periodNumber: 1 }, 'evt-report-1');
    expect(applyServiceEvent(state, approved, at())).toBe(true);
    state.reportingPeriods[0].status = 'open';
    expect(applyServiceEvent(state, approved, at())).toBe(false);
    expect(state.reportingPeriods[0].status).toBe('open');
  });

  it('reminds the approvers after three days and escalates after seven', () => {
    const state = initialState(input);
    initiationFacts(state);
    completeStage(state);
    expect(state.pending[0]).toMatchObject({
      kind: 'gateApproval',
      forRole: 'coordinator',
      dueAt: '2026-01-08T00:00:00.000Z',
    });
    expect(nextDeadline(state)).toBe('2026-01-04T00:00:00.000Z');

    clock = Date.parse('2026-01-04T00:00:00.000Z');
    expect(applyDeadlines(state, context()).map((n) => n.type)).toEqual(['lifecycle.approval.reminded']);
    expect(nextDeadline(state)).toBe('2026-01-08T00:00:00.000Z');
    clock = Date.parse('2026-01-08T00:00:00.000Z');
    expect(applyDeadlines(state, context()).map((n) => n.type)).toEqual(['lifecycle.approval.escalated']);
    expect(nextDeadline(state)).toBeUndefined();
  });

  it('opens quarterly reporting periods, chases late reports, and turns inactive after two missed periods', () => {
    const state = initialState(input);
    throughFormation(state);
    expect(state.reportingPeriods[0]).toMatchObject({
      number: 1,
      endsAt: '2026-04-02T00:00:00.000Z',
      dueAt: '2026-04-16T00:00:00.000Z',
    });

    clock = Date.parse('2026-04-02T00:00:00.000Z');
    expect(applyDeadlines(state, context()).map((n) => n.type)).toEqual(['lifecycle.report.opened']);
    clock = Date.parse('2026-04-16T00:00:00.000Z');
    expect(applyDeadlines(state, context()).map((n) => n.type)).toEqual(['lifecycle.report.chased']);
    expect(state.status).toBe('active');

    clock = Date.parse('2026-07-02T00:00:00.000Z');
    applyDeadlines(state, context());
    clock = Date.parse('2026-07-16T00:00:00.000Z');
    expect(applyDeadlines(state, context()).map((n) => n.type)).toEqual([
      'lifecycle.report.chased',
      'lifecycle.partnership.inactive',
    ]);
    expect(state.status).toBe('inactive');
    expect(state.pending.map((p) => p.kind)).toContain('inactivityDecision');
  });
});
