import { Injectable } from '@nestjs/common';
import type {
  EnrolKeyCommand,
  EnrolKeyInput,
  GetKeyQuery,
  KeyRevocation,
  RevokeKeyCommand,
  SigningKey,
} from '@mitra/contracts';
import {
  AgreementExceptionCode,
  assertMayEnrolKey,
  assertMayRevokeKey,
  keyFingerprint,
  refuse,
} from '@mitra/domain';
import { commandHash } from '../command-hash';
import { rawPublicKey } from '../crypto/ed25519';
import { rotationKey, type KeyRevocationRecord } from './signing-key.schema';
import { SigningKeysRepository, type LoadedKey } from './signing-keys.repository';

const now = () => new Date().toISOString();
const described = (revocation: KeyRevocation) =>
  revocation.kind === 'rotated'
    ? `replaced by key ${revocation.replacedBy} at ${revocation.revokedAt}`
    : `revoked at ${revocation.revokedAt}`;
/** Later enrolments sort last; the key id breaks a tie of two enrolled in the same millisecond. */
const enrolmentOrder = (a: SigningKey, b: SigningKey) =>
  a.enrolledAt.localeCompare(b.enrolledAt) || a.keyId.localeCompare(b.keyId);
/** As for agreements: each lost race means another command on the key was written (see `AgreementsService`). */
const maxDecisions = 8;

