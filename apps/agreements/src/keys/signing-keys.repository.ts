import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { KeyRevocation, SigningKey } from '@mitra/contracts';
import { SigningKeyCommandRecord, SigningKeyRecord, SigningKeyRevocationRecord } from './signing-key.schema';

const duplicateKeyCode = 11000;
const isDuplicate = (error: unknown) => (error as { code?: number }).code === duplicateKeyCode;

function toRevocation(record: SigningKeyRevocationRecord): KeyRevocation {
  const { revokedAt, revokedBy } = record;
  return record.kind === 'rotated'
    ? { kind: 'rotated', replacedBy: record.replacedBy ?? '', revokedAt, revokedBy }
    : { kind: 'revoked', reason: record.reason ?? '', revokedAt, revokedBy };
}

function toKey(record: SigningKeyRecord, revocation: SigningKeyRevocationRecord | null): SigningKey {
  return {
    keyId: record._id,
    userId: record.userId,
    organisationId: record.organisationId,
    algorithm: 'Ed25519',
    publicKey: record.publicKey,
    enrolledAt: record.enrolledAt,
    enrolledBy: record.enrolledBy,
    ...(revocation ? { revocation: toRevocation(revocation) } : {}),
  };
}

export type NewRevocation = Omit<SigningKeyRevocationRecord, '_id'> & { keyId: string };

/**
 * Keys, their revocations and enrolment commands are found by `_id` (the one lookup FerretDB v1 runs
 * in SQLite); only a rotation lists one signer's keys.
 */
@Injectable()
export class SigningKeysRepository {
  constructor(
    @InjectModel(SigningKeyRecord.name) private readonly keys: Model<SigningKeyRecord>,
    @InjectModel(SigningKeyCommandRecord.name) private readonly commands: Model<SigningKeyCommandRecord>,
    @InjectModel(SigningKeyRevocationRecord.name) private readonly revocations: Model<SigningKeyRevocationRecord>,
  ) {}

  async findByKeyId(keyId: string): Promise<SigningKey | undefined> {
    const [record, revocation] = await Promise.all([
      this.keys.findById(keyId).lean<SigningKeyRecord>().exec(),
      this.revocations.findById(keyId).lean<SigningKeyRevocationRecord>().exec(),
    ]);
    return record ? toKey(record, revocation) : undefined;
  }

  async findMany(keyIds: string[]): Promise<Map<string, SigningKey>> {
    const found = await Promise.all([...new Set(keyIds)].map((keyId) => this.findByKeyId(keyId)));
    return new Map(found.filter((key): key is SigningKey => key !== undefined).map((key) => [key.keyId, key]));
  }

  /** Every key enrolled for one signer of one organisation, revoked or not. */
  async keysOf(userId: string, organisationId: string): Promise<SigningKey[]> {
    const records = await this.keys.find({ userId, organisationId }).lean<SigningKeyRecord[]>().exec();
    return Promise.all(records.map(async (record) => toKey(record, await this.revocations.findById(record._id).lean<SigningKeyRevocationRecord>().exec())));
  }

  /** Records the command once per idempotency key; returns what was recorded first, and whether that was earlier. */
  async recordCommand(idempotencyKey: string, inputHash: string, keyId: string): Promise<{ inputHash: string; keyId: string; repeated: boolean }> {
    try {
      await this.commands.create({ _id: idempotencyKey, inputHash, keyId });
      return { inputHash, keyId, repeated: false };
    } catch (error) {
      if (!isDuplicate(error)) throw error;
      const first = await this.commands.findById(idempotencyKey).lean<SigningKeyCommandRecord>().exec();
      if (!first) throw error;
      return { inputHash: first.inputHash, keyId: first.keyId, repeated: true };
    }
  }

  /** Inserts once per key id; a concurrent enrolment of the same key loses to the `_id`. */
  async insert(key: SigningKey): Promise<SigningKey> {
    try {
      await this.keys.create({
        _id: key.keyId,
        userId: key.userId,
        organisationId: key.organisationId,
        publicKey: key.publicKey,
        enrolledAt: key.enrolledAt,
        enrolledBy: key.enrolledBy,
      });
      return key;
    } catch (error) {
      if (!isDuplicate(error)) throw error;
      const existing = await this.findByKeyId(key.keyId);
      if (!existing) throw error;
      return existing;
    }
  }

  /** Records a key's revocation unless one is recorded already; returns the one that stands and the command that made it. */
  async revoke(revocation: NewRevocation): Promise<{ revocation: KeyRevocation; idempotencyKey: string }> {
    const { keyId, ...fields } = revocation;
    try {
      const created = await this.revocations.create({ _id: keyId, ...fields });
      return { revocation: toRevocation(created.toObject()), idempotencyKey: fields.idempotencyKey };
    } catch (error) {
      if (!isDuplicate(error)) throw error;
      const first = await this.revocations.findById(keyId).lean<SigningKeyRevocationRecord>().exec();
      if (!first) throw error;
      return { revocation: toRevocation(first), idempotencyKey: first.idempotencyKey };
    }
  }
}
