import type { Logger } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { canonicalize } from '@mitra/domain';
import { revisionId, type ImportedRevision } from '@mitra/platform';
import type { DomainEvent } from '@mitra/contracts';
import { commandHash } from '../command-hash';
import { rotationKey, type KeyRevocationRecord, type SigningKeyChange } from '../keys/signing-key.schema';
import type { SigningKeysRepository } from '../keys/signing-keys.repository';
import { dropIfExists } from './drop-collection';

/*
 * The previous layout of signing keys (commit 0c72d25), three collections of insert-once documents:
 * - `signing_keys`: `{_id: keyId, userId, organisationId, publicKey, enrolledAt, enrolledBy}`;
 * - `signing_key_revocations`: one per revoked key, `{_id: keyId, kind: 'revoked' | 'rotated',
 *   reason? | replacedBy?, revokedAt, revokedBy, idempotencyKey}` (for a rotation, the key of the
 *   command that enrolled the newer key);
 * - `signing_key_commands`: every enrolment and revocation command, `{_id: idempotencyKey, inputHash,
 *   keyId}`, recorded before it was carried out, whatever came of it.
 */
export const legacyKeyCollection = 'signing_keys';
export const legacyRevocationCollection = 'signing_key_revocations';
export const legacyCommandCollection = 'signing_key_commands';

export interface LegacyKey {
  _id: string;
  userId: string;
  organisationId: string;
  publicKey: string;
  enrolledAt: string;
  enrolledBy: string;
}

export interface LegacyRevocation {
  _id: string;
  kind: 'revoked' | 'rotated';
  reason?: string;
  replacedBy?: string;
  revokedAt: string;
  revokedBy: string;
  idempotencyKey: string;
}

export interface LegacyKeyCommand {
  _id: string;
  inputHash: string;
  keyId: string;
}

export interface LegacyKeysReport {
  keys: number;
  /** Revisions inserted into the key log by this run. */
  moved: number;
  alreadyMoved: number;
  dropped: string[];
  problems: string[];
  /** Commands recorded for a key that was never enrolled (a writer that died before its insert): logged, nothing to move. */
  abandonedCommands: LegacyKeyCommand[];
}

type Plan = ImportedRevision<SigningKeyChange, DomainEvent, never>;

const isKey = (d: Partial<LegacyKey>): d is LegacyKey =>
  [d._id, d.userId, d.organisationId, d.publicKey, d.enrolledAt, d.enrolledBy].every(
    (value) => typeof value === 'string',
  );
const isRevocation = (d: Partial<LegacyRevocation>): d is LegacyRevocation =>
  typeof d._id === 'string' &&
  (d.kind === 'revoked' || d.kind === 'rotated') &&
  [d.revokedAt, d.revokedBy, d.idempotencyKey].every((value) => typeof value === 'string');
const isCommand = (d: Partial<LegacyKeyCommand>): d is LegacyKeyCommand =>
  [d._id, d.inputHash, d.keyId].every((value) => typeof value === 'string');

/** A key's revisions in the log: its enrolment, its revocation, then every other command that named it (noted: it changed nothing). */
function planKey(
  key: LegacyKey,
  revocation: LegacyRevocation | undefined,
  commands: LegacyKeyCommand[],
): Plan[] {
  const enrolHash = commandHash('key.enrol', {
    userId: key.userId,
    organisationId: key.organisationId,
    publicKey: key.publicKey,
  });
  const enrolment = commands.find((command) => command.inputHash === enrolHash);
  const revokedBy = revocation && commands.find((command) => command._id === revocation.idempotencyKey);
  const plans: Omit<Plan, 'aggregateId' | 'revision' | 'events' | 'published'>[] = [
    {
      idempotencyKey: enrolment?._id ?? `~enrolled:${key._id}`,
      inputHash: enrolHash,
      change: {
        enrolled: {
          userId: key.userId,
          organisationId: key.organisationId,
          publicKey: key.publicKey,
          enrolledAt: key.enrolledAt,
          enrolledBy: key.enrolledBy,
        },
      },
      recordedAt: new Date(key.enrolledAt),
    },
  ];
  if (revocation) {
    const { revokedAt, revokedBy: by, idempotencyKey: commandKey } = revocation;
    const revoked: KeyRevocationRecord =
      revocation.kind === 'rotated'
        ? { kind: 'rotated', replacedBy: revocation.replacedBy ?? '', revokedAt, revokedBy: by, commandKey }
        : { kind: 'revoked', reason: revocation.reason ?? '', revokedAt, revokedBy: by, commandKey };
    plans.push({
      idempotencyKey:
        revokedBy?._id ?? (revocation.kind === 'rotated' ? rotationKey(key._id) : `~revoked:${key._id}`),
      inputHash: revokedBy?.inputHash ?? (revocation.kind === 'rotated' ? 'rotation' : 'migrated'),
      change: { revoked: revoked },
      recordedAt: new Date(revokedAt),
    });
  }
  for (const command of commands) {
    if (command === enrolment || command === revokedBy) continue;
    plans.push({
      idempotencyKey: command._id,
      inputHash: command.inputHash,
      change: { noted: { at: null } },
      recordedAt: new Date(key.enrolledAt),
    });
  }
  return plans.map((plan, index) => ({
    ...plan,
    aggregateId: key._id,
    revision: index + 1,
    events: [],
    published: true,
  }));
}

