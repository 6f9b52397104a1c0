import {
  defaultEffectivenessRule,
  type Actor,
  type AgreementKind,
  type AgreementSummary,
  type AgreementVersion,
  type DeclineRecord,
  type QueuedMembershipChange,
  type RoundStatus,
  type SignatureRecord,
  type SigningRound,
} from '@mitra/contracts';
import {
  agreementSummary,
  canonicalize,
  nextDueTime,
  partyOrganisationIds,
  type AgreementState,
} from '@mitra/domain';

/** What never changes after the draft: written by revision 1 only. */
export interface AgreementCreated {
  kind: AgreementKind;
  partnershipId: string;
  createdAt: string;
  createdBy: string;
}

/** What happened to a round that was open already: only the fields that moved, lists by what was added. */
export interface RoundPatch {
  number: number;
  status?: RoundStatus;
  closedAt?: string | null;
  signatures?: SignatureRecord[];
  declines?: DeclineRecord[];
  /** Parties whose reminder went out. */
  reminded?: Array<{ organisationId: string; remindedAt: string }>;
}

/** A round opened (whole), changed (a patch), or, for a change a patch cannot say, written again whole. */
export type RoundChange = { opened: SigningRound } | { changed: RoundPatch } | { replaced: SigningRound };

/** The command that made a revision: a repeat of it is answered from `ref` (a version or round number, an organisation). */
export interface AgreementCommandRecord {
  type: string;
  ref: Record<string, string | number>;
}

/** What one revision of an agreement changed; absent fields did not change. */
export interface AgreementChange {
  /** When (ISO): the command's time, or when time alone changed the agreement. */
  at: string;
  /** Absent when time alone changed the agreement (an expiry, reminders) and in revisions moved from the previous layout. */
  actor?: Actor;
  command?: AgreementCommandRecord;
  created?: AgreementCreated;
  /** Versions added; a version never changes once written. */
  versions?: AgreementVersion[];
  rounds?: RoundChange[];
  /** The version in force, when it changed. */
  effectiveVersion?: number | null;
  /** The whole membership queue, when it changed (it is short, and its entries change status). */
  membershipQueue?: QueuedMembershipChange[];
}

/**
 * What every revision carries for reads that must not fold the history: the summary lists show, the
 * organisations a partner's list is checked against, and when time alone will next change the
 * agreement (the due-time sweep finds it by this). Bump the version when `agreementSummary` or
 * `nextDueTime` change what they compute: digests of another version are recomputed from the history.
 */
export interface AgreementDigest {
  version: number;
  summary: AgreementSummary;
  organisationIds: string[];
  nextDueAt: string | null;
}
export const agreementDigestVersion = 1;

export function digestOf(state: AgreementState): AgreementDigest {
  return {
    version: agreementDigestVersion,
    summary: agreementSummary(state),
    organisationIds: partyOrganisationIds(state),
    nextDueAt: nextDueTime(state),
  };
}

/** Stored values are plain JSON: no undefined (which the driver would write as null), no class instances. */
export const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const same = (a: unknown, b: unknown) => a === b || canonicalize(a) === canonicalize(b);

// Rounds stored before effectiveness rules existed asked every party.
const withRule = (round: SigningRound): SigningRound => ({
  ...round,
  rule: round.rule ?? defaultEffectivenessRule,
});

function patched(round: SigningRound, patch: RoundPatch): SigningRound {
  const reminded = new Map((patch.reminded ?? []).map((r) => [r.organisationId, r.remindedAt]));
  return {
    ...round,
    ...(patch.status === undefined ? {} : { status: patch.status }),
    ...(patch.closedAt === undefined ? {} : { closedAt: patch.closedAt }),
    signatures: [...round.signatures, ...(patch.signatures ?? [])],
    declines: [...round.declines, ...(patch.declines ?? [])],
    parties: round.parties.map((party) =>
      reminded.has(party.organisationId)
        ? { ...party, remindedAt: reminded.get(party.organisationId)! }
        : party,
    ),
  };
}

