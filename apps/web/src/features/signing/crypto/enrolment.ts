import type { EnrolKeyInput, SigningKey } from '@mitra/contracts';
import type { GeneratedSigningKey } from './browser-key';
import { storedKeyId, type StoredSigningKey } from './key-store';

export interface Signer {
  userId: string;
  organisationId: string;
}

export interface EnrolmentDeps {
  load(userId: string, organisationId: string): Promise<StoredSigningKey | undefined>;
  save(key: StoredSigningKey): Promise<void>;
  generate(): Promise<GeneratedSigningKey>;
  enrol(input: EnrolKeyInput, idempotencyKey: string): Promise<SigningKey>;
  now(): string;
}

/** The same key always enrols under the same idempotency key, so a retry after a lost reply is harmless. */
export const enrolmentIdempotencyKey = (keyId: string) => `key-${keyId}`;

/**
 * Makes sure this signer has a key in this browser that the api has enrolled. The private key is
 * stored before the public key is sent, so an enrolled public key never lacks its private half;
 * `replace` makes a fresh key (a lost or compromised one stays enrolled but is no longer used here).
 */
export async function ensureEnrolledKey(
  signer: Signer,
  deps: EnrolmentDeps,
  options: { replace?: boolean } = {},
): Promise<StoredSigningKey> {
  let key = options.replace ? undefined : await deps.load(signer.userId, signer.organisationId);
  if (key?.enrolledAt) return key;
  if (!key) {
    const generated = await deps.generate();
    key = {
      id: storedKeyId(signer.userId, signer.organisationId),
      userId: signer.userId,
      organisationId: signer.organisationId,
      keyId: generated.keyId,
      publicKey: generated.publicKey,
      privateKey: generated.privateKey,
      createdAt: deps.now(),
      enrolledAt: null,
    };
    await deps.save(key);
  }
  const enrolled = await deps.enrol(
    { userId: signer.userId, organisationId: signer.organisationId, publicKey: key.publicKey },
    enrolmentIdempotencyKey(key.keyId),
  );
  if (enrolled.keyId !== key.keyId) throw new Error('the api enrolled a different key fingerprint');
  const done = { ...key, enrolledAt: enrolled.enrolledAt };
  await deps.save(done);
  return done;
}
