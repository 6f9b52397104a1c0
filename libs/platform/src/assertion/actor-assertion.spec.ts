import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ErrorCode, MitraError } from '@mitra/contracts';
import { ensureAssertionKeyPair } from '@mitra/stack';
import {
  AssertionSigner,
  AssertionVerifier,
  encodeAssertion,
  payloadClaims,
  type AssertionClaims,
} from './actor-assertion';
import { keyIdOf, loadAssertionSigner, loadAssertionVerifier } from './assertion-keys';
import { canonicalJson } from './canonical-json';

const subject = 'funding.plan.save';
const payload = {
  idempotencyKey: 'plan-0001',
  actor: { userId: 'u-1', role: 'coordinator', organisationId: 'org-1' },
  partnershipId: 'p-1',
  plan: { total: 1000, tranches: [{ amount: 1000 }] },
};
const t0 = Date.parse('2026-12-07T12:00:00Z');

function keyPair(): { privateKey: KeyObject; publicKey: KeyObject; keyId: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

function verifierOf(keys: Array<{ publicKey: KeyObject }>, now: () => number = () => t0): AssertionVerifier {
  return new AssertionVerifier({
    publicKeys: new Map(keys.map(({ publicKey }) => [keyIdOf(publicKey), publicKey])),
    maxLifetimeMs: 30_000,
    clockSkewMs: 2000,
    now,
  });
}

/** The refusal as its code and the reason given for the header. */
function refusal(verify: () => unknown): { code: ErrorCode; reason: string } {
  try {
    verify();
  } catch (error) {
    if (!(error instanceof MitraError)) throw error;
    expect(error.errors?.[0]?.field).toBe('Mitra-Assertion');
    return { code: error.code, reason: error.errors?.[0]?.reason ?? '' };
  }
  throw new Error('expected the assertion to be refused');
}

describe('actor assertions', () => {
  const api = keyPair();
  const signer = new AssertionSigner({ keyId: api.keyId, privateKey: api.privateKey }, 30_000, () => t0);
  const claimsFor = (overrides: Partial<AssertionClaims> = {}): AssertionClaims => ({
    keyId: api.keyId,
    id: `id-${Math.random()}`,
    subject,
    ...payloadClaims(payload),
    issuedAt: t0,
    expiresAt: t0 + 30_000,
    ...overrides,
  });

  it('accepts a message as signed and returns its claims', () => {
    const claims = verifierOf([api]).verify(signer.assert(subject, payload), subject, payload);
    expect(claims).toMatchObject({
      keyId: api.keyId,
      subject,
      actor: payload.actor,
      partnershipId: 'p-1',
      issuedAt: t0,
      expiresAt: t0 + 30_000,
    });
  });

  it('hashes the payload whatever order its keys arrive in, as JSON parsing on the other end may give', () => {
    const reordered = {
      plan: { tranches: [{ amount: 1000 }], total: 1000 },
      partnershipId: 'p-1',
      actor: payload.actor,
      idempotencyKey: 'plan-0001',
    };
    expect(() => verifierOf([api]).verify(signer.assert(subject, payload), subject, reordered)).not.toThrow();
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: new Date(t0) } })).toBe(
      '{"a":{"c":"2026-12-07T12:00:00.000Z","d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('accepts a request that carries no actor (a health check) with an assertion that names none', () => {
    expect(
      verifierOf([api]).verify(signer.assert('funding.health.check', {}), 'funding.health.check', {}).actor,
    ).toBeNull();
  });

  it('refuses a message without an assertion', () => {
    expect(refusal(() => verifierOf([api]).verify(undefined, subject, payload))).toEqual({
      code: ErrorCode.Unauthenticated,
      reason: 'is missing',
    });
    expect(refusal(() => verifierOf([api]).verify('', subject, payload)).reason).toBe('is missing');
  });

  it('refuses garbage in the header', () => {
    expect(refusal(() => verifierOf([api]).verify('not-an-assertion', subject, payload)).reason).toMatch(
      /not of the form/,
    );
    expect(refusal(() => verifierOf([api]).verify('e30.e30', subject, payload)).reason).toMatch(
      /malformed claims \(keyId, id, subject/,
    );
  });

  it('refuses an assertion signed by a key nobody configured, even with a trusted key id', () => {
    const forger = keyPair();
    const own = refusal(() =>
      verifierOf([api]).verify(
        encodeAssertion(claimsFor({ keyId: forger.keyId }), forger.privateKey),
        subject,
        payload,
      ),
    );
    expect(own).toEqual({
      code: ErrorCode.Unauthenticated,
      reason: `is signed by key ${forger.keyId}, which is not trusted`,
    });
    const borrowed = refusal(() =>
      verifierOf([api]).verify(encodeAssertion(claimsFor(), forger.privateKey), subject, payload),
    );
    expect(borrowed).toEqual({ code: ErrorCode.Unauthenticated, reason: 'has an invalid signature' });
  });

  it('refuses claims changed after signing', () => {
    const [body, signature] = signer.assert(subject, payload).split('.');
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as AssertionClaims;
    const changed = Buffer.from(
      JSON.stringify({ ...claims, actor: { ...payload.actor, role: 'admin' } }),
    ).toString('base64url');
    expect(refusal(() => verifierOf([api]).verify(`${changed}.${signature}`, subject, payload)).reason).toBe(
      'has an invalid signature',
    );
  });

  it('refuses an expired assertion, and one issued in the future, beyond the clock skew', () => {
    const token = signer.assert(subject, payload);
    expect(() => verifierOf([api], () => t0 + 31_000).verify(token, subject, payload)).not.toThrow();
    expect(refusal(() => verifierOf([api], () => t0 + 32_001).verify(token, subject, payload))).toEqual({
      code: ErrorCode.Unauthenticated,
      reason: 'expired at 2026-12-07T12:00:30.000Z',
    });
    expect(refusal(() => verifierOf([api], () => t0 - 2001).verify(token, subject, payload)).reason).toBe(
      'is issued in the future (2026-12-07T12:00:00.000Z)',
    );
  });

  it('refuses an assertion that would live longer than the verifier allows', () => {
    const token = encodeAssertion(claimsFor({ expiresAt: t0 + 24 * 3600_000 }), api.privateKey);
    expect(refusal(() => verifierOf([api]).verify(token, subject, payload)).reason).toBe(
      'lives longer than 30000 ms',
    );
  });

  it('refuses an assertion for another subject, another payload, another actor or another partnership', () => {
    const verifier = verifierOf([api]);
    const token = signer.assert(subject, payload);
    expect(refusal(() => verifier.verify(token, 'funding.commitment.record', payload))).toEqual({
      code: ErrorCode.Forbidden,
      reason: `is for subject ${subject}, not funding.commitment.record`,
    });
    expect(
      refusal(() => verifier.verify(token, subject, { ...payload, plan: { total: 9999, tranches: [] } }))
        .reason,
    ).toBe('is for another payload (its SHA-256 differs)');
    const otherActor = encodeAssertion(
      claimsFor({ actor: { ...payload.actor, userId: 'u-2' } }),
      api.privateKey,
    );
    expect(refusal(() => verifier.verify(otherActor, subject, payload))).toEqual({
      code: ErrorCode.Forbidden,
      reason: "names another actor than the payload's actor",
    });
    const otherPartnership = encodeAssertion(claimsFor({ partnershipId: 'p-2' }), api.privateKey);
    expect(refusal(() => verifier.verify(otherPartnership, subject, payload)).reason).toBe(
      "names another partnership than the payload's partnershipId",
    );
  });

  it('accepts an assertion once: a copy is a replay, until it has expired anyway', () => {
    let now = t0;
    const verifier = verifierOf([api], () => now);
    const token = signer.assert(subject, payload);
    verifier.verify(token, subject, payload);
    expect(refusal(() => verifier.verify(token, subject, payload)).reason).toMatch(
      /^was already used \(id [0-9a-f-]+\): a message is accepted once$/,
    );
    now = t0 + 32_001;
    expect(refusal(() => verifier.verify(token, subject, payload)).reason).toMatch(/^expired at/);
  });

  it('does not spend an assertion on a message it refuses, so the genuine message still passes', () => {
    const verifier = verifierOf([api]);
    const token = signer.assert(subject, payload);
    expect(refusal(() => verifier.verify(token, subject, { ...payload, partnershipId: 'p-2' })).code).toBe(
      ErrorCode.Forbidden,
    );
    expect(() => verifier.verify(token, subject, payload)).not.toThrow();
  });
});

