import { createAgreement, type AgreementState } from './agreement';
import { coordinator, fakeKey, fakeSign, fakeVerify, fields, orgIds, partnerOf } from './agreement.fixtures';
import { openSigning, sign } from './signing';
import { verificationVerdict, verifyVersion } from './verification';

const t0 = '2026-06-01T00:00:00.000Z';
const keys = {
  bappeda: fakeKey('bappeda-signer', orgIds.bappeda, 1),
  yayasan: fakeKey('yayasan-signer', orgIds.yayasan, 2),
  company: fakeKey('company-signer', orgIds.company, 3),
};
const keyring = () => new Map(Object.values(keys).map((key) => [key.keyId, { ...key }]));

function signedBy(orgs: (keyof typeof keys)[]): AgreementState {
  let state = createAgreement({ id: '64b000000000000000000005', kind: 'mou', partnershipId: 'p-1', fields: fields() }, { actor: coordinator, now: t0 });
  state = openSigning(state, { versionNumber: 1, mode: 'parallel', expiresAt: '2026-07-01T00:00:00.000Z' }, { actor: coordinator, now: t0 }).state;
  for (const org of orgs) {
    const hash = state.versions[0].contentHash;
    state = sign(
      state,
      { versionNumber: 1, signature: { organisationId: orgIds[org], keyId: keys[org].keyId, contentHash: hash, value: fakeSign(keys[org], hash) } },
      { actor: partnerOf(org), now: t0, key: keys[org], verify: fakeVerify },
    ).state;
  }
  return state;
}

describe('verification report', () => {
  it('finds a fully signed version intact and complete', () => {
    const report = verifyVersion(signedBy(['bappeda', 'yayasan', 'company']), 1, keyring(), fakeVerify, t0);

    expect(report).toMatchObject({ contentIntact: true, valid: true, complete: true, problems: [] });
    expect(report.recomputedContentHash).toBe(report.storedContentHash);
    expect(report.signatures.every((check) => check.valid)).toBe(true);
  });

  it('names the parties that have not signed yet without calling the signatures invalid', () => {
    const report = verifyVersion(signedBy(['yayasan']), 1, keyring(), fakeVerify, t0);
    expect(report).toMatchObject({ valid: true, complete: false, unsignedOrganisationIds: [orgIds.bappeda, orgIds.company] });
  });

  it('says in one word whether a version is unsigned, partly signed or complete', () => {
    expect(verificationVerdict(verifyVersion(signedBy([]), 1, keyring(), fakeVerify, t0))).toBe('unsigned');
    expect(verificationVerdict(verifyVersion(signedBy(['yayasan']), 1, keyring(), fakeVerify, t0))).toBe('incomplete');
    expect(verificationVerdict(verifyVersion(signedBy(['bappeda', 'yayasan', 'company']), 1, keyring(), fakeVerify, t0))).toBe('complete');
  });

  it('fails every signature when one character of the stored content changes', () => {
    const state = signedBy(['bappeda', 'yayasan', 'company']);
    const [version] = state.versions;
    const tampered: AgreementState = {
      ...state,
      versions: [{ ...version, content: { ...version.content, fields: { ...version.content.fields, durationMonths: 13 } } }],
    };
    const report = verifyVersion(tampered, 1, keyring(), fakeVerify, t0);

    expect(report.contentIntact).toBe(false);
    expect(report.valid).toBe(false);
    expect(report.signatures.map((check) => [check.hashMatchesVersion, check.signatureValid])).toEqual([
      [false, false],
      [false, false],
      [false, false],
    ]);
    expect(report.problems[0]).toBe('Version 1: the stored content does not match its recorded hash.');
  });

  it('fails the signature whose enrolled key was swapped, and only that one', () => {
    const ring = keyring();
    ring.set(keys.yayasan.keyId, { ...keys.yayasan, publicKey: keys.company.publicKey });
    const report = verifyVersion(signedBy(['bappeda', 'yayasan', 'company']), 1, ring, fakeVerify, t0);
    const yayasan = report.signatures.find((check) => check.organisationId === orgIds.yayasan)!;

    expect(report.valid).toBe(false);
    expect(yayasan).toMatchObject({ keyEnrolled: true, keyMatchesFingerprint: false, signatureValid: false, valid: false });
    expect(report.signatures.filter((check) => check.valid)).toHaveLength(2);
    expect(report.unsignedOrganisationIds).toEqual([orgIds.yayasan]);
  });

  it('fails a signature whose key is no longer enrolled', () => {
    const ring = keyring();
    ring.delete(keys.company.keyId);
    const report = verifyVersion(signedBy(['company']), 1, ring, fakeVerify, t0);
    expect(report.signatures[0]).toMatchObject({ keyEnrolled: false, valid: false, problems: [`key ${keys.company.keyId} is not enrolled`] });
  });
});

