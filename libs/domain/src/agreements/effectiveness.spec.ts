import { governmentSectors, type EffectivenessRule, type SigningKey } from '@mitra/contracts';
import { agreementStatus, agreementView, createAgreement, type AgreementState } from './agreement';
import { AgreementException, AgreementExceptionCode } from './agreement-exception';
import { coordinator, fakeKey, fakeSign, fakeVerify, fields, orgIds, party, partnerOf } from './agreement.fixtures';
import { checkRule, ruleStatus, type RuleParty } from './effectiveness';
import { decline, expireDue, openSigning, sign } from './signing';

const t0 = '2026-06-01T00:00:00.000Z';
const later = (minutes: number) => new Date(Date.parse(t0) + minutes * 60_000).toISOString();
type Org = keyof typeof orgIds;
const keys: Record<Org, SigningKey & { raw: Uint8Array }> = {
  bappeda: fakeKey('bappeda-signer', orgIds.bappeda, 1),
  yayasan: fakeKey('yayasan-signer', orgIds.yayasan, 2),
  company: fakeKey('company-signer', orgIds.company, 3),
  university: fakeKey('university-signer', orgIds.university, 4),
};
/** Every government party and at least one CSO. */
const governmentAndOneCso: EffectivenessRule = {
  kind: 'quorum',
  requirements: [
    { sectors: [...governmentSectors], count: 'all' },
    { sectors: ['cso'], count: 1 },
  ],
};

/** A government party, two CSOs (the yayasan and, here, the company) and a university. */
function drafted(): AgreementState {
  const parties = [party('bappeda'), party('yayasan'), party('company', { sector: 'cso' }), party('university')];
  return createAgreement({ id: '64b000000000000000000009', kind: 'mou', partnershipId: 'p-9', fields: fields({ parties }) }, { actor: coordinator, now: t0 });
}

function opened(rule?: EffectivenessRule, options: { mode?: 'parallel' | 'ordered'; state?: AgreementState; expiresAt?: string } = {}) {
  const state = options.state ?? drafted();
  return openSigning(
    state,
    { versionNumber: state.versions.length, mode: options.mode ?? 'parallel', expiresAt: options.expiresAt ?? later(60 * 24), ...(rule ? { rule } : {}) },
    { actor: coordinator, now: later(1) },
  );
}

function signAs(state: AgreementState, org: Org, minutes = 10) {
  const hash = state.versions[state.versions.length - 1].contentHash;
  return sign(
    state,
    { versionNumber: state.versions.length, signature: { organisationId: orgIds[org], keyId: keys[org].keyId, contentHash: hash, value: fakeSign(keys[org], hash) } },
    { actor: partnerOf(org), now: later(minutes), key: keys[org], verify: fakeVerify },
  );
}

const declineAs = (state: AgreementState, org: Org, minutes = 10) =>
  decline(state, { versionNumber: state.versions.length, decline: { organisationId: orgIds[org], reason: 'Kami belum dapat menyetujui naskah ini.' } }, { actor: partnerOf(org), now: later(minutes) });

