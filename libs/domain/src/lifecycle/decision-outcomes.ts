import type {
  Decision,
  DecisionRecord,
  DecisionResult,
  LifecycleNotification,
  LifecycleState,
  MembershipChange,
  MouAmendmentOutcome,
  MouMembershipAmendment,
  StageId,
} from '@mitra/contracts';
import { decisionFingerprint } from './decision-fingerprint';
import { nextStage } from './stages';
import { addDays, notification, openPeriod, type DecisionContext } from './lifecycle-cycle';
import { refresh } from './lifecycle-clock';

export interface Outcome {
  result: DecisionResult;
  notifications: LifecycleNotification[];
  /** Partners joined or left while an MoU is in force: amend it, for them alone. */
  mouAmendments: MouMembershipAmendment[];
  /** The maturation gate approved a renewal: start the next cycle. */
  renew: boolean;
}

/** What became of an MoU amendment the workflow asked for; a refusal reaches the coordinator. */
export function mouAmendmentNotification(
  state: LifecycleState,
  amendment: MouMembershipAmendment,
  outcome: MouAmendmentOutcome,
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
  if ('refused' in outcome)
    return notification(state, context, 'lifecycle.mou.amendment_refused', {
      ...about,
      reason: outcome.refused,
    });
  // Queued behind an open round: the agreements service amends it when that round ends.
  if ('queuedBehindRound' in outcome)
    return notification(state, context, 'lifecycle.mou.amendment_queued', {
      ...about,
      behindRound: outcome.queuedBehindRound,
    });
  return notification(state, context, 'lifecycle.mou.amendment_opened', {
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
