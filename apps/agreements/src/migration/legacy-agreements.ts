import type { Logger } from '@nestjs/common';
import type { Connection } from 'mongoose';
import {
  defaultEffectivenessRule,
  type AgreementKind,
  type AgreementStatus,
  type AgreementVersion,
  type DomainEvent,
  type SigningRound,
} from '@mitra/contracts';
import { canonicalize, type AgreementState } from '@mitra/domain';
import type { Revision } from '@mitra/platform';
import {
  applyChange,
  changeBetween,
  digestOf,
  foldAgreement,
  plain,
  type AgreementChange,
} from '../agreements/agreement-changes';
import { createKey, timeKey } from '../agreements/agreement.schema';
import type { AgreementsRepository } from '../agreements/agreements.repository';
import { dropIfExists } from './drop-collection';

/*
 * The previous layout (agreements up to the revision store, commit 0c72d25):
 * - `agreement_revisions`: one document per revision, `_id` `<agreementId>:<revision>`, holding the
 *   WHOLE agreement after it (every version and round), every command applied so far (`commands`,
 *   carried from revision to revision), the events the revision raised (`outbox`) and whether they
 *   were published (`eventsPublished`); revision 1 also carries the create command's `inputHash`;
 * - `agreements`: a head per agreement (`_id` = agreementId), a hint of its latest revision and its
 *   summary for lists and sweeps, all of it derived from the revisions.
 */
export const legacyRevisionCollection = 'agreement_revisions';
export const legacyHeadCollection = 'agreements';

export interface LegacyCommandEntry {
  key: string;
  type: string;
  inputHash: string;
  ref: Record<string, string | number>;
}

export interface LegacyAgreementRevision {
  _id: string;
  agreementId: string;
  revision: number;
  kind: AgreementKind;
  partnershipId: string;
  versions: AgreementVersion[];
  rounds: SigningRound[];
  effectiveVersion: number | null;
  commands: LegacyCommandEntry[];
  outbox: DomainEvent[];
  eventsPublished: boolean;
  createdAt: string;
  createdBy: string;
  inputHash: string;
  writtenAt: string;
}

export interface LegacyAgreementHead {
  _id: string;
  revision: number;
  status: AgreementStatus;
}

export interface LegacyAgreementsReport {
  /** Agreements found in the previous layout (one whose documents were not together in `_id` order counts once per run of them). */
  agreements: number;
  /** Revisions inserted into the agreement log by this run. */
  moved: number;
  /** Revisions an earlier (or a concurrent) run had moved already, found identical. */
  alreadyMoved: number;
  /** Old collections dropped, once every revision was found moved. */
  dropped: string[];
  /** What kept the old collections: nothing is dropped that was not moved. */
  problems: string[];
}

const isLegacyRevision = (document: Partial<LegacyAgreementRevision>): document is LegacyAgreementRevision =>
  typeof document._id === 'string' &&
  typeof document.agreementId === 'string' &&
  document.agreementId.length > 0 &&
  Number.isSafeInteger(document.revision) &&
  (document.revision as number) > 0 &&
  typeof document.kind === 'string' &&
  typeof document.partnershipId === 'string' &&
  Array.isArray(document.versions) &&
  Array.isArray(document.rounds) &&
  Array.isArray(document.commands) &&
  Array.isArray(document.outbox) &&
  typeof document.createdAt === 'string' &&
  typeof document.createdBy === 'string' &&
  typeof document.writtenAt === 'string' &&
  (document.revision !== 1 || typeof document.inputHash === 'string');

/** The agreement a legacy revision holds, read as the previous version read it. */
export function legacyState(document: LegacyAgreementRevision): AgreementState {
  return plain({
    id: document.agreementId,
    kind: document.kind,
    partnershipId: document.partnershipId,
    versions: document.versions,
    // Rounds stored before effectiveness rules existed asked every party (the previous version read them so too).
    rounds: document.rounds.map((round) => ({ ...round, rule: round.rule ?? defaultEffectivenessRule })),
    effectiveVersion: document.effectiveVersion ?? null,
    createdAt: document.createdAt,
    createdBy: document.createdBy,
  });
}

