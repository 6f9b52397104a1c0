import type { Connection } from 'mongoose';
import type { DomainEvent, OrganisationInput, StakeholderEntryInput } from '@mitra/contracts';
import type { ImportResult } from '@mitra/platform';
import { operator } from '../common/mongo';
import { claimsToSettle, organisationClaimKey } from '../organisations/organisation-claim';
import { inputOf } from '../organisations/organisation-revisions';
import type { OrganisationsRepository } from '../organisations/organisations.repository';
import type { StakeholderMapStore } from '../stakeholder-maps/stakeholder-map-revisions';

/** The collections of the previous layout (up to commit 0c72d25). */
export const previousCollections = {
  organisationVersions: 'organisation_versions',
  organisationOutbox: 'organisation_outbox',
  mapVersions: 'stakeholder_map_versions',
} as const;

/** An organisation version as the previous layout stored it. */
export interface PreviousOrganisationVersion extends OrganisationInput {
  organisationId: string;
  version: number;
  acknowledgedDuplicateOf?: string[];
  at: Date;
  by: string;
  idempotencyKey: string;
  inputHash: string;
  events?: DomainEvent[];
}

/** A marker of a version write whose events were not known to be published. */
interface PreviousOutboxMarker {
  organisationId: string;
  version: number;
  idempotencyKey: string;
}

/** A stakeholder map version as the previous layout stored it, its outbox inside. */
export interface PreviousMapVersion {
  partnershipId: string;
  version: number;
  entries: StakeholderEntryInput[];
  at: Date;
  by: string;
  idempotencyKey: string;
  inputHash: string;
  events?: DomainEvent[];
  pendingEventIds?: string[];
}

type Log = { log(message: string): void; warn(message: string): void };

export interface MovedRevisions {
  moved: number;
  alreadyMoved: number;
  /** A revision number or key that the store holds for another document: its collection is kept. */
  conflicting: number;
  /** Moved with events still to publish (the relay's sweep publishes them). */
  pending: number;
}

export interface OrganisationMigration {
  revisions: MovedRevisions;
  /** Records brought onto the log and projected (previous layout, or a registration stopped before its revision). */
  recordsProjected: number;
  /** Outbox markers whose version was never written (a writer that died before its insert). */
  abandonedMarkers: number;
  dropped: string[];
  kept: string[];
}

export interface MapMigration {
  revisions: MovedRevisions;
  dropped: string[];
  kept: string[];
}

async function existing(connection: Connection, names: readonly string[]): Promise<string[]> {
  const collections = await connection.db!.listCollections({}, { nameOnly: true }).toArray();
  return names.filter((name) => collections.some((collection) => collection.name === name));
}

function count(revisions: MovedRevisions, result: ImportResult, pending: boolean): void {
  if (result === 'inserted') revisions.moved++;
  else if (result === 'exists') revisions.alreadyMoved++;
  else revisions.conflicting++;
  if (result !== 'taken' && pending) revisions.pending++;
}

/**
 * Moves organisations from the previous layout (versions in `organisation_versions`, outbox markers
 * in `organisation_outbox`) into the revision store, and brings every record not yet on the log onto
 * it: its versions become its revisions (same numbers, keys, hashes and events; the events of a
 * version whose marker was left stay pending), a record without versions gets revision 1 from itself,
 * claims are settled (a rename stopped after moving its claim gives it back first; of two records
 * that want one key the older takes it), and the record is projected (new sort and search keys).
 *
 * Idempotent: every revision is an insert-once by id, a record is marked `projected` once projected, and
 * the old collections are dropped only when every version is in the store. Run again, it finds
 * nothing to do at the cost of one `listCollections` and one indexed query.
 */
