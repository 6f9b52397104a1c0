import { createHash, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import { ErrorCode, MitraError } from '@mitra/contracts';
import { canonicalJson } from './canonical-json';

/** The NATS header that carries the assertion of a request. */
export const assertionHeader = 'Mitra-Assertion';

/**
 * What a signer (the api, the worker, a service calling another) vouches for in one request: who acts,
 * for which partnership, on which subject, with exactly which payload, and for how long.
 */
export interface AssertionClaims {
  /** Names the public key that verifies the signature (see keyIdOf). */
  keyId: string;
  /** Unique per request, so a copy of the message is refused as a replay. */
  id: string;
  subject: string;
  /** The payload's `actor` as sent (null when it carries none); the handler's contract validates its shape. */
  actor: unknown;
  /** The payload's `partnershipId` as sent (null when it carries none). */
  partnershipId: unknown;
  /** base64url SHA-256 of the payload's canonical JSON. */
  payloadSha256: string;
  /** Milliseconds since the epoch. */
  issuedAt: number;
  expiresAt: number;
}

/**
 * The claims' fields and their checks, written out rather than as a zod schema: this runs on every message a
 * service receives, and a schema's parse cost a tenth of the whole check.
 */
const claimFields: ReadonlyArray<[keyof AssertionClaims, (value: unknown) => boolean]> = [
  ['keyId', (value) => isText(value, 100)],
  ['id', (value) => isText(value, 100)],
  ['subject', (value) => isText(value, 300)],
  ['payloadSha256', (value) => isText(value, 100)],
  ['issuedAt', Number.isSafeInteger],
  ['expiresAt', Number.isSafeInteger],
];

function isText(value: unknown, maxLength: number): boolean {
  return typeof value === 'string' && value.length >= 1 && value.length <= maxLength;
}

function payloadSha256(payload: unknown): string {
  return createHash('sha256').update(canonicalJson(payload)).digest('base64url');
}

function topLevelField(payload: unknown, name: string): unknown {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return null;
  return (payload as Record<string, unknown>)[name] ?? null;
}

/** The claims a payload implies: the verifier compares them with the payload it received. */
export function payloadClaims(
  payload: unknown,
): Pick<AssertionClaims, 'actor' | 'partnershipId' | 'payloadSha256'> {
  return {
    actor: topLevelField(payload, 'actor'),
    partnershipId: topLevelField(payload, 'partnershipId'),
    payloadSha256: payloadSha256(payload),
  };
}

/** Compact form: base64url(JSON claims) '.' base64url(Ed25519 signature of the first part). */
export function encodeAssertion(claims: AssertionClaims, privateKey: KeyObject): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${sign(null, Buffer.from(body), privateKey).toString('base64url')}`;
}

export interface SigningKey {
  keyId: string;
  privateKey: KeyObject;
}

/** Signs one assertion per request, derived from the very payload that goes out. */
export class AssertionSigner {
  constructor(
    private readonly key: SigningKey,
    private readonly lifetimeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get keyId(): string {
    return this.key.keyId;
  }

  assert(subject: string, payload: unknown): string {
    const issuedAt = this.now();
    return encodeAssertion(
      {
        keyId: this.key.keyId,
        id: randomUUID(),
        subject,
        ...payloadClaims(payload),
        issuedAt,
        expiresAt: issuedAt + this.lifetimeMs,
      },
      this.key.privateKey,
    );
  }
}

function unproven(reason: string): MitraError {
  return new MitraError(ErrorCode.Unauthenticated, 'The message does not prove who sent it.', [
    { field: assertionHeader, reason },
  ]);
}

function notCovered(reason: string): MitraError {
  return new MitraError(ErrorCode.Forbidden, 'The message is not the one its assertion was signed for.', [
    { field: assertionHeader, reason },
  ]);
}

function signatureHolds(body: string, signature: string, publicKey: KeyObject): boolean {
  try {
    return verify(null, Buffer.from(body), publicKey, Buffer.from(signature, 'base64url'));
  } catch {
    return false; // a signature of the wrong length, say: as invalid as a wrong one
  }
}

export interface AssertionVerifierOptions {
  /** Every key accepted, by key id: more than one while a key is being rotated. */
  publicKeys: ReadonlyMap<string, KeyObject>;
  /** The longest lifetime accepted, so a signer cannot mint a token that lives for days. */
  maxLifetimeMs: number;
  /** How far the signer's clock may be ahead of or behind this one. */
  clockSkewMs: number;
  now?: () => number;
}

/**
 * Checks the assertion of a received message before any handler runs. Ids seen are remembered until
 * their assertion has expired (after which it is refused as expired anyway), per process.
 */
export class AssertionVerifier {
  private readonly now: () => number;
  /** Assertion id → when it may be forgotten; insertion order is about expiry order. */
  private readonly seen = new Map<string, number>();

  constructor(private readonly options: AssertionVerifierOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The verified claims; throws a MitraError (Unauthenticated or Forbidden) naming what is wrong. */
  verify(assertion: string | undefined, subject: string, payload: unknown): AssertionClaims {
    if (!assertion) throw unproven('is missing');
    const [body, signature, extra] = assertion.split('.');
    if (!body || !signature || extra !== undefined) throw unproven('is not of the form <claims>.<signature>');
    const claims = this.parseClaims(body);
    const publicKey = this.options.publicKeys.get(claims.keyId);
    if (!publicKey) throw unproven(`is signed by key ${claims.keyId}, which is not trusted`);
    if (!signatureHolds(body, signature, publicKey)) throw unproven('has an invalid signature');

    const now = this.now();
    const { clockSkewMs, maxLifetimeMs } = this.options;
    if (claims.issuedAt > now + clockSkewMs)
      throw unproven(`is issued in the future (${new Date(claims.issuedAt).toISOString()})`);
    if (claims.expiresAt < now - clockSkewMs)
      throw unproven(`expired at ${new Date(claims.expiresAt).toISOString()}`);
    if (claims.expiresAt - claims.issuedAt > maxLifetimeMs)
      throw unproven(`lives longer than ${maxLifetimeMs} ms`);

    if (claims.subject !== subject) throw notCovered(`is for subject ${claims.subject}, not ${subject}`);
    const received = payloadClaims(payload);
    if (claims.payloadSha256 !== received.payloadSha256)
      throw notCovered('is for another payload (its SHA-256 differs)');
    if (canonicalJson(claims.actor) !== canonicalJson(received.actor))
      throw notCovered("names another actor than the payload's actor");
    if (canonicalJson(claims.partnershipId) !== canonicalJson(received.partnershipId)) {
      throw notCovered("names another partnership than the payload's partnershipId");
    }

    this.forgetExpired(now);
    if (this.seen.has(claims.id))
      throw unproven(`was already used (id ${claims.id}): a message is accepted once`);
    this.seen.set(claims.id, claims.expiresAt + clockSkewMs);
    return claims;
  }

  private parseClaims(body: string): AssertionClaims {
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      throw unproven('has claims that are not base64url JSON');
    }
    if (json === null || typeof json !== 'object' || Array.isArray(json)) throw unproven('has malformed claims ((root))');
    const claims = json as Record<string, unknown>;
    const malformed = claimFields.filter(([name, holds]) => !holds(claims[name])).map(([name]) => name);
    if (!('actor' in claims)) malformed.push('actor');
    if (!('partnershipId' in claims)) malformed.push('partnershipId');
    if (malformed.length > 0) throw unproven(`has malformed claims (${malformed.join(', ')})`);
    return claims as unknown as AssertionClaims;
  }

  private forgetExpired(now: number): void {
    for (const [id, forgetAt] of this.seen) {
      if (forgetAt >= now) return;
      this.seen.delete(id);
    }
  }
}
