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
import {
  assertionSigningConfigSchema,
  keyIdOf,
  loadAssertionSigner,
  loadAssertionVerifier,
} from './assertion-keys';
import { canonicalJson } from './canonical-json';
import { PairwiseKeys, pairwiseKey } from './pairwise-keys';

const subject = 'funding.plan.save';
const payload = {
  idempotencyKey: 'plan-0001',
  actor: { userId: 'u-1', role: 'coordinator', organisationId: 'org-1' },
  partnershipId: 'p-1',
  plan: { total: 1000, tranches: [{ amount: 1000 }] },
};
const t0 = Date.parse('2026-12-07T12:00:00Z');

interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
}

function keyPair(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

/** What `receiver` accepts from `senders`. */
function verifierOf(receiver: KeyPair, senders: KeyPair[], now: () => number = () => t0): AssertionVerifier {
  return new AssertionVerifier({
    keys: new PairwiseKeys(receiver),
    senders: new Map(senders.map((sender) => [sender.keyId, sender])),
    maxLifetimeMs: 30_000,
    clockSkewMs: 2000,
    now,
  });
}

/** What `sender` sends to `receivers`, by service name. */
function signerOf(sender: KeyPair, receivers: Record<string, KeyPair>): AssertionSigner {
  return new AssertionSigner(new PairwiseKeys(sender), new Map(Object.entries(receivers)), 30_000, () => t0);
}

/** The key `sender` uses for `receiver`, computed from the sender's side. */
const keyFor = (sender: KeyPair, receiver: KeyPair) =>
  pairwiseKey(sender.privateKey, receiver.publicKey, sender.keyId, receiver.keyId);

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
  const funding = keyPair();
  const signer = signerOf(api, { funding });
  const fromApi = () => verifierOf(funding, [api]);
  const claimsFor = (overrides: Partial<AssertionClaims> = {}): AssertionClaims => ({
    keyId: api.keyId,
    audience: funding.keyId,
    id: `id-${Math.random()}`,
    subject,
    ...payloadClaims(payload),
    issuedAt: t0,
    expiresAt: t0 + 30_000,
    ...overrides,
  });

  it('accepts a message as sent and returns its claims', () => {
    const claims = fromApi().verify(signer.assert(subject, payload), subject, payload);
    expect(claims).toMatchObject({
      keyId: api.keyId,
      audience: funding.keyId,
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
    expect(() => fromApi().verify(signer.assert(subject, payload), subject, reordered)).not.toThrow();
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: new Date(t0) } })).toBe(
      '{"a":{"c":"2026-12-07T12:00:00.000Z","d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('accepts a request that carries no actor (a health check) with an assertion that names none', () => {
    expect(
      fromApi().verify(signer.assert('funding.health.check', {}), 'funding.health.check', {}).actor,
    ).toBeNull();
  });

  it('refuses a message without an assertion', () => {
    expect(refusal(() => fromApi().verify(undefined, subject, payload))).toEqual({
      code: ErrorCode.Unauthenticated,
      reason: 'is missing',
    });
    expect(refusal(() => fromApi().verify('', subject, payload)).reason).toBe('is missing');
  });

  it('refuses garbage in the header', () => {
    expect(refusal(() => fromApi().verify('not-an-assertion', subject, payload)).reason).toMatch(
      /not of the form/,
    );
    expect(refusal(() => fromApi().verify('e30.e30', subject, payload)).reason).toMatch(
      /malformed claims \(keyId, audience, id, subject/,
    );
  });

  it('refuses an assertion made with a key nobody configured, even under a trusted key id', () => {
    const forger = keyPair();
    const own = refusal(() =>
      fromApi().verify(
        encodeAssertion(claimsFor({ keyId: forger.keyId }), keyFor(forger, funding)),
        subject,
        payload,
      ),
    );
    expect(own).toEqual({
      code: ErrorCode.Unauthenticated,
      reason: `is sent by key ${forger.keyId}, which is not trusted`,
    });
    const borrowed = refusal(() =>
      fromApi().verify(encodeAssertion(claimsFor(), keyFor(forger, funding)), subject, payload),
    );
    expect(borrowed).toEqual({ code: ErrorCode.Unauthenticated, reason: 'has an invalid MAC' });
  });

  it('refuses claims changed after they were authenticated, and a MAC of another length', () => {
    const [body, mac] = signer.assert(subject, payload).split('.');
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as AssertionClaims;
    const changed = Buffer.from(
      JSON.stringify({ ...claims, actor: { ...payload.actor, role: 'admin' } }),
    ).toString('base64url');
    expect(refusal(() => fromApi().verify(`${changed}.${mac}`, subject, payload)).reason).toBe(
      'has an invalid MAC',
    );
    expect(refusal(() => fromApi().verify(`${body}.${mac.slice(0, 20)}`, subject, payload)).reason).toBe(
      'has an invalid MAC',
    );
  });

  it("refuses a message meant for another service, even re-addressed: the MAC is under the other pair's key", () => {
    const agreements = keyPair();
    const toFunding = signer.assert(subject, payload);
    expect(refusal(() => verifierOf(agreements, [api]).verify(toFunding, subject, payload))).toEqual({
      code: ErrorCode.Unauthenticated,
      reason: `is meant for key ${funding.keyId}, not this service's ${agreements.keyId}`,
    });
    const [body, mac] = toFunding.split('.');
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as AssertionClaims;
    const readdressed = Buffer.from(JSON.stringify({ ...claims, audience: agreements.keyId })).toString(
      'base64url',
    );
    expect(
      refusal(() => verifierOf(agreements, [api]).verify(`${readdressed}.${mac}`, subject, payload)).reason,
    ).toBe('has an invalid MAC');
    expect(() => fromApi().verify(toFunding, subject, payload)).not.toThrow();
  });

  it('lets a receiver forge messages from its senders only to itself, never to a third service', () => {
    // Funding holds the key of the api's messages to funding, which is all a compromised funding could use.
    const agreements = keyPair();
    const asApi = (audience: KeyPair, key: Buffer) =>
      encodeAssertion(claimsFor({ audience: audience.keyId }), key);
    expect(() =>
      fromApi().verify(asApi(funding, new PairwiseKeys(funding).from(api)), subject, payload),
    ).not.toThrow();
    const toAgreements = [
      new PairwiseKeys(funding).from(api),
      pairwiseKey(funding.privateKey, agreements.publicKey, api.keyId, agreements.keyId),
      new PairwiseKeys(funding).to(agreements),
    ];
    for (const key of toAgreements) {
      expect(
        refusal(() =>
          verifierOf(agreements, [api, funding]).verify(asApi(agreements, key), subject, payload),
        ),
      ).toEqual({ code: ErrorCode.Unauthenticated, reason: 'has an invalid MAC' });
    }
  });

  it('names the service whose key a sender lacks', () => {
    expect(() => signer.assert('agreements.mou.sign', payload)).toThrow(
      'agreements.mou.sign: no assertion key of the agreements service (see ASSERTION_RECEIVER_KEY_FILES)',
    );
  });

  it('refuses an expired assertion, and one issued in the future, beyond the clock skew', () => {
    const token = signer.assert(subject, payload);
    expect(() => verifierOf(funding, [api], () => t0 + 31_000).verify(token, subject, payload)).not.toThrow();
    expect(
      refusal(() => verifierOf(funding, [api], () => t0 + 32_001).verify(token, subject, payload)),
    ).toEqual({
      code: ErrorCode.Unauthenticated,
      reason: 'expired at 2026-12-07T12:00:30.000Z',
    });
    expect(
      refusal(() => verifierOf(funding, [api], () => t0 - 2001).verify(token, subject, payload)).reason,
    ).toBe('is issued in the future (2026-12-07T12:00:00.000Z)');
  });

  it('refuses an assertion that would live longer than the verifier allows', () => {
    const token = encodeAssertion(claimsFor({ expiresAt: t0 + 24 * 3600_000 }), keyFor(api, funding));
    expect(refusal(() => fromApi().verify(token, subject, payload)).reason).toBe(
      'lives longer than 30000 ms',
    );
  });

  it('refuses an assertion for another subject, another payload, another actor or another partnership', () => {
    const verifier = fromApi();
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
      keyFor(api, funding),
    );
    expect(refusal(() => verifier.verify(otherActor, subject, payload))).toEqual({
      code: ErrorCode.Forbidden,
      reason: "names another actor than the payload's actor",
    });
    const otherPartnership = encodeAssertion(claimsFor({ partnershipId: 'p-2' }), keyFor(api, funding));
    expect(refusal(() => verifier.verify(otherPartnership, subject, payload)).reason).toBe(
      "names another partnership than the payload's partnershipId",
    );
  });

  it('accepts an assertion once: a copy is a replay, until it has expired anyway', () => {
    let now = t0;
    const verifier = verifierOf(funding, [api], () => now);
    const token = signer.assert(subject, payload);
    verifier.verify(token, subject, payload);
    expect(refusal(() => verifier.verify(token, subject, payload)).reason).toMatch(
      /^was already used \(id [0-9a-f-]+\): a message is accepted once$/,
    );
    now = t0 + 32_001;
    expect(refusal(() => verifier.verify(token, subject, payload)).reason).toMatch(/^expired at/);
  });

  it('does not spend an assertion on a message it refuses, so the genuine message still passes', () => {
    const verifier = fromApi();
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
  const config = { ASSERTION_TTL_MS: 30_000, ASSERTION_CLOCK_SKEW_MS: 2000 };

  it("accepts a sender's old key during the overlap and refuses it once removed, while the new key sends", () => {
    const old = ensureAssertionKeyPair(dir, 'worker-old');
    const current = ensureAssertionKeyPair(dir, 'worker');
    const funding = ensureAssertionKeyPair(dir, 'funding');
    const receivers = [{ service: 'funding' as const, file: funding.publicKeyFile }];
    const senderOf = (files: { privateKeyFile: string }) =>
      loadAssertionSigner({
        ...config,
        ASSERTION_KEY_FILE: files.privateKeyFile,
        ASSERTION_RECEIVER_KEY_FILES: receivers,
      });
    const oldSigner = senderOf(old);
    const newSigner = senderOf(current);
    const verifierTrusting = (senders: string[]) =>
      loadAssertionVerifier({
        ...config,
        ASSERTION_KEY_FILE: funding.privateKeyFile,
        ASSERTION_SENDER_KEY_FILES: senders,
      });
    const during = verifierTrusting([old.publicKeyFile, current.publicKeyFile]);
    const after = verifierTrusting([current.publicKeyFile]);

    expect(() => during.verify(oldSigner.assert(subject, payload), subject, payload)).not.toThrow();
    expect(() => during.verify(newSigner.assert(subject, payload), subject, payload)).not.toThrow();
    expect(() => after.verify(newSigner.assert(subject, payload), subject, payload)).not.toThrow();
    expect(refusal(() => after.verify(oldSigner.assert(subject, payload), subject, payload))).toEqual({
      code: ErrorCode.Unauthenticated,
      reason: `is sent by key ${oldSigner.keyId}, which is not trusted`,
    });
  });

  it('names the variable and the file when a key cannot be used', () => {
    const missing = path.join(dir, 'missing.key');
    expect(() =>
      loadAssertionSigner({ ...config, ASSERTION_KEY_FILE: missing, ASSERTION_RECEIVER_KEY_FILES: [] }),
    ).toThrow(`ASSERTION_KEY_FILE: cannot read ${missing} (ENOENT)`);
    const own = ensureAssertionKeyPair(dir, 'stakeholders');
    const ed25519 = path.join(dir, 'ed25519.pub');
    fs.writeFileSync(
      ed25519,
      generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }),
    );
    expect(() =>
      loadAssertionVerifier({
        ...config,
        ASSERTION_KEY_FILE: own.privateKeyFile,
        ASSERTION_SENDER_KEY_FILES: [ed25519],
      }),
    ).toThrow(`ASSERTION_SENDER_KEY_FILES: ${ed25519} holds a ed25519 key, not X25519`);
  });

  it('reads the services a sender calls as <service>=<file> and says what is wrong with a list', () => {
    const parse = (value: string) =>
      assertionSigningConfigSchema.safeParse({
        ASSERTION_KEY_FILE: '/k',
        ASSERTION_RECEIVER_KEY_FILES: value,
      });
    expect(
      parse('funding=/keys/funding.pub, stakeholders=/keys/s.pub').data?.ASSERTION_RECEIVER_KEY_FILES,
    ).toEqual([
      { service: 'funding', file: '/keys/funding.pub' },
      { service: 'stakeholders', file: '/keys/s.pub' },
    ]);
    const problems = (value: string) => parse(value).error?.issues.map((issue) => issue.message);
    expect(problems('/keys/funding.pub')).toEqual(['must be <service>=<file>']);
    expect(problems('bench=/keys/bench.pub')).toEqual([
      'must name a service: stakeholders, agreements, funding, monitoring',
    ]);
    expect(problems('funding=/a.pub,funding=/b.pub')).toEqual(['must name each service once']);
    expect(problems('')).toEqual(['must name the key of at least one service']);
  });
});
