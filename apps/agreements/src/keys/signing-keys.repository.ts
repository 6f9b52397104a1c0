import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Collection, Connection } from 'mongoose';
import type { DomainEvent, KeyRevocation, SigningKey } from '@mitra/contracts';
import { RevisionStore, type AppendResult, type Revision } from '@mitra/platform';
import {
  signingKeyLogCollection,
  type KeyRevocationRecord,
  type SigningKeyChange,
} from './signing-key.schema';

export type SigningKeyStore = RevisionStore<SigningKeyChange, DomainEvent>;

/** A key as loaded, with the revision it stands at. */
export interface LoadedKey {
  key: SigningKey;
  revocation?: KeyRevocationRecord;
  revision: number;
}

/** Where a command key was used: the key it named, and the digest of its input. */
export interface KeyCommandUse {
  keyId: string;
  revision: number;
  inputHash: string;
}

function requireText(value: unknown, name: string): asserts value is string {
  if (typeof value !== 'string' || value.length === 0)
    throw new TypeError(`${name} must be a non-empty string`);
}

const publicRevocation = ({ commandKey: _commandKey, ...revocation }: KeyRevocationRecord): KeyRevocation =>
  revocation as KeyRevocation;

/** The key as its revisions leave it: enrolled by the first, revoked by the first revocation; undefined before its enrolment. */
export function foldKey(
  keyId: string,
  revisions: readonly Pick<Revision<SigningKeyChange>, 'change' | 'revision'>[],
): LoadedKey | undefined {
  let loaded: LoadedKey | undefined;
  for (const { change, revision } of revisions) {
    if ('enrolled' in change && !loaded)
      loaded = { key: { keyId, algorithm: 'Ed25519', ...change.enrolled }, revision };
    else if (loaded && 'revoked' in change && !loaded.revocation)
      loaded = {
        ...loaded,
        revocation: change.revoked,
        key: { ...loaded.key, revocation: publicRevocation(change.revoked) },
      };
    if (loaded) loaded = { ...loaded, revision };
  }
  return loaded;
}

/**
 * Signing keys as revision logs (the platform's `RevisionStore`), one per key, the key id (the
 * fingerprint of the public key) as aggregate id: enrolled by revision 1, so a key is enrolled once
 * (the unique (aggregateId, revision) index decides between two concurrent enrolments); revoked by a
 * later revision appended on the key as it stood, so of two concurrent revocations one stands. Every
 * key command is a revision with its idempotency key, and this service's commands name keys by
 * content, not by id, so the command key is unique across all keys (an index declared here): the
 * same key sent for another command is refused whichever key it named. Reads: a key is one index
 * range of its (few) revisions; a signer's keys, for a rotation, are found by an index on the enrolment.
 */
@Injectable()
export class SigningKeysRepository {
  readonly store: SigningKeyStore;
  private readonly log: Collection;
  private indexes?: Promise<void>;

  constructor(@InjectConnection() connection: Connection) {
    this.store = new RevisionStore(connection, signingKeyLogCollection);
    this.log = connection.collection(signingKeyLogCollection);
  }

  ready(): Promise<void> {
    this.indexes ??= (async () => {
      await this.store.ready();
      await this.log.createIndexes([{ key: { idempotencyKey: 1 }, name: 'command_key', unique: true }]);
      await this.log.createIndexes([
        { key: { 'change.enrolled.organisationId': 1, 'change.enrolled.userId': 1 }, name: 'signer' },
      ]);
    })().catch((error: unknown) => {
      this.indexes = undefined;
      throw error;
    });
    return this.indexes;
  }

  async load(keyId: string): Promise<LoadedKey | undefined> {
    requireText(keyId, 'keyId');
    await this.ready();
    return foldKey(keyId, await this.store.history(keyId));
  }

  async findByKeyId(keyId: string): Promise<SigningKey | undefined> {
    return (await this.load(keyId))?.key;
  }

  async findMany(keyIds: string[]): Promise<Map<string, SigningKey>> {
    const found = await Promise.all([...new Set(keyIds)].map((keyId) => this.findByKeyId(keyId)));
    return new Map(
      found.filter((key): key is SigningKey => key !== undefined).map((key) => [key.keyId, key]),
    );
  }

  /** Every key enrolled for one signer of one organisation, revoked or not. */
  async keysOf(userId: string, organisationId: string): Promise<SigningKey[]> {
    requireText(userId, 'userId');
    requireText(organisationId, 'organisationId');
    await this.ready();
    const enrolments = await this.log
      .find(
        { 'change.enrolled.organisationId': organisationId, 'change.enrolled.userId': userId },
        { projection: { aggregateId: 1 } },
      )
      .toArray();
    const keys = await Promise.all(
      enrolments.map((enrolment) => this.findByKeyId(enrolment.aggregateId as string)),
    );
    return keys.filter((key): key is SigningKey => key !== undefined);
  }

  /** The revision a command key wrote, on whichever key. */
  async commandUse(idempotencyKey: string): Promise<KeyCommandUse | undefined> {
    requireText(idempotencyKey, 'idempotencyKey');
    await this.ready();
    const found = await this.log.findOne(
      { idempotencyKey },
      { projection: { aggregateId: 1, revision: 1, inputHash: 1 } },
    );
    return found
      ? {
          keyId: found.aggregateId as string,
          revision: found.revision as number,
          inputHash: found.inputHash as string,
        }
      : undefined;
  }

  /** Appends the key's next revision; `conflict` also when the command key is another key's. */
  async append(
    keyId: string,
    expectedRevision: number,
    change: SigningKeyChange,
    command: { idempotencyKey: string; inputHash: string },
  ): Promise<AppendResult<SigningKeyChange>> {
    await this.ready();
    return this.store.append(keyId, expectedRevision, change, [], command);
  }
}
