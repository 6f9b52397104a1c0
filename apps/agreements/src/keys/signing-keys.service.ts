import { Injectable } from '@nestjs/common';
import type { EnrolKeyCommand, GetKeyQuery, KeyRevocation, RevokeKeyCommand, SigningKey } from '@mitra/contracts';
import { AgreementExceptionCode, assertMayEnrolKey, assertMayRevokeKey, canonicalize, keyFingerprint, refuse, sha256Hex } from '@mitra/domain';
import { rawPublicKey } from '../crypto/ed25519';
import { SigningKeysRepository } from './signing-keys.repository';

const now = () => new Date().toISOString();
const hashInput = (type: string, input: unknown) => sha256Hex(canonicalize({ type, input }));
const described = (revocation: KeyRevocation) =>
  revocation.kind === 'rotated' ? `replaced by key ${revocation.replacedBy} at ${revocation.revokedAt}` : `revoked at ${revocation.revokedAt}`;
/** Later enrolments sort last; the key id breaks a tie of two enrolled in the same millisecond. */
const enrolmentOrder = (a: SigningKey, b: SigningKey) => a.enrolledAt.localeCompare(b.enrolledAt) || a.keyId.localeCompare(b.keyId);

@Injectable()
export class SigningKeysService {
  constructor(private readonly keys: SigningKeysRepository) {}

  /**
   * Enrols a signer's Ed25519 public key. The same key again for the same signer returns the first
   * enrolment; a key already enrolled for someone else, or revoked, is refused. A new key for a
   * signer who has one is a rotation: the older keys stop signing from now on and stay on record.
   */
  async enrol(command: EnrolKeyCommand): Promise<SigningKey> {
    const { actor, idempotencyKey, key: input } = command;
    assertMayEnrolKey(actor, input);
    const raw = rawPublicKey(input.publicKey);
    if (!raw) {
      return refuse(AgreementExceptionCode.InvalidPublicKey, 'The public key is not a valid Ed25519 key.', [
        { field: 'key.publicKey', reason: 'is not a valid Ed25519 public key' },
      ]);
    }
    const keyId = keyFingerprint(raw);
    const inputHash = hashInput('key.enrol', input);
    const first = await this.keys.recordCommand(idempotencyKey, inputHash, keyId);
    if (first.inputHash !== inputHash) {
      refuse(AgreementExceptionCode.IdempotencyKeyReused, 'This idempotency key was already used for a different command.');
    }
    const enrolled = await this.keys.insert({
      keyId,
      userId: input.userId,
      organisationId: input.organisationId,
      algorithm: 'Ed25519',
      publicKey: input.publicKey,
      enrolledAt: now(),
      enrolledBy: actor.userId,
    });
    if (enrolled.userId !== input.userId || enrolled.organisationId !== input.organisationId) {
      refuse(AgreementExceptionCode.KeyEnrolledElsewhere, 'This key is already enrolled for another signer.');
    }
    if (enrolled.revocation) {
      // The repeat of the enrolment itself answers as the key stands now.
      if (first.repeated) return enrolled;
      refuse(AgreementExceptionCode.KeyRevoked, `This key was ${described(enrolled.revocation)}; enrol a new key.`);
    }
    await this.retireOlderKeys(enrolled, idempotencyKey, actor.userId);
    return enrolled;
  }

  /**
   * A rotation: every key of the signer enrolled before its newest one is revoked as replaced by it.
   * Run after each enrolment, so two concurrent ones still leave only the newest key in force.
   */
  private async retireOlderKeys(enrolled: SigningKey, idempotencyKey: string, by: string): Promise<void> {
    const all = (await this.keys.keysOf(enrolled.userId, enrolled.organisationId)).sort(enrolmentOrder);
    const newest = all[all.length - 1];
    const retired = all.filter((key) => key !== newest && !key.revocation && enrolmentOrder(key, newest) < 0);
    for (const key of retired) {
      await this.keys.revoke({ keyId: key.keyId, kind: 'rotated', replacedBy: newest.keyId, revokedAt: now(), revokedBy: by, idempotencyKey });
    }
  }

  /** The key's owner or an admin revokes it, with a reason: it signs nothing from now on. */
  async revoke(command: RevokeKeyCommand): Promise<SigningKey> {
    const { actor, idempotencyKey, keyId, revocation } = command;
    const key = (await this.keys.findByKeyId(keyId)) ?? refuse(AgreementExceptionCode.NotFound, 'The key was not found.');
    assertMayRevokeKey(actor, key);
    const inputHash = hashInput('key.revoke', { keyId, revocation });
    const first = await this.keys.recordCommand(idempotencyKey, inputHash, keyId);
    if (first.inputHash !== inputHash) {
      refuse(AgreementExceptionCode.IdempotencyKeyReused, 'This idempotency key was already used for a different command.');
    }
    const stands = await this.keys.revoke({ keyId, kind: 'revoked', reason: revocation.reason, revokedAt: now(), revokedBy: actor.userId, idempotencyKey });
    if (stands.idempotencyKey !== idempotencyKey) refuse(AgreementExceptionCode.KeyRevoked, `This key was already ${described(stands.revocation)}.`);
    return { ...key, revocation: stands.revocation };
  }

  async get(query: GetKeyQuery): Promise<SigningKey> {
    return (await this.keys.findByKeyId(query.keyId)) ?? refuse(AgreementExceptionCode.NotFound, 'The key was not found.');
  }

  findMany(keyIds: string[]): Promise<Map<string, SigningKey>> {
    return this.keys.findMany(keyIds);
  }

  find(keyId: string): Promise<SigningKey | undefined> {
    return this.keys.findByKeyId(keyId);
  }
}