describe('verification after a key is revoked', () => {
  const revokedAt = (iso: string) => {
    const ring = keyring();
    ring.set(keys.yayasan.keyId, { ...keys.yayasan, revocation: { kind: 'revoked', reason: 'Perangkat penanda tangan hilang.', revokedAt: iso, revokedBy: 'yayasan-signer' } });
    return ring;
  };

  it('keeps a signature made before the revocation valid, and says the key was revoked later and when', () => {
    const report = verifyVersion(signedBy(['bappeda', 'yayasan', 'company']), 1, revokedAt('2026-06-02T00:00:00.000Z'), fakeVerify, '2026-06-03T00:00:00.000Z');
    const yayasan = report.signatures.find((check) => check.organisationId === orgIds.yayasan)!;

    expect(report).toMatchObject({ valid: true, complete: true, ruleMet: true });
    expect(yayasan).toMatchObject({ valid: true, signedBeforeRevocation: true, keyRevocation: { kind: 'revoked', revokedAt: '2026-06-02T00:00:00.000Z' }, problems: [] });
    expect(yayasan.notes).toEqual([`key ${keys.yayasan.keyId} was revoked at 2026-06-02T00:00:00.000Z, after this signature`]);
  });

  it('fails a signature dated at or after its key was revoked', () => {
    const report = verifyVersion(signedBy(['bappeda', 'yayasan', 'company']), 1, revokedAt(t0), fakeVerify, t0);
    const yayasan = report.signatures.find((check) => check.organisationId === orgIds.yayasan)!;

    expect(yayasan).toMatchObject({ signatureValid: true, signedBeforeRevocation: false, valid: false });
    expect(yayasan.problems).toEqual([`it is dated ${t0}, at or after key ${keys.yayasan.keyId} was revoked at ${t0}`]);
    expect(report).toMatchObject({ valid: false, complete: false, ruleMet: false, unsignedOrganisationIds: [orgIds.yayasan] });
  });
});

describe('verification of the effectiveness rule', () => {
  it('reports the rule of the round and whether valid signatures meet it', () => {
    let state = createAgreement({ id: '64b000000000000000000006', kind: 'mou', partnershipId: 'p-1', fields: fields() }, { actor: coordinator, now: t0 });
    state = openSigning(
      state,
      { versionNumber: 1, mode: 'parallel', expiresAt: '2026-07-01T00:00:00.000Z', rule: { kind: 'quorum', requirements: [{ sectors: ['government_regency'], count: 'all' }, { sectors: ['cso', 'business'], count: 1 }] } },
      { actor: coordinator, now: t0 },
    ).state;
    for (const org of ['bappeda', 'company'] as const) {
      const hash = state.versions[0].contentHash;
      state = sign(
        state,
        { versionNumber: 1, signature: { organisationId: orgIds[org], keyId: keys[org].keyId, contentHash: hash, value: fakeSign(keys[org], hash) } },
        { actor: partnerOf(org), now: t0, key: keys[org], verify: fakeVerify },
      ).state;
    }

    const report = verifyVersion(state, 1, keyring(), fakeVerify, t0);
    expect(report).toMatchObject({ valid: true, complete: false, ruleMet: true, unsignedOrganisationIds: [orgIds.yayasan] });
    expect(report.effectiveness).toMatchObject({ roundNumber: 1, met: true, requirements: [{ needed: 1, met: true }, { signedOrganisationIds: [orgIds.company], met: true }] });

    // The company's key swapped: its signature no longer counts, and the quorum is no longer met.
    const ring = keyring();
    ring.set(keys.company.keyId, { ...keys.company, publicKey: keys.yayasan.publicKey });
    expect(verifyVersion(state, 1, ring, fakeVerify, t0)).toMatchObject({ ruleMet: false, effectiveness: { met: false } });
  });

  it('reports no rule for a version never opened for signature', () => {
    const state = createAgreement({ id: '64b000000000000000000007', kind: 'mou', partnershipId: 'p-1', fields: fields() }, { actor: coordinator, now: t0 });
    expect(verifyVersion(state, 1, keyring(), fakeVerify, t0)).toMatchObject({ effectiveness: null, ruleMet: false });
  });
});
