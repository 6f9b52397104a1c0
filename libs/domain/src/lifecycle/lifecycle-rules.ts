import type {
  Actor,
  Decision,
  DecisionRecord,
  DecisionRefusal,
  DecisionRefusalRule,
  DecisionResult,
  DomainEvent,
  LifecycleNotification,
  LifecycleState,
  MembershipChange,
  MouMembershipAmendment,
  PartnershipLifecycleInput,
  PendingItem,
  StageId,
} from '@mitra/contracts';
import { decisionFingerprint } from './decision-fingerprint';
import { describeUnready, gateReadiness, unmetFactsOf } from './gate-readiness';
import { findQuestion, findTask, firstStage, nextStage } from './stages';

const dayMs = 24 * 60 * 60 * 1000;
export const addDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * dayMs).toISOString();

/** What a renewed cycle keeps from the one before it. */
export type CarriedState = Pick<
  LifecycleState,
  'cycle' | 'partners' | 'coordinators' | 'leadOrganisationId' | 'processedKeys' | 'appliedEventIds'
> &
  Partial<Pick<LifecycleState, 'decisionFingerprints'>> & { previousRunId: string };

export function initialState(input: PartnershipLifecycleInput, carried?: CarriedState): LifecycleState {
  return {
    partnershipId: input.partnershipId,
    name: input.name,
    cycle: carried ? carried.cycle + 1 : 1,
    previousRunId: carried?.previousRunId,
    stage: firstStage,
    status: 'active',
    startedAt: input.startedAt,
    startedBy: input.startedBy.userId,
    settings: input.settings,
    coordinators: carried?.coordinators ?? [input.startedBy.userId],
    leadOrganisationId: carried ? carried.leadOrganisationId : input.leadOrganisationId,
    partners:
      carried?.partners.filter((p) => !p.withdrawnAt) ??
      (input.leadOrganisationId
        ? [{ organisationId: input.leadOrganisationId, role: 'lead', joinedAt: input.startedAt }]
        : []),
    tasks: {},
    answers: {},
    facts: {
      stakeholderMapPassed: false,
      sdgTargetsChosen: false,
      baselineFixed: false,
      fundingCommitted: false,
      evaluationCompleted: false,
    },
    reportingPeriods: [],
    gate: {},
    pending: [],
    decisions: [],
    processedKeys: carried?.processedKeys ?? {},
    decisionFingerprints: carried?.decisionFingerprints ?? {},
    appliedEventIds: carried?.appliedEventIds ?? [],
  };
}

export function carryForward(state: LifecycleState, previousRunId: string): CarriedState {
  const { cycle, partners, coordinators, processedKeys, decisionFingerprints, appliedEventIds } = state;
  const leadOrganisationId = state.leadOrganisationId;
  return {
    cycle,
    partners,
    coordinators,
    leadOrganisationId,
    processedKeys,
    decisionFingerprints,
    appliedEventIds,
    previousRunId,
  };
}

export const isTerminal = (state: LifecycleState) =>
  state.status === 'closed' || state.status === 'transferred' || state.status === 'terminated';

const activePartner = (state: LifecycleState, organisationId?: string) =>
  organisationId !== undefined &&
  state.partners.some((p) => p.organisationId === organisationId && !p.withdrawnAt);

// ---------------------------------------------------------------- decisions

type Rule = { rule: DecisionRefusalRule; params?: DecisionRefusal['params'] };
const forbidden = (rule: DecisionRefusalRule, reason: string): DecisionRefusal => ({
  code: 'FORBIDDEN',
  reason,
  rule,
});
const conflict = ({ rule, params }: Rule, reason: string, field?: string): DecisionRefusal => ({
  code: 'CONFLICT',
  reason,
  rule,
  ...(params ? { params } : {}),
  ...(field ? { field } : {}),
});
const invalid = (field: string, rule: DecisionRefusalRule, reason: string): DecisionRefusal => ({
  code: 'VALIDATION_FAILED',
  field,
  reason,
  rule,
});

