import { agreementStatus, createAgreement, type AgreementState } from './agreement';
import { AgreementException, AgreementExceptionCode } from './agreement-exception';
import { admin, coordinator, fakeKey, fakeSign, fakeVerify, fields, orgIds, party, partnerOf } from './agreement.fixtures';
import { affectedParties, amendAgreement, amendMembership } from './amendments';
import { openSigning, sign } from './signing';
import { verifyVersion } from './verification';

const t0 = '2026-06-01T00:00:00.000Z';
const later = (minutes: number) => new Date(Date.parse(t0) + minutes * 60_000).toISOString();
const keys = {
  bappeda: fakeKey('bappeda-signer', orgIds.bappeda, 1),
  yayasan: fakeKey('yayasan-signer', orgIds.yayasan, 2),
  company: fakeKey('company-signer', orgIds.company, 3),
  university: fakeKey('university-signer', orgIds.university, 4),
};
type Org = keyof typeof keys;
const keyring = new Map(Object.values(keys).map((key) => [key.keyId, key]));

function signAs(state: AgreementState, org: Org, minutes: number): AgreementState {
  const version = state.versions[state.versions.length - 1];
  const key = keys[org];
  return sign(
    state,
    { versionNumber: version.number, signature: { organisationId: orgIds[org], keyId: key.keyId, contentHash: version.contentHash, value: fakeSign(key, version.contentHash) } },
    { actor: partnerOf(org), now: later(minutes), key, verify: fakeVerify },
  ).state;
}

function inForce(): AgreementState {
  let state = createAgreement({ id: '64b000000000000000000003', kind: 'mou', partnershipId: 'p-1', fields: fields() }, { actor: coordinator, now: t0 });
  state = openSigning(state, { versionNumber: 1, mode: 'parallel', expiresAt: later(1000) }, { actor: coordinator, now: later(1) }).state;
  for (const org of ['bappeda', 'yayasan', 'company'] as const) state = signAs(state, org, 5);
  return state;
}

describe('which parties an amendment affects', () => {
  const base = fields();

  it('is the joining party alone when a partner joins', () => {
    expect(affectedParties(base, fields({ parties: [...base.parties, party('university')] }))).toEqual({
      affectedOrganisationIds: [orgIds.university],
      joinedOrganisationIds: [orgIds.university],
      leftOrganisationIds: [],
    });
  });

  it('is the leaving party when a partner leaves, and a party whose entry changed', () => {
    const after = fields({ parties: [party('bappeda'), party('company', { responsibilities: ['Membiayai dua sarana air'] })] });
    expect(affectedParties(base, after)).toEqual({
      affectedOrganisationIds: [orgIds.company, orgIds.yayasan],
      joinedOrganisationIds: [],
      leftOrganisationIds: [orgIds.yayasan],
    });
  });

  it('is every party when a shared clause changes', () => {
    expect(affectedParties(base, fields({ durationMonths: 36 })).affectedOrganisationIds).toEqual([orgIds.bappeda, orgIds.yayasan, orgIds.company]);
  });
});

describe('amendments', () => {
  it("opens the new version to the affected parties only, and carries the others' signatures", () => {
    const joined = fields({ parties: [...fields().parties, party('university')] });
    const amended = amendAgreement(inForce(), { baseVersion: 1, fields: joined, mode: 'parallel', expiresAt: later(2000) }, { actor: coordinator, now: later(10) });
    const round = amended.state.rounds[1];

    expect(amended.events.map((event) => event.name)).toEqual(['amended', 'opened']);
    expect(round).toMatchObject({ versionNumber: 2, carriedFrom: 1, status: 'open' });
    expect(round.parties.map((p) => p.organisationId)).toEqual([orgIds.university]);
    expect(amended.state.effectiveVersion).toBe(1);

    const done = signAs(amended.state, 'university', 20);
    expect(done.effectiveVersion).toBe(2);
    expect(agreementStatus(done)).toBe('effective');

    const report = verifyVersion(done, 2, keyring, fakeVerify, later(30));
    expect(report).toMatchObject({ valid: true, complete: true, unsignedOrganisationIds: [] });
    expect(report.signatures.map((s) => [s.organisationId, s.signedVersion])).toEqual([
      [orgIds.university, 2],
      [orgIds.bappeda, 1],
      [orgIds.yayasan, 1],
      [orgIds.company, 1],
    ]);
  });

  it('refuses to amend a draft, from a stale version, or without a change', () => {
    const draft = createAgreement({ id: '64b000000000000000000004', kind: 'mou', partnershipId: 'p-1', fields: fields() }, { actor: admin, now: t0 });
    const attempt = (state: AgreementState, baseVersion: number, changed = fields({ place: 'Cimahi' })) => {
      try {
        amendAgreement(state, { baseVersion, fields: changed, mode: 'parallel', expiresAt: later(2000) }, { actor: admin, now: later(10) });
      } catch (error) {
        return (error as AgreementException).reason;
      }
      return undefined;
    };
    expect(attempt(draft, 1)).toBe(AgreementExceptionCode.NotEffective);
    expect(attempt(inForce(), 2)).toBe(AgreementExceptionCode.StaleBaseVersion);
    expect(attempt(inForce(), 1, fields())).toBe(AgreementExceptionCode.NoChange);
  });
});

describe('a partner joining or leaving mid-way', () => {
  it('adds the joining party to the MoU in force and opens a round for it alone', () => {
    const { state, result } = amendMembership(inForce(), { kind: 'join', party: party('university') }, later(2000), { actor: coordinator, now: later(10) });
    const version = state.versions.find((v) => v.number === result.versionNumber)!;
    expect(version.content.fields.parties.map((p) => p.organisationId)).toEqual([orgIds.bappeda, orgIds.yayasan, orgIds.company, orgIds.university]);
    expect(state.rounds.find((r) => r.number === result.roundNumber)!.parties.map((p) => p.organisationId)).toEqual([orgIds.university]);
  });

  it('removes the leaving party, which alone signs its leaving', () => {
    const { state, result } = amendMembership(inForce(), { kind: 'leave', organisationId: orgIds.yayasan }, later(2000), { actor: coordinator, now: later(10) });
    expect(state.versions.at(-1)!.content.fields.parties.map((p) => p.organisationId)).toEqual([orgIds.bappeda, orgIds.company]);
    expect(state.rounds.find((r) => r.number === result.roundNumber)!.parties.map((p) => p.organisationId)).toEqual([orgIds.yayasan]);
  });

  it('refuses a party that is already in, or one that never was', () => {
    const context = { actor: coordinator, now: later(10) };
    expect(() => amendMembership(inForce(), { kind: 'join', party: party('company') }, later(2000), context)).toThrow(AgreementException);
    expect(() => amendMembership(inForce(), { kind: 'leave', organisationId: orgIds.university }, later(2000), context)).toThrow('The organisation is not a party.');
  });
});