/** A stored revision as compared with what the move would write. */
const movedContent = (
  revision: Pick<Revision<AgreementChange>, 'revision' | 'idempotencyKey' | 'inputHash' | 'change'>,
) =>
  canonicalize({
    revision: revision.revision,
    idempotencyKey: revision.idempotencyKey,
    inputHash: revision.inputHash,
    change: revision.change,
  });

/**
 * Moves the previous layout into the agreement log, idempotently. Each legacy revision becomes the
 * revision of the same number and `_id`, storing only what it changed from the one before (the
 * versions it added, what moved in its rounds), the command it applied (from the carried `commands`
 * list: the one entry that is new in it) with its key and input hash, and its events with their
 * publication flag (unpublished ones are left to the outbox relay). Every run re-reads what the log
 * holds and checks, revision by revision, that folding it gives the agreement the legacy document
 * held; only when every agreement checks out are the old collections dropped. Anything else keeps
 * them, and is reported.
 */
export async function migrateLegacyAgreements(
  connection: Connection,
  repository: AgreementsRepository,
  logger: Pick<Logger, 'log' | 'error'>,
): Promise<LegacyAgreementsReport> {
  const report: LegacyAgreementsReport = {
    agreements: 0,
    moved: 0,
    alreadyMoved: 0,
    dropped: [],
    problems: [],
  };
  const names = (await connection.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
  const legacy = [legacyRevisionCollection, legacyHeadCollection].filter((name) => names.includes(name));
  if (legacy.length === 0) return report;
  await repository.ready();

  // Streamed in `_id` order (`<agreementId>:<revision>`), one agreement in memory at a time: each old
  // document holds the whole agreement, so the collection may not fit.
  let group: LegacyAgreementRevision[] = [];
  const moveGroup = async () => {
    if (group.length === 0) return;
    const documents = group.sort((x, y) => x.revision - y.revision);
    group = [];
    report.agreements++;
    report.problems.push(
      ...(await migrateAgreement(repository, documents[0]!.agreementId, documents, report)),
    );
  };
  try {
    if (names.includes(legacyRevisionCollection)) {
      for await (const document of connection
        .collection<Partial<LegacyAgreementRevision>>(legacyRevisionCollection)
        .find({})
        .sort({ _id: 1 })) {
        if (!isLegacyRevision(document)) {
          report.problems.push(`${String(document._id)} is not an agreement revision`);
          continue;
        }
        if (group.length > 0 && group[0]!.agreementId !== document.agreementId) await moveGroup();
        group.push(document);
      }
      await moveGroup();
    }
    if (names.includes(legacyHeadCollection)) {
      for await (const head of connection
        .collection<LegacyAgreementHead>(legacyHeadCollection)
        .find({}, { projection: { _id: 1 } })) {
        if (typeof head._id !== 'string' || !(await repository.store.latest(head._id)))
          report.problems.push(`head ${String(head._id)} names an agreement with no revision`);
      }
    }
  } catch (error) {
    // A replica migrating at the same time found everything moved and dropped the old collections (revisions
    // first) under our cursor.
    const left = (await connection.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    if (left.includes(legacyRevisionCollection)) throw error;
    logger.log('the previous agreements layout was moved by another instance meanwhile');
    return report;
  }

  if (report.problems.length > 0) {
    logger.error(
      `kept ${legacy.join(' and ')}, not fully moved to the agreement log: ${report.problems.join('; ')}`,
    );
  } else {
    for (const name of legacy) {
      await dropIfExists(connection, name);
      report.dropped.push(name);
    }
  }
  logger.log(
    `moved the previous agreements layout: ${report.agreements} agreement(s), ${report.moved} revision(s) moved, ` +
      `${report.alreadyMoved} already there, ${report.problems.length} problem(s)`,
  );
  return report;
}

async function migrateAgreement(
  repository: AgreementsRepository,
  agreementId: string,
  documents: LegacyAgreementRevision[],
  report: LegacyAgreementsReport,
): Promise<string[]> {
  const store = repository.store;
  const problems: string[] = [];
  // What the log holds already: an earlier run's work, or revisions the new service wrote since.
  const existing = await store.history(agreementId);
  const first = documents[0]!.revision;
  const before = existing.filter((revision) => revision.revision < first);
  if (before.length !== first - 1)
    return [`revisions 1 to ${first - 1} of ${agreementId} are in neither layout`];
  let previous = foldAgreement(
    agreementId,
    before.map((revision) => revision.change),
  );
  const seenKeys = new Set(before.map((revision) => revision.idempotencyKey));
  const newest = existing.reduce((max, revision) => Math.max(max, revision.revision), 0);
  const expected = new Map<
    string,
    { document: LegacyAgreementRevision; content: string; state: AgreementState }
  >();

  for (const [index, document] of documents.entries()) {
    if (document.revision !== first + index) {
      problems.push(`${agreementId} has no revision ${first + index} in the previous layout`);
      break;
    }
    const state = legacyState(document);
    const fresh = document.commands.filter((command) => !seenKeys.has(command.key));
    for (const command of fresh) seenKeys.add(command.key);
    if (fresh.length > 1) {
      problems.push(`${document._id} applied ${fresh.length} commands`);
      break;
    }
    const [command] = fresh;
    let change: AgreementChange;
    try {
      change = changeBetween(previous, state, {
        at: document.writtenAt,
        ...(command
          ? { command: { type: command.type, ref: command.ref } }
          : document.revision === 1
            ? { command: { type: 'agreement.create', ref: {} } }
            : {}),
      });
    } catch (error) {
      problems.push(`${document._id}: ${(error as Error).message}`);
      break;
    }
    const idempotencyKey =
      document.revision === 1 ? createKey : command ? command.key : timeKey(document.revision);
    const inputHash = document.revision === 1 ? document.inputHash : command ? command.inputHash : 'time';
    // Only the newest revision carries a digest, as the store keeps it (and the sweep's index is of agreements, not of their past).
    const isNewest = index === documents.length - 1 && newest <= document.revision;
    const result = await store.importRevision({
      id: document._id,
      aggregateId: agreementId,
      revision: document.revision,
      idempotencyKey,
      inputHash,
      change,
      events: plain(document.outbox),
      published: document.eventsPublished === true,
      recordedAt: new Date(document.writtenAt),
      ...(isNewest ? { state: plain(digestOf(state)) } : {}),
    });
    if (result === 'inserted') report.moved++;
    else if (result === 'exists') report.alreadyMoved++;
    expected.set(document._id, {
      document,
      content: movedContent({ revision: document.revision, idempotencyKey, inputHash, change }),
      state,
    });
    previous = state;
  }
  if (previous) {
    await repository.enterInDirectory(previous);
    const latest = await store.latest(agreementId);
    if (latest?.state) await repository.noteDigest(agreementId, latest.revision, latest.state);
  }

  // Moved means: the log holds every legacy revision under its id, the same change, and folds to the same agreement.
  let folded: AgreementState | undefined;
  for (const revision of await store.history(agreementId)) {
    try {
      folded = applyChange(agreementId, folded, revision.change);
    } catch (error) {
      problems.push(`${revision.id}: ${(error as Error).message}`);
      break;
    }
    const wanted = expected.get(revision.id);
    if (!wanted) continue;
    expected.delete(revision.id);
    if (movedContent(revision) !== wanted.content)
      problems.push(`${revision.id} differs from the revision the agreement log holds under that id`);
    else if (canonicalize(plain(folded)) !== canonicalize(wanted.state))
      problems.push(`${revision.id}: the agreement log does not fold to the agreement it held`);
  }
  for (const id of expected.keys())
    problems.push(`${id} is not in the agreement log (its revision is another document's)`);
  return problems;
}