describe('assertion keys and their rotation', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitra-keys-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('verifies the old key during the overlap and refuses it once removed, while the new key signs', () => {
    const old = ensureAssertionKeyPair(dir, 'worker-old');
    const current = ensureAssertionKeyPair(dir, 'worker');
    const config = { ASSERTION_TTL_MS: 30_000, ASSERTION_CLOCK_SKEW_MS: 2000 };
    const oldSigner = loadAssertionSigner({ ...config, ASSERTION_SIGNING_KEY_FILE: old.privateKeyFile });
    const newSigner = loadAssertionSigner({ ...config, ASSERTION_SIGNING_KEY_FILE: current.privateKeyFile });
    const during = loadAssertionVerifier({
      ...config,
      ASSERTION_PUBLIC_KEY_FILES: [old.publicKeyFile, current.publicKeyFile],
    });
    const after = loadAssertionVerifier({ ...config, ASSERTION_PUBLIC_KEY_FILES: [current.publicKeyFile] });

    expect(() => during.verify(oldSigner.assert(subject, payload), subject, payload)).not.toThrow();
    expect(() => during.verify(newSigner.assert(subject, payload), subject, payload)).not.toThrow();
    expect(() => after.verify(newSigner.assert(subject, payload), subject, payload)).not.toThrow();
    expect(refusal(() => after.verify(oldSigner.assert(subject, payload), subject, payload))).toEqual({
      code: ErrorCode.Unauthenticated,
      reason: `is signed by key ${oldSigner.keyId}, which is not trusted`,
    });
  });

  it('names the variable and the file when a key cannot be used', () => {
    const config = { ASSERTION_TTL_MS: 30_000, ASSERTION_CLOCK_SKEW_MS: 2000 };
    const missing = path.join(dir, 'missing.key');
    expect(() => loadAssertionSigner({ ...config, ASSERTION_SIGNING_KEY_FILE: missing })).toThrow(
      `ASSERTION_SIGNING_KEY_FILE: cannot read ${missing} (ENOENT)`,
    );
    const rsa = path.join(dir, 'rsa.pub');
    fs.writeFileSync(
      rsa,
      generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }),
    );
    expect(() => loadAssertionVerifier({ ...config, ASSERTION_PUBLIC_KEY_FILES: [rsa] })).toThrow(
      `ASSERTION_PUBLIC_KEY_FILES: ${rsa} holds a rsa key, not Ed25519`,
    );
  });
});
