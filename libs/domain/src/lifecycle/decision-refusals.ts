import type { Actor, Decision, DecisionRefusal, DecisionRefusalRule, LifecycleState } from '@mitra/contracts';
import { decisionFingerprint } from './decision-fingerprint';
import { describeUnready, gateReadiness, unmetFactsOf } from './gate-readiness';
import { findQuestion, findTask } from './stages';
import { activePartner, isTerminal } from './lifecycle-cycle';

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
