import { agreementStatus, createAgreement, type AgreementState } from './agreement';
import { AgreementException, AgreementExceptionCode } from './agreement-exception';
import {
  admin,
  coordinator,
  fakeVerify,
  fields,
  fixtureStart,
  minutesIn,
  mouInForce,
  orgIds,
  party,
  signerKeyring,
  signLatestAs,
} from './agreement.fixtures';
import { affectedParties, amendAgreement } from './amendments';
import { verifyVersion } from './verification';

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
    const after = fields({
      parties: [party('bappeda'), party('company', { responsibilities: ['Membiayai dua sarana air'] })],
    });
    expect(affectedParties(base, after)).toEqual({
      affectedOrganisationIds: [orgIds.company, orgIds.yayasan],
      joinedOrganisationIds: [],
      leftOrganisationIds: [orgIds.yayasan],
    });
  });

  it('is every party when a shared clause changes', () => {
    expect(affectedParties(base, fields({ durationMonths: 36 })).affectedOrganisationIds).toEqual([
      orgIds.bappeda,
      orgIds.yayasan,
      orgIds.company,
    ]);
  });
});

describe('amendments', () => {
  it("opens the new version to the affected parties only, and carries the others' signatures", () => {
    const joined = fields({ parties: [...fields().parties, party('university')] });
    const amended = amendAgreement(
      mouInForce(),
      { baseVersion: 1, fields: joined, mode: 'parallel', expiresAt: minutesIn(2000) },
      { actor: coordinator, now: minutesIn(10) },
    );
    const round = amended.state.rounds[1];

    expect(amended.events.map((event) => event.name)).toEqual(['amended', 'opened']);
    expect(round).toMatchObject({ versionNumber: 2, carriedFrom: 1, status: 'open' });
    expect(round.parties.map((p) => p.organisationId)).toEqual([orgIds.university]);
    expect(amended.state.effectiveVersion).toBe(1);

    const done = signLatestAs(amended.state, 'university', 20);
    expect(done.effectiveVersion).toBe(2);
    expect(agreementStatus(done)).toBe('effective');

    const report = verifyVersion(done, 2, signerKeyring, fakeVerify, minutesIn(30));
    expect(report).toMatchObject({ valid: true, complete: true, unsignedOrganisationIds: [] });
    expect(report.signatures.map((s) => [s.organisationId, s.signedVersion])).toEqual([
      [orgIds.university, 2],
      [orgIds.bappeda, 1],
      [orgIds.yayasan, 1],
      [orgIds.company, 1],
    ]);
  });

  it('refuses to amend a draft, from a stale version, or without a change', () => {
    const draft = createAgreement(
      { id: '64b000000000000000000004', kind: 'mou', partnershipId: 'p-1', fields: fields() },
      { actor: admin, now: fixtureStart },
    );
    const attempt = (state: AgreementState, baseVersion: number, changed = fields({ place: 'Cimahi' })) => {
      try {
        amendAgreement(
          state,
          { baseVersion, fields: changed, mode: 'parallel', expiresAt: minutesIn(2000) },
          { actor: admin, now: minutesIn(10) },
        );
      } catch (error) {
        return (error as AgreementException).reason;
      }
      return undefined;
    };
    expect(attempt(draft, 1)).toBe(AgreementExceptionCode.NotEffective);
    expect(attempt(mouInForce(), 2)).toBe(AgreementExceptionCode.StaleBaseVersion);
    expect(attempt(mouInForce(), 1, fields())).toBe(AgreementExceptionCode.NoChange);
  });
});
