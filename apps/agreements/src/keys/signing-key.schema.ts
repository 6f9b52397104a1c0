import type { KeyRevocation } from '@mitra/contracts';

/** Every enrolled key's revisions, one collection (`RevisionStore`), the key id as aggregate id. */
export const signingKeyLogCollection = 'signing_key_log';

/** Revision 1 of a key: an Ed25519 public key enrolled for one signer. The private key never reaches the platform. */
export interface KeyEnrolment {
  userId: string;
  organisationId: string;
  publicKey: string;
  enrolledAt: string;
  enrolledBy: string;
}

/** The key's one revocation, with the command that recorded it (for a rotation: the enrolment of the newer key). */
export type KeyRevocationRecord = KeyRevocation & { commandKey: string };

/**
 * What a revision of a key changed: its enrolment (revision 1), its revocation (the first stands), or
 * nothing: a key command that changed nothing (the same key enrolled again under another command key,
 * an enrolment for someone else, a second revocation) is noted, so that its key answers a repeat the
 * same way and is refused for other input, as every key command has been.
 */
export type SigningKeyChange =
  { enrolled: KeyEnrolment } | { revoked: KeyRevocationRecord } | { noted: { at: string | null } };

/** The idempotency key of a rotation's revocation of an older key (`~` is not allowed in a client's key). */
export const rotationKey = (keyId: string) => `~rotated:${keyId}`;
