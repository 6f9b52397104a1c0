import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { SigningKey } from '@mitra/contracts';
import { SigningKeyCommandRecord, SigningKeyRecord } from './signing-key.schema';

const duplicateKeyCode = 11000;
const isDuplicate = (error: unknown) => (error as { code?: number }).code === duplicateKeyCode;

function toKey(record: SigningKeyRecord): SigningKey {
  return {
    keyId: record._id,
    userId: record.userId,
    organisationId: record.organisationId,
    algorithm: 'Ed25519',
    publicKey: record.publicKey,
    enrolledAt: record.enrolledAt,
    enrolledBy: record.enrolledBy,
  };
}

/** Keys and enrolment commands are found by `_id` only: the one lookup FerretDB v1 runs in SQLite. */
@Injectable()
export class SigningKeysRepository {
  constructor(
    @InjectModel(SigningKeyRecord.name) private readonly keys: Model<SigningKeyRecord>,
    @InjectModel(SigningKeyCommandRecord.name) private readonly commands: Model<SigningKeyCommandRecord>,
  ) {}

  async findByKeyId(keyId: string): Promise<SigningKey | undefined> {
    const record = await this.keys.findById(keyId).lean<SigningKeyRecord>().exec();
    return record ? toKey(record) : undefined;
  }

  async findMany(keyIds: string[]): Promise<Map<string, SigningKey>> {
    const found = await Promise.all([...new Set(keyIds)].map((keyId) => this.findByKeyId(keyId)));
    return new Map(found.filter((key): key is SigningKey => key !== undefined).map((key) => [key.keyId, key]));
  }

  /** Records the command once per idempotency key; returns what was recorded first. */
  async recordCommand(idempotencyKey: string, inputHash: string, keyId: string): Promise<{ inputHash: string; keyId: string }> {
    try {
      await this.commands.create({ _id: idempotencyKey, inputHash, keyId });
      return { inputHash, keyId };
    } catch (error) {
      if (!isDuplicate(error)) throw error;
      const first = await this.commands.findById(idempotencyKey).lean<SigningKeyCommandRecord>().exec();
      if (!first) throw error;
      return { inputHash: first.inputHash, keyId: first.keyId };
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
}