function refusal(action: () => unknown): AgreementException {
  try {
    action();
  } catch (error) {
    if (error instanceof AgreementException) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the effectiveness rule', () => {
  const parties: RuleParty[] = [
    { organisationId: 'gov-1', sector: 'government_regency' },
    { organisationId: 'gov-2', sector: 'government_province' },
    { organisationId: 'cso-1', sector: 'cso' },
    { organisationId: 'cso-2', sector: 'cso' },
    { organisationId: 'biz', sector: 'business' },
  ];

  it('under all, is met only when every party has signed', () => {
    expect(ruleStatus({ kind: 'all' }, parties, new Set(['gov-1', 'gov-2', 'cso-1', 'cso-2']))).toEqual({ met: false, requirements: [] });
    expect(ruleStatus({ kind: 'all' }, parties, new Set(parties.map((p) => p.organisationId))).met).toBe(true);
  });

  it('under a quorum, needs every party of an `all` requirement and the count of the others', () => {
    const withoutProvince = ruleStatus(governmentAndOneCso, parties, new Set(['gov-1', 'cso-2']));
    expect(withoutProvince.met).toBe(false);
    expect(withoutProvince.requirements).toEqual([
      { sectors: [...governmentSectors], count: 'all', organisationIds: ['gov-1', 'gov-2'], needed: 2, signedOrganisationIds: ['gov-1'], met: false },
      { sectors: ['cso'], count: 1, organisationIds: ['cso-1', 'cso-2'], needed: 1, signedOrganisationIds: ['cso-2'], met: true },
    ]);
    expect(ruleStatus(governmentAndOneCso, parties, new Set(['gov-1', 'gov-2', 'cso-1'])).met).toBe(true);
  });

  it('refuses a requirement that counts no party of the round, or asks more signatures than it counts', () => {
    const rule: EffectivenessRule = {
      kind: 'quorum',
      requirements: [
        { sectors: ['media'], count: 1 },
        { sectors: ['cso'], count: 3 },
        { sectors: ['business', 'academia'], count: 1 },
      ],
    };
    expect(checkRule(rule, parties, 'signing.rule')).toEqual([
      { field: 'signing.rule.requirements.0.sectors', reason: 'matches no party of this round', code: 'agreements.rule_matches_no_party' },
      { field: 'signing.rule.requirements.1.count', reason: 'asks for 3 signatures, but only 2 parties of these sectors sign', code: 'agreements.rule_asks_too_many', params: { count: 3, counted: 2 } },
    ]);
    expect(checkRule({ kind: 'all' }, [], 'signing.rule')).toEqual([]);
  });
});

describe('signing under a quorum', () => {
  it('becomes effective as soon as every government party and one CSO have signed, raising effective once', () => {
    const first = opened(governmentAndOneCso);
    expect(first.state.rounds[0].rule).toEqual(governmentAndOneCso);
    const cso = signAs(first.state, 'yayasan');
    expect(cso.events.map((e) => e.name)).toEqual(['signed']);
    expect(agreementStatus(cso.state)).toBe('open');

    const government = signAs(cso.state, 'bappeda', 20);
    expect(government.events.map((e) => [e.name, e.key])).toEqual([
      ['signed', `r1.signed.${orgIds.bappeda}`],
      ['effective', 'v1.effective'],
    ]);
    expect(government.state.effectiveVersion).toBe(1);
    expect(government.state.rounds[0]).toMatchObject({ status: 'completed', closedAt: later(20) });
    // The round closed when the rule was met: the parties it did not need sign nothing more in it.
    expect(refusal(() => signAs(government.state, 'company', 30)).reason).toBe(AgreementExceptionCode.RoundNotOpen);
    expect(agreementView(government.state, later(30)).pendingSignatures).toEqual([]);
  });

  it('refuses to open a round whose rule cannot be met by its parties, with field errors', () => {
    const state = drafted();
    const bad = refusal(() => opened({ kind: 'quorum', requirements: [{ sectors: ['media'], count: 1 }, { sectors: ['cso'], count: 3 }] }, { state }));
    expect(bad.reason).toBe(AgreementExceptionCode.BadSigningSetup);
    expect(bad.errors?.map((e) => e.field)).toEqual(['signing.rule.requirements.0.sectors', 'signing.rule.requirements.1.count']);
  });

  it('keeps the round open when a party the quorum can do without declines, and ends it when the rule can no longer be met', () => {
    const start = opened(governmentAndOneCso).state;
    const first = declineAs(start, 'yayasan');
    expect(first.events[0]).toMatchObject({ name: 'declined', data: { roundEnded: false } });
    expect(agreementStatus(first.state)).toBe('open');
    expect(refusal(() => signAs(first.state, 'yayasan')).reason).toBe(AgreementExceptionCode.AlreadyDeclined);
    expect(refusal(() => declineAs(first.state, 'yayasan')).reason).toBe(AgreementExceptionCode.AlreadyDeclined);
    // The other CSO is now the only one left: the rule needs it; the university it never needs.
    expect(agreementView(first.state, later(11)).pendingSignatures.map((p) => [p.organisationId, p.required])).toEqual([
      [orgIds.bappeda, true],
      [orgIds.company, true],
      [orgIds.university, false],
    ]);

    const second = declineAs(first.state, 'company', 12);
    expect(second.events[0]).toMatchObject({ name: 'declined', data: { roundEnded: true } });
    expect(second.state.rounds[0]).toMatchObject({ status: 'declined', closedAt: later(12) });
    expect(agreementStatus(second.state)).toBe('declined');
  });

  it('ends the round at the decline of a party every requirement needs, such as the only government party', () => {
    const declined = declineAs(opened(governmentAndOneCso).state, 'bappeda');
    expect(declined.state.rounds[0].status).toBe('declined');
    expect(declined.events[0].data.roundEnded).toBe(true);
  });

  it('under all, ends the round at any decline', () => {
    const declined = declineAs(opened().state, 'university');
    expect(declined.state.rounds[0]).toMatchObject({ status: 'declined', rule: { kind: 'all' } });
    expect(declined.events[0].data.roundEnded).toBe(true);
  });

  it('lets the parties after a declined one sign in an ordered quorum round', () => {
    const state = opened(governmentAndOneCso, { mode: 'ordered' }).state;
    const signed = signAs(state, 'bappeda').state;
    const declined = declineAs(signed, 'yayasan', 11).state;
    const company = signAs(declined, 'company', 12);
    expect(company.events.map((e) => e.name)).toEqual(['signed', 'effective']);
  });

  it('counts signatures made on the same version in an earlier round: reopened under a quorum they may meet it at once', () => {
    let state = opened(undefined, { expiresAt: later(60) }).state;
    state = signAs(state, 'bappeda').state;
    state = signAs(state, 'yayasan', 11).state;
    state = expireDue(state, later(61)).state;
    expect(agreementStatus(state)).toBe('expired');

    const reopened = openSigning(state, { versionNumber: 1, mode: 'parallel', expiresAt: later(600), rule: governmentAndOneCso }, { actor: coordinator, now: later(70) });
    expect(reopened.events.map((e) => e.name)).toEqual(['opened', 'effective']);
    expect(reopened.state.rounds[1]).toMatchObject({ status: 'completed', closedAt: later(70) });
    expect(reopened.state.effectiveVersion).toBe(1);
  });

  it('completes a reopened round under all when the parties who had not signed sign', () => {
    let state = opened(undefined, { expiresAt: later(60) }).state;
    state = signAs(state, 'bappeda').state;
    state = expireDue(state, later(61)).state;
    state = openSigning(state, { versionNumber: 1, mode: 'parallel', expiresAt: later(600) }, { actor: coordinator, now: later(70) }).state;
    expect(agreementView(state, later(71)).pendingSignatures.map((p) => p.organisationId)).toEqual([orgIds.yayasan, orgIds.company, orgIds.university]);
    // Its signature from the first round stands: the same one again changes nothing.
    expect(signAs(state, 'bappeda', 72)).toMatchObject({ events: [], result: { roundNumber: 1, repeated: true } });
    for (const [index, org] of (['yayasan', 'company', 'university'] as const).entries()) state = signAs(state, org, 80 + index).state;
    expect(state.effectiveVersion).toBe(1);
  });
});

