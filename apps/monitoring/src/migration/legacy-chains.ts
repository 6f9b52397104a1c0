import type { Logger } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { canonicalize } from '@mitra/domain';
import type { DomainEvent, MonitoringPlan, PublicationRecord } from '@mitra/contracts';
import { PublicationContracts } from '@mitra/contracts';
import type { ImportResult, RevisionDocument } from '@mitra/platform';
import type { DocumentChange, DocumentLog } from '../persistence/document-log';
import { applyPatch, resolveReference } from '../persistence/state-patch';

/*
 * The previous layout (monitoring up to the revision store): a chain of revisions per partnership,
 * each holding the WHOLE document and every command applied so far, and a head collection of hints:
 * - `plan_revisions`: `{_id: '<partnershipId>:<n>', partnershipId, revision, plan, commands:
 *   [{key, subject, inputHash, result}], outbox: DomainEvent[], eventsPublished, writtenAt}`, and
 *   `plans`: `{_id: partnershipId, revision}`;
 * - `publication_revisions`: `{_id, partnershipId, revision, record, commands: [{key, inputHash,
 *   result}], writtenAt}` (no events), and `publications`: `{_id, revision}`.
 * Revision n's own command is `commands[n - 1]` (each revision carried the list and added one).
 */

/** A command entry of the previous layout. */
export interface LegacyCommandEntry {
  key: string;
  subject?: string;
  inputHash: string;
  result: unknown;
}

export interface LegacyRevision {
  _id: string;
  partnershipId: string;
  revision: number;
  commands: LegacyCommandEntry[];
  outbox?: DomainEvent[];
  eventsPublished?: boolean;
  writtenAt?: string;
  [document: string]: unknown;
}

export interface LegacyChain<TDocument extends object> {
  /** The old revisions and heads collections. */
  revisions: string;
  heads: string;
  /** The field of an old revision that holds the whole document. */
  field: string;
  log: DocumentLog<TDocument>;
  /** The subject of a command entry that did not record one. */
  subjectOf: (entry: LegacyCommandEntry | undefined, document: TDocument) => string;
}

export interface LegacyChainReport {
  collection: string;
  /** Partnerships found in the old collection. */
  aggregates: number;
  /** Revisions inserted into the revision store by this run. */
  moved: number;
  /** Revisions an earlier (or a concurrent) run had moved already, found identical. */
  alreadyMoved: number;
  /** Old collections dropped after every revision in them was found in the store, identical. */
  dropped: string[];
  /** What kept the old collections: nothing is dropped that was not moved. */
  kept: Array<{ aggregateId: string; problems: string[] }>;
}

export const legacyPlanChain = (log: DocumentLog<MonitoringPlan>): LegacyChain<MonitoringPlan> => ({
  revisions: 'plan_revisions',
  heads: 'plans',
  field: 'plan',
  log,
  subjectOf: (entry) => entry?.subject ?? 'legacy.unrecorded',
});

export const legacyPublicationChain = (log: DocumentLog<PublicationRecord>): LegacyChain<PublicationRecord> => ({
  revisions: 'publication_revisions',
  heads: 'publications',
  field: 'record',
  log,
  // The previous layout did not record the subject of a publication command: its decision tells it.
  subjectOf: (entry, record) =>
    entry?.subject ?? (record.decisions?.at(-1)?.kind === 'withdrawn' ? PublicationContracts.Withdraw.subject : PublicationContracts.Publish.subject),
});

/** Both chains of the previous layout, plans first. */
export async function migrateLegacyMonitoring(
  connection: Connection,
  logs: { plans: DocumentLog<MonitoringPlan>; publications: DocumentLog<PublicationRecord> },
  logger: Pick<Logger, 'log' | 'warn' | 'error'>,
): Promise<LegacyChainReport[]> {
  return [
    await migrateLegacyChain(connection, legacyPlanChain(logs.plans), logger),
    await migrateLegacyChain(connection, legacyPublicationChain(logs.publications), logger),
  ];
}

const same = (a: unknown, b: unknown) => canonicalize(a ?? null) === canonicalize(b ?? null);