const isCoordinator = (state: LifecycleState, actor: Actor) =>
  (actor.role === 'coordinator' || actor.role === 'admin') && state.coordinators.includes(actor.userId);

const coordinatorDecisions = new Set<Decision['kind']>([
  'approveGate',
  'returnGate',
  'answerQuestion',
  'waiveInclusiveness',
  'decideMaturation',
  'addPartner',
  'pause',
  'resume',
  'terminate',
]);

/** Why `decision` may not be taken now, or undefined when it may. Pure: the Update validator calls it. */
export function refusal(state: LifecycleState, decision: Decision, now: string): DecisionRefusal | undefined {
  const fingerprint = decisionFingerprint(decision);
  if (fingerprint === undefined) return invalid('(root)', 'lone_surrogate', 'has text with a lone surrogate');
  if (state.processedKeys[decision.idempotencyKey]) {
    // Keys recorded before fingerprints existed have none: their first result stands.
    const promised = state.decisionFingerprints?.[decision.idempotencyKey];
    return promised === undefined || promised === fingerprint
      ? undefined
      : conflict(
          { rule: 'idempotency_key_reused' },
          'This Idempotency-Key was already used for a different decision.',
          'Idempotency-Key',
        );
  }
  const { actor } = decision;
  if (actor.role === 'auditor')
    return forbidden('auditors_never_decide', 'Auditors read, they never decide.');
  if (isTerminal(state))
    return conflict(
      { rule: 'partnership_ended', params: { status: state.status } },
      `The partnership is ${state.status}; it takes no more decisions.`,
    );
  if (
    (state.status === 'paused' || state.status === 'inactive') &&
    decision.kind !== 'resume' &&
    decision.kind !== 'terminate'
  ) {
    return conflict(
      { rule: 'partnership_paused', params: { status: state.status } },
      `The partnership is ${state.status}; only resume or terminate are possible.`,
    );
  }
  if (coordinatorDecisions.has(decision.kind) && !isCoordinator(state, actor)) {
    return forbidden('coordinators_only', 'Only a coordinator of this partnership may take this decision.');
  }

  switch (decision.kind) {
    case 'approveGate': {
      if (decision.stage !== state.stage)
        return conflict(
          { rule: 'gate_not_open', params: { gate: decision.stage, stage: state.stage } },
          `The ${decision.stage} gate is not open; the partnership is in ${state.stage}.`,
          'stage',
        );
      const readiness = gateReadiness(state, now);
      if (!readiness.ready)
        return conflict(
          { rule: 'gate_not_ready', params: { stage: state.stage } },
          describeUnready(readiness),
        );
      return undefined;
    }
    case 'returnGate':
      if (decision.stage !== state.stage)
        return conflict(
          { rule: 'gate_not_open', params: { gate: decision.stage, stage: state.stage } },
          `The ${decision.stage} gate is not open; the partnership is in ${state.stage}.`,
          'stage',
        );
      if (!gateReadiness(state, now).ready)
        return conflict({ rule: 'nothing_to_approve' }, 'Nothing awaits approval at this gate.');
      return undefined;
    case 'completeTask': {
      const found = findTask(decision.taskId);
      if (!found) return invalid('taskId', 'unknown_task', 'is not a task of the process');
      if (found.stage !== state.stage)
        return conflict(
          {
            rule: 'task_other_stage',
            params: { taskId: decision.taskId, taskStage: found.stage, stage: state.stage },
          },
          `Task ${decision.taskId} belongs to ${found.stage}; the partnership is in ${state.stage}.`,
          'taskId',
        );
      if (found.task.owner === 'coordinator' && !isCoordinator(state, actor)) {
        return forbidden('coordinators_only', 'Only a coordinator of this partnership completes this task.');
      }
      if (
        found.task.owner === 'partner' &&
        (actor.role !== 'partner' || !activePartner(state, actor.organisationId))
      ) {
        return forbidden(
          'partners_only',
          "Only a representative of one of this partnership's organisations completes this task.",
        );
      }
      const unmet = unmetFactsOf(state, decision.taskId, now).map((precondition) => precondition.id);
      if (unmet.length > 0) {
        return conflict(
          { rule: 'task_fact_unmet', params: { taskId: decision.taskId, preconditions: unmet } },
          `Task ${decision.taskId} is done once its fact holds; not yet: ${unmet.join(', ')}.`,
          'taskId',
        );
      }
      return undefined;
    }
    case 'answerQuestion': {
      const found = findQuestion(decision.questionId);
      if (!found)
        return invalid('questionId', 'unknown_question', 'is not a guiding question of the process');
      if (found.stage !== state.stage)
        return conflict(
          {
            rule: 'question_other_stage',
            params: { questionId: decision.questionId, questionStage: found.stage, stage: state.stage },
          },
          `Question ${decision.questionId} belongs to ${found.stage}; the partnership is in ${state.stage}.`,
          'questionId',
        );
      return undefined;
    }
    case 'waiveInclusiveness':
      if (state.stage !== 'initiation')
        return conflict(
          { rule: 'inclusiveness_initiation_only' },
          'The inclusiveness check belongs to the Initiation gate.',
        );
      return undefined;
    case 'decideMaturation':
      if (state.stage !== 'maturation')
        return conflict(
          { rule: 'maturation_only' },
          'Renewal, transfer or closure is decided in the Development and maturation stage.',
        );
      if (decision.outcome === 'transfer' && decision.newLeadOrganisationId === state.leadOrganisationId) {
        return invalid('newLeadOrganisationId', 'already_lead', 'is already the lead');
      }
      return undefined;
    case 'acceptTransfer': {
      const maturation = state.maturation;
      if (state.stage !== 'maturation' || maturation?.outcome !== 'transfer')
        return conflict({ rule: 'no_transfer_pending' }, 'No transfer awaits acceptance.');
      if (actor.role !== 'partner' || actor.organisationId !== maturation.newLeadOrganisationId) {
        return forbidden('new_lead_only', 'Only the new lead organisation accepts the transfer.');
      }
      return undefined;
    }
    case 'addPartner':
      if (activePartner(state, decision.organisationId))
        return conflict(
          { rule: 'already_partner' },
          'This organisation is already a partner.',
          'organisationId',
        );
      if (state.facts.mouEffective && !decision.mouParty)
        return invalid(
          'mouParty',
          'mou_party_required',
          "is required: the MoU in force is amended with the new party's entry",
        );
      if (decision.mouParty && decision.mouParty.organisationId !== decision.organisationId)
        return invalid(
          'mouParty.organisationId',
          'mou_party_not_joining',
          'must be the joining organisation',
        );
      return undefined;
    case 'withdrawPartner': {
      const self = actor.role === 'partner' && actor.organisationId === decision.organisationId;
      if (!self && !isCoordinator(state, actor))
        return forbidden(
          'coordinator_or_partner_itself',
          'Only a coordinator, or the partner itself, withdraws a partner.',
        );
      if (!activePartner(state, decision.organisationId))
        return conflict({ rule: 'not_a_partner' }, 'This organisation is not a partner.', 'organisationId');
      if (decision.organisationId === state.leadOrganisationId)
        return conflict(
          { rule: 'lead_cannot_withdraw' },
          'The lead cannot withdraw; transfer the lead first.',
          'organisationId',
        );
      return undefined;
    }
    case 'pause':
      return undefined;
    case 'resume':
      if (state.status !== 'paused' && state.status !== 'inactive')
        return conflict({ rule: 'not_paused' }, 'The partnership is not paused or inactive.');
      return undefined;
    case 'terminate':
      return undefined;
  }
}