describe('signing with a revoked key', () => {
  it('refuses a key revoked before the signature, and names the key that replaced a rotated one', () => {
    const state = opened().state;
    const hash = state.versions[0].contentHash;
    const attempt = (key: SigningKey & { raw: Uint8Array }) => () =>
      sign(
        state,
        { versionNumber: 1, signature: { organisationId: orgIds.yayasan, keyId: key.keyId, contentHash: hash, value: fakeSign(key, hash) } },
        { actor: partnerOf('yayasan'), now: later(10), key, verify: fakeVerify },
      );

    const revoked = { ...keys.yayasan, revocation: { kind: 'revoked' as const, reason: 'Laptop hilang.', revokedAt: later(5), revokedBy: 'yayasan-signer' } };
    expect(refusal(attempt(revoked))).toMatchObject({ reason: AgreementExceptionCode.KeyRevoked, message: expect.stringContaining(`revoked at ${later(5)}`) });
    const rotated = { ...keys.yayasan, revocation: { kind: 'rotated' as const, replacedBy: 'f'.repeat(64), revokedAt: later(5), revokedBy: 'admin-1' } };
    expect(refusal(attempt(rotated)).message).toContain(`replaced by key ${'f'.repeat(64)}`);
    // Revoked only later than this signature: it still signs now.
    const revokedLater = { ...keys.yayasan, revocation: { ...revoked.revocation, revokedAt: later(15) } };
    expect(attempt(revokedLater)().events[0].name).toBe('signed');
  });
});