function shapeProblem(document: Partial<LegacyRevision>, field: string): string | undefined {
  if (typeof document._id !== 'string') return `${String(document._id)} has no string id`;
  if (typeof document.partnershipId !== 'string' || document.partnershipId.length === 0) return `${document._id} names no partnership`;
  if (!Number.isSafeInteger(document.revision) || (document.revision as number) < 1) return `${document._id} has no revision number`;
  if (typeof document[field] !== 'object' || document[field] === null) return `${document._id} holds no ${field}`;
  if (!Array.isArray(document.commands)) return `${document._id} has no command list`;
  if (document.outbox !== undefined && !Array.isArray(document.outbox)) return `${document._id} has an outbox that is not a list`;
  return undefined;
}

/** Revision n's own command: the one it added to the list it carried. */
function commandOf(document: LegacyRevision): LegacyCommandEntry | undefined {
  const entry = document.commands.length === document.revision ? document.commands.at(-1) : undefined;
  return entry && typeof entry.key === 'string' && entry.key.length > 0 && typeof entry.inputHash === 'string' ? entry : undefined;
}

/**
 * Moves one chain of the previous layout into its document log, idempotently: each old revision n
 * becomes revision n of the store under the same `_id`, holding only what changed from n − 1 (the
 * fold of the store then gives the old document back, which is checked), its own command's key and
 * input hash, where its reply is, and its events (unpublished ones stay pending for the sweep). A
 * second run, or a second replica running at the same time, finds each revision there (insert-once
 * by id). The old collections are dropped only when every revision in them was found in the store,
 * folding to the same document with the same key, input hash, reply and events; anything else keeps
 * them and is reported, never dropped.
 */
