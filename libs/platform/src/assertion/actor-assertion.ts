import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { ErrorCode, MitraError, serviceOfSubject } from '@mitra/contracts';
import { canonicalJson } from './canonical-json';
import type { PairwiseKeys, PeerAssertionKey } from './pairwise-keys';

/** The NATS header that carries the assertion of a request. */
export const assertionHeader = 'Mitra-Assertion';

/**
 * What a sender (the api, the worker, a service calling another) vouches for in one request to one service:
 * who acts, for which partnership, on which subject, with exactly which payload, and for how long.
 *
 * The claims are authenticated with HMAC-SHA256 under the key the sender and the receiving service share
 * (see PairwiseKeys), not signed: a signature and its verification cost twenty times the HMAC, on every
 * message. What that gives up is bounded by the audience. A message made for funding is refused by
 * agreements (it names funding's key, and only funding and its sender hold their key), so it cannot be
 * replayed to another service; and a compromised service, which holds the key of each of its senders to it,
 * can forge messages only to itself: its keys with a sender are worth nothing to any other service.
 */
export interface AssertionClaims {
  /** The sender's public key (see keyIdOf). */
  keyId: string;
  /** The receiving service's public key: the only service that accepts the message. */
  audience: string;
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
  ['audience', (value) => isText(value, 100)],
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

function macOf(body: string, key: Buffer): Buffer {
  return createHmac('sha256', key).update(body).digest();
}

/** Compact form: base64url(JSON claims) '.' base64url(HMAC-SHA256 of the first part under the pair's key). */
export function encodeAssertion(claims: AssertionClaims, pairKey: Buffer): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${macOf(body, pairKey).toString('base64url')}`;
}

/**
 * Authenticates one assertion per request, derived from the very payload that goes out, for the service
 * that answers its subject.
 */
export class AssertionSigner {
  constructor(
    private readonly keys: PairwiseKeys,
    /** The public key of each service this process calls, by service name (see serviceOfSubject). */
    private readonly receivers: ReadonlyMap<string, PeerAssertionKey>,
    private readonly lifetimeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get keyId(): string {
    return this.keys.keyId;
  }

  assert(subject: string, payload: unknown): string {
    const service = serviceOfSubject(subject);
    const receiver = this.receivers.get(service);
    if (!receiver)
      throw new Error(
        `${subject}: no assertion key of the ${service} service (see ASSERTION_RECEIVER_KEY_FILES)`,
      );
    const issuedAt = this.now();
    return encodeAssertion(
      {
        keyId: this.keys.keyId,
        audience: receiver.keyId,
        id: randomUUID(),
        subject,
        ...payloadClaims(payload),
        issuedAt,
        expiresAt: issuedAt + this.lifetimeMs,
      },
      this.keys.to(receiver),
    );
  }
}

function unproven(reason: string): MitraError {
  return new MitraError(ErrorCode.Unauthenticated, 'The message does not prove who sent it.', [
    { field: assertionHeader, reason },
  ]);
}

function notCovered(reason: string): MitraError {
  return new MitraError(ErrorCode.Forbidden, 'The message is not the one its assertion was made for.', [
    { field: assertionHeader, reason },
  ]);
}

function macHolds(body: string, mac: string, pairKey: Buffer): boolean {
  const given = Buffer.from(mac, 'base64url');
  const expected = macOf(body, pairKey);
  // timingSafeEqual throws on a length mismatch, which reveals nothing: the length is public.
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface AssertionVerifierOptions {
  /** This service's own key pair: the assertions it accepts name its key id as their audience. */
  keys: PairwiseKeys;
  /** The public key of every trusted sender, by key id: a sender's old and new key while it is rotated. */
  senders: ReadonlyMap<string, PeerAssertionKey>;
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
    const [body, mac, extra] = assertion.split('.');
    if (!body || !mac || extra !== undefined) throw unproven('is not of the form <claims>.<mac>');
    const claims = this.parseClaims(body);
    const sender = this.options.senders.get(claims.keyId);
    if (!sender) throw unproven(`is sent by key ${claims.keyId}, which is not trusted`);
    const { keys } = this.options;
    if (claims.audience !== keys.keyId)
      throw unproven(`is meant for key ${claims.audience}, not this service's ${keys.keyId}`);
    if (!macHolds(body, mac, keys.from(sender))) throw unproven('has an invalid MAC');

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
    if (json === null || typeof json !== 'object' || Array.isArray(json))
      throw unproven('has malformed claims ((root))');
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