export async function migrateOrganisations(connection: Connection, repository: OrganisationsRepository, logger: Log): Promise<OrganisationMigration> {
  await repository.onModuleInit();
  const { store, projection, model } = repository;
  const report: OrganisationMigration = {
    revisions: { moved: 0, alreadyMoved: 0, conflicting: 0, pending: 0 },
    recordsProjected: 0,
    abandonedMarkers: 0,
    dropped: [],
    kept: [],
  };
  const old = await existing(connection, [previousCollections.organisationVersions, previousCollections.organisationOutbox]);

  if (old.includes(previousCollections.organisationVersions)) {
    const markers = old.includes(previousCollections.organisationOutbox)
      ? await connection.collection<PreviousOutboxMarker>(previousCollections.organisationOutbox).find({}).toArray()
      : [];
    const pendingKeys = new Set(markers.map((marker) => `${marker.organisationId}:${marker.version}:${marker.idempotencyKey}`));
    const written = new Set<string>();
    const versions = connection.collection<PreviousOrganisationVersion>(previousCollections.organisationVersions).find({}).sort({ organisationId: 1, version: 1 });
    for await (const version of versions) {
      const key = `${version.organisationId}:${version.version}:${version.idempotencyKey}`;
      written.add(key);
      const events = version.events ?? [];
      const pending = events.length > 0 && pendingKeys.has(key);
      const result = await store.importRevision({
        aggregateId: version.organisationId,
        revision: version.version,
        idempotencyKey: version.idempotencyKey,
        inputHash: version.inputHash,
        change: { organisation: inputOf(version), acknowledgedDuplicateOf: version.acknowledgedDuplicateOf ?? [], at: version.at, by: version.by },
        events,
        published: !pending,
        recordedAt: version.at,
      });
      count(report.revisions, result, pending);
    }
    report.abandonedMarkers = [...pendingKeys].filter((key) => !written.has(key)).length;
  }

  // Records not projected: every record of the previous layout (no `projected`), registrations stopped
  // between their insert and their revision, and projections a stop left half-way (`projected: false`).
  const unprojected = await model
    .find({ projected: operator({ $in: [null, false] }) })
    .select('name region identityClaim projected')
    .sort({ _id: 1 })
    .lean()
    .exec();
  if (unprojected.length > 0) {
    // Stale claims first, then takes, as planned over the records that have not been settled yet.
    const steps = claimsToSettle(unprojected.map((record) => ({ id: record._id.toString(), key: organisationClaimKey(record), claim: record.identityClaim })));
    for (const step of steps) {
      const holder = step.take ? await projection.takeClaim(step.id, step.take) : undefined;
      if (step.release && (!step.take || holder)) await projection.releaseClaim(step.id, step.release);
    }
    for (const { _id, projected } of unprojected) {
      const id = _id.toString();
      if (projected !== false && !(await store.latest(id))) {
        // From before revisions: revision 1 is the record as it stands, with nothing to announce.
        const record = await model.findById(id).lean().exec();
        if (!record) continue;
        const result = await store.importRevision({
          aggregateId: id,
          revision: 1,
          idempotencyKey: record.idempotencyKey,
          inputHash: record.inputHash,
          change: { organisation: inputOf(record), acknowledgedDuplicateOf: record.acknowledgedDuplicateOf ?? [], at: record.createdAt, by: record.createdBy },
          events: [],
          published: true,
          recordedAt: record.createdAt,
        });
        count(report.revisions, result, false);
      }
      await projection.project(id);
      report.recordsProjected++;
      if (report.recordsProjected % 1000 === 0) logger.log(`organisations brought onto the revision log: ${report.recordsProjected} of ${unprojected.length}`);
    }
  }

  for (const name of old) {
    if (report.revisions.conflicting > 0) {
      report.kept.push(name);
      continue;
    }
    await connection.db!.dropCollection(name);
    report.dropped.push(name);
  }
  if (report.revisions.conflicting > 0) {
    logger.warn(`${report.revisions.conflicting} organisation versions conflict with revisions already in the store: ${report.kept.join(', ')} kept for review`);
  }
  if (old.length > 0 || unprojected.length > 0) {
    logger.log(
      `organisations migrated to the revision store: ${report.revisions.moved} revisions moved (${report.revisions.pending} with events to publish), ` +
        `${report.revisions.alreadyMoved} already there, ${report.recordsProjected} records projected, ${report.abandonedMarkers} abandoned outbox markers; ` +
        `dropped ${report.dropped.join(', ') || 'nothing'}`,
    );
  }
  return report;
}

/**
 * Moves stakeholder maps from the previous layout (`stakeholder_map_versions`, the outbox inside each
 * version as `pendingEventIds`) into the revision store: same versions, keys, hashes and events; a
 * version with any event not known to be published stays pending as a whole (JetStream and consumers
 * drop an event published twice by its id). Idempotent as `migrateOrganisations`.
 */
export async function migrateStakeholderMaps(connection: Connection, store: StakeholderMapStore, logger: Log): Promise<MapMigration> {
  await store.ready();
  const report: MapMigration = { revisions: { moved: 0, alreadyMoved: 0, conflicting: 0, pending: 0 }, dropped: [], kept: [] };
  const old = await existing(connection, [previousCollections.mapVersions]);
  if (old.length === 0) return report;
  const versions = connection.collection<PreviousMapVersion>(previousCollections.mapVersions).find({}).sort({ partnershipId: 1, version: 1 });
  for await (const version of versions) {
    const pending = (version.pendingEventIds ?? []).length > 0;
    const result = await store.importRevision({
      aggregateId: version.partnershipId,
      revision: version.version,
      idempotencyKey: version.idempotencyKey,
      inputHash: version.inputHash,
      change: { entries: version.entries, at: version.at, by: version.by },
      events: version.events ?? [],
      published: !pending,
      recordedAt: version.at,
    });
    count(report.revisions, result, pending);
  }
  if (report.revisions.conflicting > 0) {
    report.kept.push(previousCollections.mapVersions);
    logger.warn(`${report.revisions.conflicting} stakeholder map versions conflict with revisions already in the store: ${previousCollections.mapVersions} kept for review`);
  } else {
    await connection.db!.dropCollection(previousCollections.mapVersions);
    report.dropped.push(previousCollections.mapVersions);
  }
  logger.log(
    `stakeholder maps migrated to the revision store: ${report.revisions.moved} revisions moved (${report.revisions.pending} with events to publish), ` +
      `${report.revisions.alreadyMoved} already there; dropped ${report.dropped.join(', ') || 'nothing'}`,
  );
  return report;
}