/** The state after `change`, from the state before it (undefined before revision 1). */
export function applyChange(
  agreementId: string,
  previous: AgreementState | undefined,
  change: AgreementChange,
): AgreementState {
  let state: AgreementState;
  if (previous) state = previous;
  else if (change.created)
    state = { id: agreementId, ...change.created, versions: [], rounds: [], effectiveVersion: null };
  else throw new Error(`revision 1 of agreement ${agreementId} does not create it`);
  if (change.versions?.length) state = { ...state, versions: [...state.versions, ...change.versions] };
  for (const roundChange of change.rounds ?? []) {
    if ('opened' in roundChange) {
      state = { ...state, rounds: [...state.rounds, withRule(roundChange.opened)] };
      continue;
    }
    const number = 'changed' in roundChange ? roundChange.changed.number : roundChange.replaced.number;
    if (!state.rounds.some((round) => round.number === number))
      throw new Error(`agreement ${agreementId} has no round ${number} to change`);
    state = {
      ...state,
      rounds: state.rounds.map((round) =>
        round.number !== number
          ? round
          : 'changed' in roundChange
            ? patched(round, roundChange.changed)
            : withRule(roundChange.replaced),
      ),
    };
  }
  if (change.effectiveVersion !== undefined) state = { ...state, effectiveVersion: change.effectiveVersion };
  if (change.membershipQueue !== undefined) state = { ...state, membershipQueue: change.membershipQueue };
  return state;
}

/** The agreement as its revisions, in order, leave it; undefined when there are none. */
export function foldAgreement(
  agreementId: string,
  changes: readonly AgreementChange[],
): AgreementState | undefined {
  return changes.reduce<AgreementState | undefined>(
    (state, change) => applyChange(agreementId, state, change),
    undefined,
  );
}

/** The items appended to `before` to make `after`; undefined when `after` is not `before` plus more. */
function appended<T>(before: readonly T[], after: readonly T[]): T[] | undefined {
  if (after.length < before.length || before.some((item, i) => !same(item, after[i]))) return undefined;
  return after.slice(before.length);
}

function roundChange(before: SigningRound, after: SigningRound): RoundChange | undefined {
  if (same(before, after)) return undefined;
  const replaced = { replaced: after };
  const rest = ({
    status: _s,
    closedAt: _c,
    signatures: _g,
    declines: _d,
    parties: _p,
    ...fields
  }: SigningRound) => fields;
  if (!same(rest(before), rest(after)) || before.parties.length !== after.parties.length) return replaced;
  const patch: RoundPatch = { number: after.number };
  if (after.status !== before.status) patch.status = after.status;
  if (after.closedAt !== before.closedAt) patch.closedAt = after.closedAt;
  const signatures = appended(before.signatures, after.signatures);
  const declines = appended(before.declines, after.declines);
  if (!signatures || !declines) return replaced;
  if (signatures.length > 0) patch.signatures = signatures;
  if (declines.length > 0) patch.declines = declines;
  const reminded = after.parties.flatMap((party, i) =>
    party.remindedAt !== before.parties[i]!.remindedAt && party.remindedAt !== null
      ? [{ organisationId: party.organisationId, remindedAt: party.remindedAt }]
      : [],
  );
  if (reminded.length > 0) patch.reminded = reminded;
  return same(patched(before, patch), after) ? { changed: patch } : replaced;
}

/**
 * What a transition changed, as the revision stores it: the versions added, the rounds opened or
 * what moved in a round, the version in force. Checked before it is written: replaying the change on
 * `previous` must give `next` exactly, or nothing is written (a rule that rewrote a version would
 * otherwise be stored as something it is not).
 */
export function changeBetween(
  previous: AgreementState | undefined,
  next: AgreementState,
  about: { at: string; actor?: Actor; command?: AgreementCommandRecord },
): AgreementChange {
  const change: AgreementChange = {
    at: about.at,
    ...(about.actor ? { actor: about.actor } : {}),
    ...(about.command ? { command: about.command } : {}),
  };
  if (!previous)
    change.created = {
      kind: next.kind,
      partnershipId: next.partnershipId,
      createdAt: next.createdAt,
      createdBy: next.createdBy,
    };
  const versions = appended(previous?.versions ?? [], next.versions);
  if (!versions) throw new Error(`agreement ${next.id}: a stored version would change`);
  if (versions.length > 0) change.versions = versions;
  const before = previous?.rounds ?? [];
  const rounds = next.rounds.flatMap((round): RoundChange[] => {
    const earlier = before.find((r) => r.number === round.number);
    if (!earlier) return [{ opened: round }];
    const moved = roundChange(earlier, round);
    return moved ? [moved] : [];
  });
  if (rounds.length > 0) change.rounds = rounds;
  if (next.effectiveVersion !== (previous?.effectiveVersion ?? null))
    change.effectiveVersion = next.effectiveVersion;
  if (next.membershipQueue && !same(previous?.membershipQueue ?? [], next.membershipQueue))
    change.membershipQueue = next.membershipQueue;
  const stored = plain(change);
  if (!same(applyChange(next.id, previous && plain(previous), stored), plain(next))) {
    throw new Error(
      `agreement ${next.id}: the change from revision to revision cannot be stored as a change`,
    );
  }
  return stored;
}