export interface Outcome {
  result: DecisionResult;
  notifications: LifecycleNotification[];
  /** Partners joined or left while an MoU is in force: amend it, for them alone. */
  mouAmendments: MouMembershipAmendment[];
  /** The maturation gate approved a renewal: start the next cycle. */
  renew: boolean;
}

export interface DecisionContext {
  now: string;
  newId: () => string;
}

function notification(
  state: LifecycleState,
  context: DecisionContext,
  type: LifecycleNotification['type'],
  data: Record<string, unknown>,
): LifecycleNotification {
  return { eventId: context.newId(), type, partnershipId: state.partnershipId, at: context.now, data };
}

/** What became of an MoU amendment the workflow asked for; a refusal reaches the coordinator. */
export function mouAmendmentNotification(
  state: LifecycleState,
  amendment: MouMembershipAmendment,
  outcome: { versionNumber: number } | { refused: string },
  context: DecisionContext,
): LifecycleNotification {
  const about = {
    agreementId: amendment.agreementId,
    change: amendment.change.kind,
    organisationId:
      amendment.change.kind === 'join'
        ? amendment.change.party.organisationId
        : amendment.change.organisationId,
  };
  return 'refused' in outcome
    ? notification(state, context, 'lifecycle.mou.amendment_refused', { ...about, reason: outcome.refused })
    : notification(state, context, 'lifecycle.mou.amendment_opened', {
        ...about,
        versionNumber: outcome.versionNumber,
      });
}

