import { Injectable } from '@nestjs/common';
import type { EnrolKeyCommand, GetKeyQuery, SigningKey } from '@mitra/contracts';
import { AgreementExceptionCode, assertMayEnrolKey, canonicalize, keyFingerprint, refuse, sha256Hex } from '@mitra/domain';
import { rawPublicKey } from '../crypto/ed25519';
import { SigningKeysRepository } from './signing-keys.repository';

@Injectable()
export class SigningKeysService {
  constructor(private readonly keys: SigningKeysRepository) {}

  /**
   * Enrols a signer's Ed25519 public key. The same key again for the same signer returns the first
   * enrolment; a key already enrolled for someone else is refused.
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
    const inputHash = sha256Hex(canonicalize({ type: 'key.enrol', input }));
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
      enrolledAt: new Date().toISOString(),
      enrolledBy: actor.userId,
    });
    if (enrolled.userId !== input.userId || enrolled.organisationId !== input.organisationId) {
      refuse(AgreementExceptionCode.KeyEnrolledElsewhere, 'This key is already enrolled for another signer.');
    }
    return enrolled;
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