const keyReused = (): never =>
  refuse(
    AgreementExceptionCode.IdempotencyKeyReused,
    'This idempotency key was already used for a different command.',
  );

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
        {
          field: 'key.publicKey',
          reason: 'is not a valid Ed25519 public key',
          code: 'agreements.invalid_public_key',
        },
      ]);
    }
    const keyId = keyFingerprint(raw);
    const inputHash = commandHash('key.enrol', input);
    for (let decision = 0; decision < maxDecisions; decision++) {
      const earlier = await this.keys.commandUse(idempotencyKey);
      if (earlier) {
        if (earlier.keyId !== keyId || earlier.inputHash !== inputHash) keyReused();
        return this.enrolled(keyId, input, idempotencyKey, actor.userId, true);
      }
      const stored = await this.keys.load(keyId);
      const appended = stored
        ? await this.keys.append(
            keyId,
            stored.revision,
            { noted: { at: now() } },
            { idempotencyKey, inputHash },
          )
        : await this.keys.append(
            keyId,
            0,
            {
              enrolled: {
                userId: input.userId,
                organisationId: input.organisationId,
                publicKey: input.publicKey,
                enrolledAt: now(),
                enrolledBy: actor.userId,
              },
            },
            { idempotencyKey, inputHash },
          );
      switch (appended.status) {
        case 'appended':
          return this.enrolled(keyId, input, idempotencyKey, actor.userId, false);
        case 'replayed':
          return this.enrolled(keyId, input, idempotencyKey, actor.userId, true);
        case 'keyReused':
          return keyReused();
        case 'conflict':
          continue; // the key was enrolled or changed meanwhile, or the command key is another key's: look again
      }
    }
    return refuse(
      AgreementExceptionCode.ConcurrentChange,
      'The key is changing under many commands at once; try again.',
    );
  }

  /** The answer to an enrolment, from the key as it stands once the command is recorded. */
  private async enrolled(
    keyId: string,
    input: EnrolKeyInput,
    idempotencyKey: string,
    by: string,
    repeated: boolean,
  ): Promise<SigningKey> {
    const { key } = (await this.keys.load(keyId))!;
    if (key.userId !== input.userId || key.organisationId !== input.organisationId) {
      refuse(AgreementExceptionCode.KeyEnrolledElsewhere, 'This key is already enrolled for another signer.');
    }
    if (key.revocation) {
      // The repeat of the enrolment itself answers as the key stands now.
      if (repeated) return key;
      refuse(
        AgreementExceptionCode.KeyRevoked,
        `This key was ${described(key.revocation)}; enrol a new key.`,
      );
    }
    await this.retireOlderKeys(key, idempotencyKey, by);
    return key;
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
      const revocation: KeyRevocationRecord = {
        kind: 'rotated',
        replacedBy: newest.keyId,
        revokedAt: now(),
        revokedBy: by,
        commandKey: idempotencyKey,
      };
      await this.revokeOnce(key.keyId, revocation, {
        idempotencyKey: rotationKey(key.keyId),
        inputHash: 'rotation',
      });
    }
  }

  /** Appends the revocation unless the key is revoked already; returns the one that stands. */
  private async revokeOnce(
    keyId: string,
    revocation: KeyRevocationRecord,
    command: { idempotencyKey: string; inputHash: string },
  ): Promise<KeyRevocationRecord | undefined> {
    for (let decision = 0; decision < maxDecisions; decision++) {
      const stored = await this.keys.load(keyId);
      if (!stored) return undefined;
      if (stored.revocation) return stored.revocation;
      const appended = await this.keys.append(keyId, stored.revision, { revoked: revocation }, command);
      if (appended.status === 'appended') return revocation;
      if (appended.status !== 'conflict') return (await this.keys.load(keyId))?.revocation;
    }
    return (await this.keys.load(keyId))?.revocation;
  }

  /** The key's owner or an admin revokes it, with a reason: it signs nothing from now on. */
  async revoke(command: RevokeKeyCommand): Promise<SigningKey> {
    const { actor, idempotencyKey, keyId, revocation } = command;
    const key =
      (await this.keys.findByKeyId(keyId)) ??
      refuse(AgreementExceptionCode.NotFound, 'The key was not found.');
    assertMayRevokeKey(actor, key);
    const inputHash = commandHash('key.revoke', { keyId, revocation });
    for (let decision = 0; decision < maxDecisions; decision++) {
      const earlier = await this.keys.commandUse(idempotencyKey);
      if (earlier) {
        if (earlier.keyId !== keyId || earlier.inputHash !== inputHash) keyReused();
        return this.revoked(keyId, idempotencyKey);
      }
      const stored = (await this.keys.load(keyId))!;
      const change = stored.revocation
        ? { noted: { at: now() } }
        : {
            revoked: {
              kind: 'revoked' as const,
              reason: revocation.reason,
              revokedAt: now(),
              revokedBy: actor.userId,
              commandKey: idempotencyKey,
            },
          };
      const appended = await this.keys.append(keyId, stored.revision, change, { idempotencyKey, inputHash });
      switch (appended.status) {
        case 'appended':
        case 'replayed':
          return this.revoked(keyId, idempotencyKey);
        case 'keyReused':
          return keyReused();
        case 'conflict':
          continue;
      }
    }
    return refuse(
      AgreementExceptionCode.ConcurrentChange,
      'The key is changing under many commands at once; try again.',
    );
  }

  /** The answer to a revocation: the key with it when this command's revocation stands, else a refusal naming the one that does. */
  private async revoked(keyId: string, idempotencyKey: string): Promise<SigningKey> {
    const { key, revocation } = (await this.keys.load(keyId)) as LoadedKey;
    if (!revocation || !key.revocation)
      throw new Error(`key ${keyId} has a revocation command but no revocation`);
    if (revocation.commandKey !== idempotencyKey || revocation.kind !== 'revoked')
      refuse(AgreementExceptionCode.KeyRevoked, `This key was already ${described(key.revocation)}.`);
    return key;
  }

  async get(query: GetKeyQuery): Promise<SigningKey> {
    return (
      (await this.keys.findByKeyId(query.keyId)) ??
      refuse(AgreementExceptionCode.NotFound, 'The key was not found.')
    );
  }

  findMany(keyIds: string[]): Promise<Map<string, SigningKey>> {
    return this.keys.findMany(keyIds);
  }

  find(keyId: string): Promise<SigningKey | undefined> {
    return this.keys.findByKeyId(keyId);
  }
}