/** Applies a decision that `refusal` allowed; a key already processed returns its first result unchanged. */
function mouAmendment(
  state: LifecycleState,
  decision: Decision,
  change: MembershipChange,
  now: string,
): MouMembershipAmendment {
  return {
    idempotencyKey: `lifecycle.${decision.idempotencyKey}`.slice(0, 128),
    // The workflow vouches, as the api does, that the decider acts in this partnership.
    actor: { ...decision.actor, memberOf: state.partnershipId },
    agreementId: state.facts.mouEffective!.agreementId,
    change,
    expiresAt: addDays(now, state.settings.approvalDueDays),
  };
}

export function applyDecision(state: LifecycleState, decision: Decision, context: DecisionContext): Outcome {
  const previous = state.processedKeys[decision.idempotencyKey];
  if (previous) return { result: previous, notifications: [], mouAmendments: [], renew: false };

  const { now } = context;
  const notifications: LifecycleNotification[] = [];
  const mouAmendments: MouMembershipAmendment[] = [];
  const record: DecisionRecord = {
    decisionId: context.newId(),
    kind: decision.kind,
    idempotencyKey: decision.idempotencyKey,
    actor: decision.actor,
    at: now,
    stage: state.stage,
    cycle: state.cycle,
  };
  let renew = false;

  switch (decision.kind) {
    case 'approveGate': {
      if (decision.comment) record.details = { comment: decision.comment };
      if (state.stage === 'maturation') {
        const outcome = state.maturation!.outcome;
        record.details = { ...record.details, outcome };
        if (outcome === 'renew') {
          renew = true;
          notifications.push(
            notification(state, context, 'lifecycle.partnership.renewed', { cycle: state.cycle + 1 }),
          );
        } else if (outcome === 'transfer') {
          state.status = 'transferred';
          state.leadOrganisationId = state.maturation!.newLeadOrganisationId;
          notifications.push(
            notification(state, context, 'lifecycle.partnership.transferred', {
              newLeadOrganisationId: state.leadOrganisationId,
            }),
          );
        } else {
          state.status = 'closed';
          notifications.push(
            notification(state, context, 'lifecycle.partnership.closed', {
              closureReport: state.maturation!.closureReport,
            }),
          );
        }
      } else {
        enterStage(state, nextStage(state.stage)!, context, notifications);
      }
      break;
    }
    case 'returnGate':
      record.reason = decision.reason;
      state.gate = { returned: { reason: decision.reason, by: decision.actor.userId, at: now } };
      break;
    case 'completeTask':
      state.tasks[decision.taskId] = {
        by: decision.actor.userId,
        ...(decision.actor.organisationId ? { organisationId: decision.actor.organisationId } : {}),
        at: now,
        evidence: decision.evidence,
        ...(decision.note ? { note: decision.note } : {}),
      };
      record.details = { taskId: decision.taskId, evidence: decision.evidence };
      delete state.gate.returned;
      break;
    case 'answerQuestion':
      state.answers[decision.questionId] = { answer: decision.answer, by: decision.actor.userId, at: now };
      record.details = { questionId: decision.questionId, answer: decision.answer };
      delete state.gate.returned;
      break;
    case 'waiveInclusiveness':
      record.reason = decision.reason;
      state.facts.inclusivenessWaiver = { reason: decision.reason, by: decision.actor.userId, at: now };
      break;
    case 'decideMaturation':
      if (decision.outcome === 'close') {
        state.maturation = {
          outcome: 'close',
          decidedBy: decision.actor.userId,
          closureReport: decision.closureReport,
        };
        record.details = { outcome: 'close', closureReport: decision.closureReport };
      } else {
        record.reason = decision.reason;
        state.maturation = {
          outcome: decision.outcome,
          decidedBy: decision.actor.userId,
          ...(decision.outcome === 'transfer'
            ? { newLeadOrganisationId: decision.newLeadOrganisationId }
            : {}),
        };
        record.details = {
          outcome: decision.outcome,
          ...(decision.outcome === 'transfer'
            ? { newLeadOrganisationId: decision.newLeadOrganisationId }
            : {}),
        };
      }
      break;
    case 'acceptTransfer':
      state.maturation!.transferAcceptedBy = decision.actor.userId;
      break;
    case 'addPartner':
      state.partners.push({ organisationId: decision.organisationId, role: decision.role, joinedAt: now });
      record.details = { organisationId: decision.organisationId, role: decision.role };
      notifications.push(
        notification(state, context, 'lifecycle.partner.added', {
          organisationId: decision.organisationId,
          role: decision.role,
        }),
      );
      if (state.facts.mouEffective && decision.mouParty)
        mouAmendments.push(mouAmendment(state, decision, { kind: 'join', party: decision.mouParty }, now));
      break;
    case 'withdrawPartner':
      state.partners.find(
        (p) => p.organisationId === decision.organisationId && !p.withdrawnAt,
      )!.withdrawnAt = now;
      record.reason = decision.reason;
      record.details = { organisationId: decision.organisationId };
      notifications.push(
        notification(state, context, 'lifecycle.partner.withdrawn', {
          organisationId: decision.organisationId,
          reason: decision.reason,
        }),
      );
      if (state.facts.mouEffective)
        mouAmendments.push(
          mouAmendment(state, decision, { kind: 'leave', organisationId: decision.organisationId }, now),
        );
      break;
    case 'pause':
      record.reason = decision.reason;
      state.status = 'paused';
      break;
    case 'resume':
      if (decision.reason) record.reason = decision.reason;
      state.status = 'active';
      delete state.inactiveSince;
      break;
    case 'terminate':
      record.reason = decision.reason;
      state.status = 'terminated';
      break;
  }

  state.decisions.push(record);
  refresh(state, now);
  const result: DecisionResult = {
    decisionId: record.decisionId,
    kind: decision.kind,
    at: now,
    stage: state.stage,
    status: state.status,
  };
  state.processedKeys[decision.idempotencyKey] = result;
  const fingerprint = decisionFingerprint(decision);
  if (fingerprint !== undefined) (state.decisionFingerprints ??= {})[decision.idempotencyKey] = fingerprint;
  return { result, notifications, mouAmendments, renew };
}

