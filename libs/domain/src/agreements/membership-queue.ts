import type { AgreementParty, MembershipChange, QueuedMembershipChange } from '@mitra/contracts';
import {
  findVersion,
  latestVersion,
  openRound,
  type AgreementState,
  type Context,
  type Transition,
} from './agreement';
import { AgreementException, AgreementExceptionCode, refuse } from './agreement-exception';
import { amendAgreement } from './amendments';
import { assertMayManage } from './authorisation';
import { eventBase } from './signing-rounds';

/** A membership change amended at once, or queued behind the open round. */
export type MembershipOutcome =
  { versionNumber: number; roundNumber: number } | { queuedKey: string; behindRound: number };

const organisationOf = (change: MembershipChange) =>
  change.kind === 'join' ? change.party.organisationId : change.organisationId;

/** Refuses a change the parties do not allow: joining when already in, leaving when not in. */
function checkChange(parties: readonly AgreementParty[], change: MembershipChange): void {
  const present = parties.some((party) => party.organisationId === organisationOf(change));
  if (change.kind === 'join' && present)
    refuse(AgreementExceptionCode.NoChange, 'The organisation is already a party.', [
      {
        field: 'change.party.organisationId',
        reason: 'is already a party',
        code: 'agreements.already_a_party',
      },
    ]);
  if (change.kind === 'leave' && !present)
    refuse(AgreementExceptionCode.NoChange, 'The organisation is not a party.', [
      { field: 'change.organisationId', reason: 'is not a party', code: 'agreements.not_an_agreement_party' },
    ]);
}

function applied(parties: readonly AgreementParty[], change: MembershipChange): AgreementParty[] {
  return change.kind === 'join'
    ? [...parties, change.party]
    : parties.filter((party) => party.organisationId !== change.organisationId);
}

const queueOf = (state: AgreementState) => state.membershipQueue ?? [];

/**
 * The parties as they will be once the open round succeeds and every change queued behind it is
 * amended: a new change is checked against these, so it is refused now rather than voided later.
 */
function partiesToCome(state: AgreementState): AgreementParty[] {
  return queueOf(state)
    .filter((entry) => entry.status === 'queued')
    .reduce((parties, entry) => applied(parties, entry.change), latestVersion(state).content.fields.parties);
}

/** Amends the version in force for one party joining or leaving; only that party signs. */
function amendNow(
  state: AgreementState,
  change: MembershipChange,
  expiresAt: string,
  context: Context,
): Transition<{ versionNumber: number; roundNumber: number }> {
  // From the version in force, not the latest: an amendment that failed is not carried into this one.
  const fields = findVersion(state, state.effectiveVersion!).content.fields;
  checkChange(fields.parties, change);
  return amendAgreement(
    state,
    {
      baseVersion: latestVersion(state).number,
      fields: { ...fields, parties: applied(fields.parties, change) },
      mode: 'parallel',
      expiresAt,
    },
    context,
  );
}

/**
 * A partner joining or leaving the partnership while its MoU is in force: the MoU is amended for that
 * party alone. While a round is open the change is queued (keyed by its command, so a retry queues it
 * once) and amended when the round ends, with as long to sign as it was given.
 */
export function amendMembership(
  state: AgreementState,
  input: { change: MembershipChange; expiresAt: string; key: string },
  context: Context,
): Transition<MembershipOutcome> {
  const { actor, now } = context;
  assertMayManage(actor, 'amend agreements');
  if (state.effectiveVersion === null)
    refuse(
      AgreementExceptionCode.NotEffective,
      'Only an agreement in force is amended; revise the draft instead.',
    );
  const round = openRound(state);
  if (!round) return amendNow(state, input.change, input.expiresAt, context);

  const earlier = queueOf(state).find((entry) => entry.key === input.key);
  if (earlier) return { state, events: [], result: { queuedKey: earlier.key, behindRound: round.number } };
  checkChange(partiesToCome(state), input.change);
  const signingPeriodMs = Date.parse(input.expiresAt) - Date.parse(now);
  if (!(signingPeriodMs > 0))
    refuse(AgreementExceptionCode.BadSigningSetup, 'The amendment cannot be opened for signature.', [
      { field: 'expiresAt', reason: 'must be in the future', code: 'agreements.expiry_not_in_future' },
    ]);
  const entry: QueuedMembershipChange = {
    key: input.key,
    change: input.change,
    queuedAt: now,
    queuedBy: actor.userId,
    signingPeriodMs,
    status: 'queued',
    versionNumber: null,
    resolvedAt: null,
    reason: null,
  };
  return {
    state: { ...state, membershipQueue: [...queueOf(state), entry] },
    events: [
      {
        name: 'queued',
        key: `q.${input.key}`,
        data: {
          ...eventBase(state, round),
          key: input.key,
          change: input.change.kind,
          organisationId: organisationOf(input.change),
        },
      },
    ],
    result: { queuedKey: entry.key, behindRound: round.number },
  };
}

function resolved(
  state: AgreementState,
  key: string,
  outcome: Pick<QueuedMembershipChange, 'status' | 'versionNumber' | 'reason'>,
  now: string,
): AgreementState {
  return {
    ...state,
    membershipQueue: queueOf(state).map((entry) =>
      entry.key === key ? { ...entry, ...outcome, resolvedAt: now } : entry,
    ),
  };
}

/**
 * Once no round is open, amends the oldest queued change (in the name of the coordinator who asked
 * for it). A change the MoU no longer allows (the organisation already is, or no longer is, a party)
 * is marked void with the reason, and the next one is tried.
 */
export function amendQueued(state: AgreementState, now: string): Transition<boolean> {
  let current = state;
  const events: Transition<boolean>['events'] = [];
  for (;;) {
    const entry = queueOf(current).find((queued) => queued.status === 'queued');
    if (!entry || openRound(current) || current.effectiveVersion === null) break;
    const expiresAt = new Date(Date.parse(now) + entry.signingPeriodMs).toISOString();
    try {
      const amended = amendNow(current, entry.change, expiresAt, {
        actor: { userId: entry.queuedBy, role: 'coordinator' },
        now,
      });
      current = resolved(
        amended.state,
        entry.key,
        { status: 'amended', versionNumber: amended.result.versionNumber, reason: null },
        now,
      );
      events.push(...amended.events);
    } catch (error) {
      if (!(error instanceof AgreementException)) throw error;
      current = resolved(
        current,
        entry.key,
        { status: 'void', versionNumber: null, reason: error.message },
        now,
      );
    }
  }
  return { state: current, events, result: current !== state };
}
