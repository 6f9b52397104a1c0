import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import type { DomainEvent } from '@mitra/contracts';
import { systemEnv } from '@mitra/testing';
import { organisationClaimKey } from '../organisations/organisation-claim';
import { OrganisationRecord, OrganisationSchema } from '../organisations/organisation.schema';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { StakeholderMapsRepository } from '../stakeholder-maps/stakeholder-maps.repository';
import { migrateOrganisations, migrateStakeholderMaps, type PreviousMapVersion, type PreviousOrganisationVersion } from './previous-layout';

/**
 * Raw documents as the stakeholders service wrote them before the revision store (commit 0c72d25, the
 * previous layout): its own commands over NATS against FerretDB, then dumped. Seven organisations —
 * the LPM with three versions, the Yayasan renamed, an acknowledged duplicate of it (no claim), a
 * "PT. … Tbk." and an accented name (sort and search keys of the previous kind) — and three map
 * versions. Then the states a crash leaves, made in the database as the previous code leaves them: the
 * LPM's version 3 written but its events not published (marker left); a marker whose version was never
 * written; a rename of "Forum Warga Sukaluyu" stopped after moving its claim; map p1's version 2 with
 * its events pending.
 */
const readFixture = () =>
  mongoose.mongo.BSON.EJSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/previous-layout.ejson'), 'utf8'), { relaxed: true }) as Record<
    string,
    Array<Record<string, unknown>>
  >;
const fixture = readFixture();
const byName = (name: string) => fixture.organisations!.find((record) => record.name === name)! as unknown as OrganisationRecord & { _id: mongoose.Types.ObjectId };
const lpm = byName('LPM Kelurahan Cibangkong');
const yayasan = byName('Yayasan Sehat Sejahtera Bandung');
const duplicate = byName('YAYASAN SEHAT SEJAHTERA BANDUNG');
const csr = byName('PT. Bumi Hijau Tbk.');
const stopped = byName('Forum Warga Sukaluyu');
const accented = byName('Komunitas Café Literasi Ñusa');
const oldVersions = fixture.organisation_versions as unknown as PreviousOrganisationVersion[];
const oldMaps = fixture.stakeholder_map_versions as unknown as PreviousMapVersion[];
const quiet = { log: jest.fn(), warn: jest.fn() };

