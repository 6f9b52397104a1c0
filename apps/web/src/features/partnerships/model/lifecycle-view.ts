import type { Actor, DecisionRecord, LifecycleState, LifecycleStatus, Role } from '@mitra/contracts';
import { isTerminal } from '@mitra/domain';
import type { SessionUser } from '#shared/auth';
import { refusalFor, type ProposedDecision } from '../permissions';

/** A reason long enough for the contract: the previews below must not be refused for its length. */
const someReason = 'preview of the reason';

/**
 * Whether to offer a decision: the workflow's rules would take it now, or would only ask for more
 * input (a VALIDATION_FAILED, e.g. the MoU entry of a joining partner, is the form's to collect).
 */
export function offers(
  state: LifecycleState,
  user: SessionUser,
  decision: ProposedDecision,
  now?: Date,
): boolean {
  const refused = refusalFor(state, user, decision, now);
  return refused === undefined || refused.code === 'VALIDATION_FAILED';
}

export interface LifecycleActions {
  pause: boolean;
  resume: boolean;
  terminate: boolean;
}

/** Which of pause, resume and terminate this user may take now. */
export function lifecycleActions(state: LifecycleState, user: SessionUser, now?: Date): LifecycleActions {
  return {
    pause: offers(state, user, { kind: 'pause', reason: someReason }, now),
    resume: offers(state, user, { kind: 'resume' }, now),
    terminate: offers(state, user, { kind: 'terminate', reason: someReason }, now),
  };
}

/** The decision that leads to each status a person sets with pause, resume or terminate. */
const setters: Partial<Record<LifecycleStatus, DecisionRecord['kind']>> = {
  active: 'resume',
  paused: 'pause',
  terminated: 'terminate',
};
const statusDecisions = new Set<DecisionRecord['kind']>(['pause', 'resume', 'terminate']);

export interface StatusStory {
  status: LifecycleStatus;
  /** The pause, resume or terminate that set the status, with its reason. */
  decision?: DecisionRecord;
  /** Since when the partnership is inactive (the timers decided, not a person). */
  inactiveSince?: string;
}

/** The status and why: the pause, resume or terminate of this cycle that set it, or the inactivity timer. */
export function statusStory(
  state: Pick<LifecycleState, 'status' | 'decisions' | 'inactiveSince'>,
): StatusStory {
  if (state.status === 'inactive') return { status: state.status, inactiveSince: state.inactiveSince };
  const latest = [...state.decisions].reverse().find((record) => statusDecisions.has(record.kind));
  const setBy = latest && latest.kind === setters[state.status] ? latest : undefined;
  return { status: state.status, ...(setBy ? { decision: setBy } : {}) };
}

export type MaturationNext =
  /** The new lead organisation has not accepted yet. */
  | 'awaitingAcceptance'
  /** Decided (and accepted): the coordinator approves the maturation gate to carry it out. */
  | 'awaitingGate'
  | 'transferred'
  | 'closed';

export interface MaturationView {
  outcome: 'renew' | 'transfer' | 'close';
  decidedBy: string;
  decision?: DecisionRecord;
  newLeadOrganisationId?: string;
  transferAcceptedBy?: string;
  closureReport?: { summary: string; documentRef?: string };
  next: MaturationNext;
}

/** The recorded maturation decision of this cycle and what it still waits for, or nothing before one. */
export function maturationView(state: LifecycleState): MaturationView | undefined {
  const maturation = state.maturation;
  if (!maturation) return undefined;
  const decision = [...state.decisions].reverse().find((record) => record.kind === 'decideMaturation');
  const next: MaturationNext =
    state.status === 'transferred'
      ? 'transferred'
      : state.status === 'closed'
        ? 'closed'
        : maturation.outcome === 'transfer' && !maturation.transferAcceptedBy
          ? 'awaitingAcceptance'
          : 'awaitingGate';
  return {
    outcome: maturation.outcome,
    decidedBy: maturation.decidedBy,
    ...(decision ? { decision } : {}),
    ...(maturation.newLeadOrganisationId ? { newLeadOrganisationId: maturation.newLeadOrganisationId } : {}),
    ...(maturation.transferAcceptedBy ? { transferAcceptedBy: maturation.transferAcceptedBy } : {}),
    ...(maturation.closureReport ? { closureReport: maturation.closureReport } : {}),
    next,
  };
}

export interface MaturationActions {
  decide: boolean;
  accept: boolean;
}

export function maturationActions(state: LifecycleState, user: SessionUser, now?: Date): MaturationActions {
  return {
    decide:
      !isTerminal(state) &&
      offers(state, user, { kind: 'decideMaturation', outcome: 'renew', reason: someReason }, now),
    // The rules would take a second acceptance as well; it would change nothing.
    accept: !state.maturation?.transferAcceptedBy && offers(state, user, { kind: 'acceptTransfer' }, now),
  };
}

export interface KnownActor {
  role: Role;
  organisationId?: string;
}

/**
 * Who is who, as far as the partnership's own record tells: every decision names its actor's role and
 * organisation. Users without a decision of this cycle stay unknown.
 */
export function actorDirectory(state: Pick<LifecycleState, 'decisions'>): Map<string, KnownActor> {
  const directory = new Map<string, KnownActor>();
  for (const { actor } of state.decisions) directory.set(actor.userId, knownActor(actor));
  return directory;
}

const knownActor = ({ role, organisationId }: Actor): KnownActor => ({
  role,
  ...(organisationId ? { organisationId } : {}),
});
