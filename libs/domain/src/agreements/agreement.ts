import {
  versionContentFormat,
  type Actor,
  type Agreement,
  type AgreementEventName,
  type AgreementFields,
  type AgreementKind,
  type AgreementStatus,
  type AgreementSummary,
  type AgreementVersion,
  type AmendmentInfo,
  type QueuedMembershipChange,
  type SigningRound,
  type VersionContent,
  type VersionSummary,
} from '@mitra/contracts';
import { AgreementExceptionCode, refuse } from './agreement-exception';
import { assertMayManage, assertMayRevise } from './authorisation';
import { canonicalize } from '../common/canonical-json';
import { contentHashOf } from './content-hash';
import { pendingSignatures } from './pending';
import { renderAgreement, templateIds } from './templates';

/** The whole agreement as the service stores it: one document, changed as a whole. */
export interface AgreementState {
  id: string;
  kind: AgreementKind;
  partnershipId: string;
  /** Numbered from 1; never changed once written. */
  versions: AgreementVersion[];
  rounds: SigningRound[];
  effectiveVersion: number | null;
  createdAt: string;
  createdBy: string;
  /** Membership changes asked for while a round was open; absent until the first one. */
  membershipQueue?: QueuedMembershipChange[];
}

/** An event the rules raise; the service gives it an id (from `key`) and publishes it. */
export interface AgreementEventDraft {
  name: AgreementEventName;
  /** Unique within the agreement and the same on a retry, so the event id is stable. */
  key: string;
  data: Record<string, unknown>;
}

export interface Transition<R> {
  state: AgreementState;
  events: AgreementEventDraft[];
  result: R;
}

export interface Context {
  actor: Actor;
  /** ISO time of the command. */
  now: string;
}

export function buildVersion(input: {
  agreementId: string;
  partnershipId: string;
  kind: AgreementKind;
  number: number;
  fields: AgreementFields;
  basedOn: number | null;
  amendment: AmendmentInfo | null;
  createdAt: string;
  createdBy: string;
}): AgreementVersion {
  const content: VersionContent = {
    format: versionContentFormat,
    agreementId: input.agreementId,
    partnershipId: input.partnershipId,
    kind: input.kind,
    versionNumber: input.number,
    templateId: templateIds[input.kind],
    fields: input.fields,
    text: renderAgreement(input.kind, input.fields),
  };
  return {
    agreementId: input.agreementId,
    number: input.number,
    contentHash: contentHashOf(content),
    createdAt: input.createdAt,
    createdBy: input.createdBy,
    basedOn: input.basedOn,
    amendment: input.amendment,
    content,
  };
}

export function createAgreement(
  input: { id: string; kind: AgreementKind; partnershipId: string; fields: AgreementFields },
  { actor, now }: Context,
): AgreementState {
  assertMayManage(actor, 'draft agreements');
  const version = buildVersion({
    ...input,
    agreementId: input.id,
    number: 1,
    basedOn: null,
    amendment: null,
    createdAt: now,
    createdBy: actor.userId,
  });
  return {
    id: input.id,
    kind: input.kind,
    partnershipId: input.partnershipId,
    versions: [version],
    rounds: [],
    effectiveVersion: null,
    createdAt: now,
    createdBy: actor.userId,
  };
}

export function latestVersion(state: AgreementState): AgreementVersion {
  return state.versions[state.versions.length - 1];
}

export function findVersion(state: AgreementState, number: number): AgreementVersion {
  return (
    state.versions.find((version) => version.number === number) ??
    refuse(AgreementExceptionCode.VersionNotFound, `Version ${number} was not found.`, undefined, {
      version: number,
    })
  );
}

export function openRound(state: AgreementState): SigningRound | undefined {
  const last = state.rounds[state.rounds.length - 1];
  return last?.status === 'open' ? last : undefined;
}

export function sameFields(a: AgreementFields, b: AgreementFields): boolean {
  return canonicalize(a) === canonicalize(b);
}

/** A change to a draft: a new version, numbered after the latest. */
export function reviseAgreement(
  state: AgreementState,
  input: { baseVersion: number; fields: AgreementFields },
  { actor, now }: Context,
): Transition<{ versionNumber: number }> {
  const latest = latestVersion(state);
  assertMayRevise(actor, latest.content.fields, input.fields);
  if (state.effectiveVersion !== null) {
    refuse(
      AgreementExceptionCode.AlreadyEffective,
      'The agreement is in force: change it with an amendment.',
    );
  }
  if (openRound(state))
    refuse(
      AgreementExceptionCode.SigningOpen,
      'The agreement is open for signature; it cannot change until the round ends.',
    );
  if (input.baseVersion !== latest.number) {
    refuse(
      AgreementExceptionCode.StaleBaseVersion,
      `Version ${input.baseVersion} is not the latest (${latest.number}); start from the latest.`,
      undefined,
      { baseVersion: input.baseVersion, latest: latest.number },
    );
  }
  if (sameFields(latest.content.fields, input.fields)) {
    refuse(AgreementExceptionCode.NoChange, 'Nothing changed.', [
      {
        field: 'revision.fields',
        reason: 'are the same as the latest version',
        code: 'agreements.no_change',
      },
    ]);
  }
  const version = buildVersion({
    agreementId: state.id,
    partnershipId: state.partnershipId,
    kind: state.kind,
    number: latest.number + 1,
    fields: input.fields,
    basedOn: latest.number,
    amendment: null,
    createdAt: now,
    createdBy: actor.userId,
  });
  return {
    state: { ...state, versions: [...state.versions, version] },
    events: [],
    result: { versionNumber: version.number },
  };
}

/** Every organisation that is or was a party to any version. */
export function partyOrganisationIds(state: AgreementState): string[] {
  return [
    ...new Set(
      state.versions.flatMap((version) =>
        version.content.fields.parties.map((party) => party.organisationId),
      ),
    ),
  ];
}

export function agreementStatus(state: AgreementState): AgreementStatus {
  const last = state.rounds[state.rounds.length - 1];
  if (last?.status === 'open') return 'open';
  if (state.effectiveVersion !== null) return 'effective';
  if (last && last.versionNumber === latestVersion(state).number) {
    if (last.status === 'declined') return 'declined';
    if (last.status === 'expired') return 'expired';
  }
  return 'draft';
}

export function versionSummary(version: AgreementVersion): VersionSummary {
  const { number, contentHash, createdAt, createdBy, basedOn, amendment } = version;
  return { number, contentHash, createdAt, createdBy, basedOn, amendment };
}

export function agreementSummary(state: AgreementState): AgreementSummary {
  return {
    id: state.id,
    kind: state.kind,
    partnershipId: state.partnershipId,
    title: latestVersion(state).content.fields.title,
    status: agreementStatus(state),
    latestVersion: latestVersion(state).number,
    effectiveVersion: state.effectiveVersion,
    createdAt: state.createdAt,
    createdBy: state.createdBy,
  };
}

export function agreementView(state: AgreementState, now: string): Agreement {
  return {
    ...agreementSummary(state),
    organisationIds: partyOrganisationIds(state),
    versions: state.versions.map(versionSummary),
    rounds: state.rounds,
    pendingSignatures: pendingSignatures(state, now),
    membershipQueue: state.membershipQueue ?? [],
  };
}