/**
 * Moves the previous key layout into the key log, idempotently: each key becomes a log of its
 * enrolment, its revocation (with the command that recorded it) and a noted revision per other
 * command that named it, each command under its own idempotency key, so a repeat is still answered
 * and the key still refused for other input. Then it checks every key and every command against the
 * log; only when all are there are the old collections dropped.
 */
export async function migrateLegacyKeys(
  connection: Connection,
  repository: SigningKeysRepository,
  logger: Pick<Logger, 'log' | 'warn' | 'error'>,
): Promise<LegacyKeysReport> {
  const report: LegacyKeysReport = {
    keys: 0,
    moved: 0,
    alreadyMoved: 0,
    dropped: [],
    problems: [],
    abandonedCommands: [],
  };
  const names = (await connection.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
  const legacy = [legacyKeyCollection, legacyRevocationCollection, legacyCommandCollection].filter((name) =>
    names.includes(name),
  );
  if (legacy.length === 0) return report;
  await repository.ready();
  const read = async <T extends { _id: string }>(
    name: string,
    valid: (document: Partial<T>) => document is T,
  ): Promise<T[]> => {
    if (!names.includes(name)) return [];
    const documents = (await connection.collection(name).find({}).toArray()) as unknown as Partial<T>[];
    for (const document of documents)
      if (!valid(document))
        report.problems.push(`${String(document._id)} in ${name} is not of the expected shape`);
    return documents.filter(valid).sort((a, b) => a._id.localeCompare(b._id));
  };
  const keys = await read<LegacyKey>(legacyKeyCollection, isKey);
  const revocations = new Map(
    (await read<LegacyRevocation>(legacyRevocationCollection, isRevocation)).map((r) => [r._id, r]),
  );
  const commands = await read<LegacyKeyCommand>(legacyCommandCollection, isCommand);
  const enrolled = new Set(keys.map((key) => key._id));
  report.keys = keys.length;

  for (const keyId of revocations.keys())
    if (!enrolled.has(keyId)) report.problems.push(`revocation of ${keyId}, a key never enrolled`);
  for (const command of commands) {
    if (enrolled.has(command.keyId)) continue;
    report.abandonedCommands.push(command);
    logger.warn(
      `command ${command._id} (input ${command.inputHash}) named key ${command.keyId}, which was never enrolled: nothing to move`,
    );
  }

  for (const key of keys) {
    const plans = planKey(
      key,
      revocations.get(key._id),
      commands.filter((command) => command.keyId === key._id),
    );
    for (const plan of plans) {
      const result = await repository.store.importRevision(plan);
      if (result === 'inserted') report.moved++;
      else if (result === 'exists') report.alreadyMoved++;
    }
    // Moved means: the log holds these revisions under their ids, and the key reads as it did.
    const stored = await repository.store.history(key._id);
    for (const plan of plans) {
      const found = stored.find((revision) => revision.id === revisionId(plan.aggregateId, plan.revision));
      if (
        !found ||
        canonicalize([found.idempotencyKey, found.inputHash, found.change]) !==
          canonicalize([plan.idempotencyKey, plan.inputHash, plan.change])
      ) {
        report.problems.push(
          `revision ${plan.revision} of key ${key._id} (${plan.idempotencyKey}) is not what the key log holds`,
        );
      }
    }
  }
  for (const command of commands) {
    if (!enrolled.has(command.keyId)) continue;
    const use = await repository.commandUse(command._id);
    if (use?.keyId !== command.keyId || use.inputHash !== command.inputHash)
      report.problems.push(`command ${command._id} is not in the key log`);
  }

  if (report.problems.length > 0) {
    logger.error(`kept ${legacy.join(', ')}, not fully moved to the key log: ${report.problems.join('; ')}`);
  } else {
    for (const name of legacy) {
      await dropIfExists(connection, name);
      report.dropped.push(name);
    }
  }
  logger.log(
    `moved the previous signing key layout: ${report.keys} key(s), ${report.moved} revision(s) moved, ${report.alreadyMoved} already there, ` +
      `${report.problems.length} problem(s), ${report.abandonedCommands.length} abandoned command(s)`,
  );
  return report;
}
