import type { AgreementFields, AgreementParty, AmendAgreementInput, AmendmentInfo } from '@mitra/contracts';
import {
  buildVersion,
  findVersion,
  latestVersion,
  openRound,
  type AgreementState,
  type Context,
  type Transition,
} from './agreement';
import { AgreementExceptionCode, refuse } from './agreement-exception';
import { assertMayManage } from './authorisation';
import { canonicalize } from '../common/canonical-json';
import { endRound } from './round-endings';
import { checkRoundTimes, newRound } from './signing-rounds';

/**
 * Which parties an amendment affects: those joining, those leaving, and those whose own entry
 * changed. A change to any shared clause affects every party.
 */
export function affectedParties(before: AgreementFields, after: AgreementFields): AmendmentInfo {
  const beforeById = new Map(before.parties.map((party) => [party.organisationId, party]));
  const afterById = new Map(after.parties.map((party) => [party.organisationId, party]));
  const joined = after.parties
    .filter((party) => !beforeById.has(party.organisationId))
    .map((party) => party.organisationId);
  const left = before.parties
    .filter((party) => !afterById.has(party.organisationId))
    .map((party) => party.organisationId);
  const shared = (fields: AgreementFields) => canonicalize({ ...fields, parties: null });
  const sharedChanged = shared(before) !== shared(after);
  const changed = after.parties
    .filter((party) => {
      const earlier = beforeById.get(party.organisationId);
      return earlier !== undefined && (sharedChanged || canonicalize(earlier) !== canonicalize(party));
    })
    .map((party) => party.organisationId);
  return {
    affectedOrganisationIds: [...joined, ...changed, ...left].sort(byOrderIn(after, before)),
    joinedOrganisationIds: joined,
    leftOrganisationIds: left,
  };
}

function byOrderIn(after: AgreementFields, before: AgreementFields) {
  const order = [...after.parties, ...before.parties].map((party) => party.organisationId);
  return (a: string, b: string) => order.indexOf(a) - order.indexOf(b);
}

/**
 * Amends an agreement in force: a new version, opened at once for the parties it affects. The
 * other parties' signatures on the version in force stand for the new one. An amendment may take the
 * place of the open round (`supersedes`), which then ends with the coordinator's reason.
 */
export function amendAgreement(
  state: AgreementState,
  input: AmendAgreementInput,
  context: Context,
): Transition<{ versionNumber: number; roundNumber: number }> {
  const { actor, now } = context;
  assertMayManage(actor, 'amend agreements');
  if (state.effectiveVersion === null)
    refuse(
      AgreementExceptionCode.NotEffective,
      'Only an agreement in force is amended; revise the draft instead.',
    );
  const superseded = input.supersedes
    ? endRound(
        state,
        {
          roundNumber: input.supersedes.roundNumber,
          reason: input.supersedes.reason,
          status: 'superseded',
          roundField: 'amendment.supersedes.roundNumber',
        },
        context,
      )
    : { state, events: [] };
  const current = superseded.state;
  if (openRound(current))
    refuse(AgreementExceptionCode.SigningOpen, 'A signing round is open; wait until it ends.');
  const latest = latestVersion(current);
  if (input.baseVersion !== latest.number) {
    refuse(
      AgreementExceptionCode.StaleBaseVersion,
      `Version ${input.baseVersion} is not the latest (${latest.number}); start from the latest.`,
      undefined,
      { baseVersion: input.baseVersion, latest: latest.number },
    );
  }
  const inForce = findVersion(current, current.effectiveVersion!);
  const info = affectedParties(inForce.content.fields, input.fields);
  // Compared with the version in force: an amendment that failed may be asked for again.
  if (info.affectedOrganisationIds.length === 0) {
    refuse(AgreementExceptionCode.NoChange, 'Nothing changed.', [
      {
        field: 'amendment.fields',
        reason: 'are the same as the version in force',
        code: 'agreements.no_change',
      },
    ]);
  }
  const errors = checkRoundTimes(input, now, 'amendment');
  if (errors.length > 0)
    refuse(AgreementExceptionCode.BadSigningSetup, 'The amendment cannot be opened for signature.', errors);

  const version = buildVersion({
    agreementId: current.id,
    partnershipId: current.partnershipId,
    kind: current.kind,
    number: latest.number + 1,
    fields: input.fields,
    basedOn: latest.number,
    amendment: info,
    createdAt: now,
    createdBy: actor.userId,
  });
  const withVersion: AgreementState = { ...current, versions: [...current.versions, version] };
  // A leaving party signs its leaving; its details come from the version in force.
  const partyOf = (id: string): AgreementParty =>
    input.fields.parties.find((party) => party.organisationId === id) ??
    inForce.content.fields.parties.find((party) => party.organisationId === id)!;
  const { round, event } = newRound(
    withVersion,
    {
      versionNumber: version.number,
      mode: input.mode,
      parties: info.affectedOrganisationIds.map(partyOf),
      expiresAt: input.expiresAt,
      carriedFrom: inForce.number,
    },
    context,
  );
  return {
    state: { ...withVersion, rounds: [...withVersion.rounds, round] },
    events: [
      ...superseded.events,
      {
        name: 'amended',
        key: `v${version.number}.amended`,
        data: {
          agreementId: current.id,
          versionNumber: version.number,
          contentHash: version.contentHash,
          partnershipId: current.partnershipId,
          basedOn: inForce.number,
          affectedOrganisationIds: info.affectedOrganisationIds,
        },
      },
      event,
    ],
    result: { versionNumber: version.number, roundNumber: round.number },
  };
}