describe('moving the previous stakeholders layout into the revision stores', () => {
  let connection: mongoose.Connection;
  let organisations: OrganisationsRepository;
  let maps: StakeholderMapsRepository;

  /** Each test has a database of its own, holding the fixture as the previous version left it. */
  beforeEach(async () => {
    connection = await mongoose.createConnection(systemEnv().MONGO_URL, { dbName: `mitra_stakeholders_migration_${randomUUID().slice(0, 8)}` }).asPromise();
    // A fresh parse each time: structuredClone would turn the ObjectIds into plain objects.
    for (const [name, documents] of Object.entries(readFixture())) await connection.collection(name).insertMany(documents as never[]);
    organisations = new OrganisationsRepository(connection.model(OrganisationRecord.name, OrganisationSchema), connection);
    maps = new StakeholderMapsRepository(connection);
  });
  afterEach(async () => {
    await connection.db!.dropDatabase();
    await connection.close();
  });

  const collectionNames = async () => (await connection.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
  const record = (id: mongoose.Types.ObjectId) => connection.collection('organisations').findOne({ _id: id });

  it('moves every version once with its keys and events, brings every record onto the log, and a second run finds nothing to do', async () => {
    const first = await migrateOrganisations(connection, organisations, quiet);
    const firstMaps = await migrateStakeholderMaps(connection, maps.store, quiet);
    expect(first).toEqual({
      revisions: { moved: 10, alreadyMoved: 0, conflicting: 0, pending: 1 },
      recordsProjected: 7,
      abandonedMarkers: 1,
      dropped: ['organisation_versions', 'organisation_outbox'],
      kept: [],
    });
    expect(firstMaps).toEqual({ revisions: { moved: 3, alreadyMoved: 0, conflicting: 0, pending: 1 }, dropped: ['stakeholder_map_versions'], kept: [] });

    const second = await migrateOrganisations(connection, organisations, quiet);
    const secondMaps = await migrateStakeholderMaps(connection, maps.store, quiet);
    expect(second).toEqual({ revisions: { moved: 0, alreadyMoved: 0, conflicting: 0, pending: 0 }, recordsProjected: 0, abandonedMarkers: 0, dropped: [], kept: [] });
    expect(secondMaps).toEqual({ revisions: { moved: 0, alreadyMoved: 0, conflicting: 0, pending: 0 }, dropped: [], kept: [] });
    expect(await collectionNames()).toEqual(['organisation_revisions', 'organisation_search', 'organisations', 'stakeholder_map_revisions']);
    expect(await connection.collection('organisations').countDocuments()).toBe(7);

    // Every version is a revision: same number, key, hash, record, who and when, and events.
    for (const version of oldVersions) {
      const [revision] = await organisations.store.history(version.organisationId, { fromRevision: version.version, toRevision: version.version });
      expect(revision).toMatchObject({ revision: version.version, idempotencyKey: version.idempotencyKey, inputHash: version.inputHash });
      expect(revision!.change).toMatchObject({ organisation: { name: version.name, sector: version.sector, region: version.region }, at: version.at, by: version.by });
    }
    expect((await organisations.versions(lpm._id.toString())).map((v) => [v.version, v.resources.map((r) => r.kind), v.contacts.length])).toEqual([
      [1, ['labour', 'geographic_reach'], 1],
      [2, ['labour', 'geographic_reach', 'network'], 1],
      [3, ['labour', 'geographic_reach', 'network'], 0],
    ]);
    // Repeated commands find what they wrote before the move.
    expect(await organisations.findByIdempotencyKey('fixture-org-lpm')).toMatchObject({ organisation: { id: lpm._id.toString(), version: 1 } });
    expect(await organisations.writtenBy(lpm._id.toString(), 'fixture-upd-lpm-2')).toMatchObject({ organisation: { version: 3, contacts: [] } });
    expect(await maps.writtenBy('a0a0a0a0a0a0a0a0a0a0', 'fixture-map-p1-2')).toMatchObject({ version: 2 });
    expect((await maps.latest('b1b1b1b1b1b1b1b1b1b1'))?.entries).toEqual(oldMaps.find((v) => v.partnershipId.startsWith('b1'))!.entries);

    // What was published stays published; what never reached NATS is pending for the sweep, with its events.
    const pending = await organisations.store.pendingEvents({ limit: 100 });
    expect(pending.map((p) => [p.aggregateId, p.revision, p.events.map((e: DomainEvent) => e.eventId)])).toEqual([
      [lpm._id.toString(), 3, [`stakeholders.organisation.updated:${lpm._id.toString()}:3`]],
    ]);
    const pendingMaps = await maps.store.pendingEvents({ limit: 100 });
    expect(pendingMaps.map((p) => [p.aggregateId, p.revision, p.events.length])).toEqual([['a0a0a0a0a0a0a0a0a0a0', 2, 2]]);
  });

  it('projects every record anew: sort and search keys, and the claims settled as before', async () => {
    await migrateOrganisations(connection, organisations, quiet);

    expect(await record(csr._id)).toMatchObject({ sortName: 'pt bumi hijau tbk', version: 1, projected: true });
    expect(await record(lpm._id)).toMatchObject({ version: 3, contacts: [], projected: true });
    // Each holds the claim of its own name and region; the acknowledged duplicate holds none, and the
    // rename that stopped after moving its claim has it back on the name it has.
    expect((await record(yayasan._id))?.identityClaim).toBe(organisationClaimKey(yayasan));
    expect((await record(duplicate._id))?.identityClaim).toBeUndefined();
    expect((await record(stopped._id))?.identityClaim).toBe(organisationClaimKey(stopped));
    expect(stopped.identityClaim).not.toBe(organisationClaimKey(stopped));

    const names = async (filter: object) => (await organisations.list(filter, 20)).items.map((o) => o.name);
    expect(await names({ name: 'cibang' })).toEqual([lpm.name]);
    expect(await names({ name: 'cafe nusa' })).toEqual([accented.name]);
    expect(await names({ name: 'sehat', region: { regency: 'kota bandung' } })).toEqual([yayasan.name, duplicate.name]); // one sort key: the older id first
    expect(await names({ resources: ['network'], vulnerableGroups: ['poor'] })).toEqual([lpm.name]);
    expect((await organisations.list({}, 20)).items).toHaveLength(7);

    // The log goes on from where the versions ended.
    const next = await organisations.appendVersion(
      lpm._id.toString(),
      4,
      { input: { ...(await organisations.latestVersion(lpm._id.toString()))!, vulnerableGroups: ['women'] }, by: 'test', at: new Date(), idempotencyKey: 'after-move', inputHash: 'h', acknowledgedDuplicateOf: [] },
      { acknowledgeDuplicate: false },
    );
    expect(next).toMatchObject({ organisation: { version: 4, vulnerableGroups: ['women'] } });
  });

  it('keeps the old collections when a version conflicts with a revision already in the store, and moves the rest', async () => {
    const version = oldVersions.find((v) => v.organisationId === lpm._id.toString() && v.version === 2)!;
    await organisations.store.importRevision({
      id: `${version.organisationId}:somewhere-else`,
      aggregateId: version.organisationId,
      revision: 2,
      idempotencyKey: 'another-command',
      inputHash: 'other',
      change: { organisation: { ...version, name: 'Another' }, acknowledgedDuplicateOf: [], at: new Date(), by: 'other' },
      events: [],
      published: true,
      recordedAt: new Date(),
    });

    const report = await migrateOrganisations(connection, organisations, quiet);
    expect(report).toMatchObject({ revisions: { moved: 9, conflicting: 1 }, dropped: [], kept: ['organisation_versions', 'organisation_outbox'] });
    expect(await connection.collection('organisation_versions').countDocuments()).toBe(oldVersions.length);
    expect(quiet.warn).toHaveBeenCalledWith(expect.stringContaining('1 organisation versions conflict'));
  });
});