function enterStage(
  state: LifecycleState,
  stage: StageId,
  context: DecisionContext,
  notifications: LifecycleNotification[],
): void {
  state.stage = stage;
  state.gate = {};
  notifications.push(notification(state, context, 'lifecycle.stage.entered', { stage, cycle: state.cycle }));
  if (stage === 'implementation') openPeriod(state, 1, context.now, context, notifications);
}

/** The notification announcing the first stage of a cycle. */
export function cycleStarted(state: LifecycleState, context: DecisionContext): LifecycleNotification[] {
  refresh(state, context.now);
  return [
    notification(state, context, 'lifecycle.stage.entered', { stage: state.stage, cycle: state.cycle }),
  ];
}

function openPeriod(
  state: LifecycleState,
  number: number,
  opensAt: string,
  context: DecisionContext,
  notifications: LifecycleNotification[],
): void {
  const endsAt = addDays(opensAt, state.settings.reportingPeriodDays);
  const period = {
    number,
    opensAt,
    endsAt,
    dueAt: addDays(endsAt, state.settings.reportGraceDays),
    status: 'open' as const,
  };
  state.reportingPeriods.push(period);
  notifications.push(
    notification(state, context, 'lifecycle.report.opened', {
      periodNumber: number,
      endsAt,
      dueAt: period.dueAt,
    }),
  );
}