export async function migrateLegacyChain<TDocument extends object>(
  connection: Connection,
  chain: LegacyChain<TDocument>,
  logger: Pick<Logger, 'log' | 'warn' | 'error'>,
): Promise<LegacyChainReport> {
  const report: LegacyChainReport = { collection: chain.revisions, aggregates: 0, moved: 0, alreadyMoved: 0, dropped: [], kept: [] };
  const names = new Set((await connection.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  if (!names.has(chain.revisions)) {
    // Heads are only hints of the revisions: without the revisions they say nothing.
    if (names.has(chain.heads)) await dropCollection(connection, chain.heads, report);
    return report;
  }
  await chain.log.ready();
  const old = connection.collection<LegacyRevision>(chain.revisions);

  // The ids first (old revisions hold whole documents: never all of them in memory at once).
  const idsByAggregate = new Map<string, string[]>();
  const strays: string[] = [];
  for await (const document of old.find({}, { projection: { _id: 1, partnershipId: 1 } })) {
    if (typeof document._id !== 'string' || typeof document.partnershipId !== 'string' || document.partnershipId.length === 0) {
      strays.push(`${String(document._id)} is not a revision of the previous layout`);
      continue;
    }
    idsByAggregate.set(document.partnershipId, [...(idsByAggregate.get(document.partnershipId) ?? []), document._id]);
  }
  if (strays.length > 0) report.kept.push({ aggregateId: '(none)', problems: strays });
  report.aggregates = idsByAggregate.size;

  for (const [aggregateId, ids] of [...idsByAggregate].sort(([a], [b]) => a.localeCompare(b))) {
    const found = (await old.find({ _id: { $in: ids } }).toArray()) as Partial<LegacyRevision>[];
    const problems = await migrateAggregate(connection, chain, aggregateId, found, report);
    if (problems.length > 0) {
      report.kept.push({ aggregateId, problems });
      logger.error(`kept ${chain.revisions}: ${aggregateId} not fully moved to ${chain.log.store.collectionName}: ${problems.join('; ')}`);
    }
  }

  if (report.kept.length === 0) {
    await dropCollection(connection, chain.revisions, report);
    if (names.has(chain.heads)) await dropCollection(connection, chain.heads, report);
  }
  logger.log(
    `moved ${chain.revisions} to ${chain.log.store.collectionName}: ${report.aggregates} partnership(s), ${report.moved} revision(s) moved, ` +
      `${report.alreadyMoved} already there, ${report.kept.length} kept`,
  );
  return report;
}

async function migrateAggregate<TDocument extends object>(
  connection: Connection,
  chain: LegacyChain<TDocument>,
  aggregateId: string,
  found: Partial<LegacyRevision>[],
  report: LegacyChainReport,
): Promise<string[]> {
  const problems = found.flatMap((document) => shapeProblem(document, chain.field) ?? []);
  if (problems.length > 0) return problems;
  const documents = (found as LegacyRevision[]).sort((a, b) => a.revision - b.revision);
  // A gap or a doubled number: the old chain itself is damaged, and folding over it would be wrong.
  if (documents.some((document, i) => document.revision !== i + 1)) return [`its revisions are not 1…${documents.length}: ${documents.map((d) => d.revision).join(', ')}`];

  const { log } = chain;
  const keys = new Set<string>();
  let previous = log.empty(aggregateId);
  // A revision's key, or the key of its own it got when the first was taken (by this run or an earlier one).
  const expected: Array<{ document: LegacyRevision; idempotencyKeys: string[]; entry?: LegacyCommandEntry }> = [];
  for (const document of documents) {
    const state = document[chain.field] as TDocument;
    const entry = commandOf(document);
    const key = entry?.key ?? `legacy-revision-${document.revision}`;
    // The key is unique per partnership in the store; were it not unique in the old chain, the later
    // revision keeps its command under a key of its own.
    let idempotencyKey = keys.has(key) ? `${key}~${document.revision}` : key;
    keys.add(key);
    const events = document.outbox ?? [];
    const writtenAt = new Date(document.writtenAt ?? 0);
    const imported = {
      id: document._id,
      aggregateId,
      revision: document.revision,
      inputHash: entry?.inputHash ?? 'legacy',
      change: log.changeOf(chain.subjectOf(entry, state), previous, state, entry ? entry.result : null),
      events,
      published: events.length === 0 || document.eventsPublished === true,
      recordedAt: Number.isNaN(writtenAt.getTime()) ? new Date(0) : writtenAt,
    };
    let result: ImportResult = await log.store.importRevision({ ...imported, idempotencyKey });
    if (result === 'taken' && idempotencyKey === key) {
      idempotencyKey = `${key}~${document.revision}`;
      result = await log.store.importRevision({ ...imported, idempotencyKey });
    }
    if (result === 'inserted') report.moved++;
    else if (result === 'exists') report.alreadyMoved++;
    expected.push({ document, idempotencyKeys: [idempotencyKey, `${key}~${document.revision}`], ...(entry ? { entry } : {}) });
    previous = state;
  }

  // Moved means: the store holds every old revision under its id, and folding it gives the old
  // document at every step, with the same command, reply and events.
  const stored = await log.store.history(aggregateId, { toRevision: documents.length });
  const storedEvents = new Map(
    (await connection.collection<RevisionDocument<DocumentChange, DomainEvent, never>>(log.store.collectionName)
      .find({ _id: { $in: documents.map((d) => d._id) } }, { projection: { events: 1 } })
      .toArray()).map((d) => [d._id, d.events]),
  );
  let folded = log.empty(aggregateId);
  const mismatches: string[] = [];
  for (const [i, { document, idempotencyKeys, entry }] of expected.entries()) {
    const revision = stored[i];
    if (!revision || revision.revision !== document.revision || revision.id !== document._id) {
      mismatches.push(`${document._id} is not in the store (revision ${document.revision} is another document's)`);
      break;
    }
    let differs: string[];
    try {
      folded = applyPatch(folded, revision.change.patch);
      differs = [
        !same(folded, document[chain.field]) && chain.field,
        (!idempotencyKeys.includes(revision.idempotencyKey) || revision.inputHash !== (entry?.inputHash ?? 'legacy')) && 'command',
        entry && !same(resolveReference(revision.change.result, folded), entry.result) && 'reply',
        !same(storedEvents.get(document._id), document.outbox ?? []) && 'events',
      ].filter((difference): difference is string => typeof difference === 'string');
    } catch (error) {
      mismatches.push(`${document._id} does not fold: ${String(error)}`);
      break;
    }
    if (differs.length > 0) mismatches.push(`${document._id} differs from the revision the store holds under that id (${differs.join(', ')})`);
  }
  if (mismatches.length === 0) await log.saveSnapshot(aggregateId, { revision: documents.length, document: folded });
  return mismatches;
}

async function dropCollection(connection: Connection, name: string, report: LegacyChainReport): Promise<void> {
  try {
    await connection.db!.dropCollection(name);
    report.dropped.push(name);
  } catch (error) {
    // Another replica dropped it first.
    if (!/not found|doesn't exist|does not exist/i.test(String((error as Error).message))) throw error;
  }
}