// ---------------------------------------------------------------- service events

/** Applies an event from a service once; a repeated event id changes nothing. */
export function applyServiceEvent(state: LifecycleState, event: DomainEvent, now: string): boolean {
  if (state.appliedEventIds.includes(event.eventId)) return false;
  state.appliedEventIds.push(event.eventId);
  const data = event.data;
  const periodNumber = typeof data.periodNumber === 'number' ? data.periodNumber : undefined;
  const period = state.reportingPeriods.find((p) => p.number === periodNumber);
  switch (event.type) {
    case 'stakeholders.map.checked':
      state.facts.stakeholderMapPassed = data.passed === true;
      break;
    case 'monitoring.targets.chosen':
      state.facts.sdgTargetsChosen = true;
      break;
    case 'monitoring.baseline.fixed':
      state.facts.baselineFixed = true;
      break;
    case 'agreements.mou.effective':
      state.facts.mouEffective = {
        agreementId: String(data.agreementId),
        versionNumber: Number(data.versionNumber),
        at: event.occurredAt,
      };
      break;
    case 'funding.plan.committed':
      state.facts.fundingCommitted = true;
      break;
    case 'monitoring.report.submitted':
      if (period && period.status !== 'approved') period.status = 'submitted';
      break;
    case 'monitoring.report.approved':
      if (period) period.status = 'approved';
      break;
    case 'monitoring.report.returned':
      // Due again; `refresh` marks it late when its due date has passed.
      if (period && period.status === 'submitted') period.status = 'open';
      break;
    case 'monitoring.evaluation.completed':
      state.facts.evaluationCompleted = data.panelCoversAllGroups === true;
      break;
    default:
      return false;
  }
  refresh(state, now);
  return true;
}

// ---------------------------------------------------------------- timers

/** The next moment a timer must act, or undefined when nothing waits on time. */
export function nextDeadline(state: LifecycleState): string | undefined {
  if (state.status !== 'active') return undefined;
  const { settings, gate } = state;
  const moments: string[] = [];
  if (gate.readySince) {
    if (!gate.remindedAt) moments.push(addDays(gate.readySince, settings.remindAfterDays));
    if (!gate.escalatedAt) moments.push(addDays(gate.readySince, settings.escalateAfterDays));
  }
  if (state.stage === 'implementation') {
    const last = state.reportingPeriods[state.reportingPeriods.length - 1];
    if (last) moments.push(last.endsAt);
    for (const period of state.reportingPeriods) if (period.status === 'open') moments.push(period.dueAt);
  }
  return moments.sort()[0];
}

/** Acts on every deadline that has passed: reminders, escalations, new periods, late reports, inactivity. */
export function applyDeadlines(state: LifecycleState, context: DecisionContext): LifecycleNotification[] {
  const { now } = context;
  const notifications: LifecycleNotification[] = [];
  if (state.status !== 'active') return notifications;
  const { settings, gate } = state;
  if (gate.readySince) {
    if (!gate.remindedAt && addDays(gate.readySince, settings.remindAfterDays) <= now) {
      gate.remindedAt = now;
      notifications.push(
        notification(state, context, 'lifecycle.approval.reminded', {
          stage: state.stage,
          toRole: 'coordinator',
          coordinators: state.coordinators,
        }),
      );
    }
    if (!gate.escalatedAt && addDays(gate.readySince, settings.escalateAfterDays) <= now) {
      gate.escalatedAt = now;
      notifications.push(
        notification(state, context, 'lifecycle.approval.escalated', { stage: state.stage, toRole: 'admin' }),
      );
    }
  }
  if (state.stage === 'implementation') {
    let last = state.reportingPeriods[state.reportingPeriods.length - 1];
    while (last && last.endsAt <= now) {
      openPeriod(state, last.number + 1, last.endsAt, context, notifications);
      last = state.reportingPeriods[state.reportingPeriods.length - 1];
    }
    for (const period of state.reportingPeriods) {
      if (period.status === 'open' && period.dueAt <= now) {
        period.status = 'late';
        notifications.push(
          notification(state, context, 'lifecycle.report.chased', {
            periodNumber: period.number,
            dueAt: period.dueAt,
          }),
        );
      }
    }
    const recent = state.reportingPeriods
      .filter((p) => p.dueAt <= now)
      .slice(-settings.inactiveAfterMissedPeriods);
    if (recent.length === settings.inactiveAfterMissedPeriods && recent.every((p) => p.status === 'late')) {
      state.status = 'inactive';
      state.inactiveSince = now;
      notifications.push(
        notification(state, context, 'lifecycle.partnership.inactive', {
          missedPeriods: recent.map((p) => p.number),
        }),
      );
    }
  }
  refresh(state, now);
  return notifications;
}

// ---------------------------------------------------------------- what is pending

/** Recomputes gate readiness and the pending list after any change. */
export function refresh(state: LifecycleState, now: string): void {
  const ready = state.status === 'active' && gateReadiness(state, now).ready;
  if (ready && !state.gate.readySince) state.gate.readySince = now;
  if (!ready) {
    delete state.gate.readySince;
    delete state.gate.remindedAt;
    delete state.gate.escalatedAt;
  }
  const { settings } = state;
  const pending: PendingItem[] = [];
  if (state.gate.readySince) {
    pending.push({
      kind: 'gateApproval',
      forRole: 'coordinator',
      stage: state.stage,
      dueAt: addDays(state.gate.readySince, settings.approvalDueDays),
    });
  }
  const maturation = state.maturation;
  if (
    state.stage === 'maturation' &&
    maturation?.outcome === 'transfer' &&
    !maturation.transferAcceptedBy &&
    !isTerminal(state)
  ) {
    const decidedAt = [...state.decisions].reverse().find((d) => d.kind === 'decideMaturation')?.at ?? now;
    pending.push({
      kind: 'transferAcceptance',
      forRole: 'partner',
      forOrganisationId: maturation.newLeadOrganisationId,
      stage: state.stage,
      dueAt: addDays(decidedAt, settings.approvalDueDays),
    });
  }
  if (state.status === 'inactive' && state.inactiveSince) {
    pending.push({
      kind: 'inactivityDecision',
      forRole: 'coordinator',
      stage: state.stage,
      dueAt: addDays(state.inactiveSince, settings.approvalDueDays),
    });
  }
  if (state.stage === 'implementation' && !isTerminal(state)) {
    for (const period of state.reportingPeriods) {
      if (period.status === 'open' || period.status === 'late') {
        pending.push({
          kind: 'report',
          forRole: 'partner',
          stage: state.stage,
          dueAt: period.dueAt,
          periodNumber: period.number,
        });
      }
    }
  }
  state.pending = pending.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}
