import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import type { DomainEvent } from '@mitra/contracts';
import { foldLedger, fundingBalance, fundingSummary, ledgerRecordHash } from '@mitra/domain';
import { systemEnv } from '@mitra/testing';
import { LedgerRepository } from '../ledger/ledger.repository';
import { ledgerCollection } from '../ledger/ledger.schema';
import { migrateLegacyLedgers, type LegacyLedgerDocument } from './legacy-ledgers';

/**
 * Raw documents as the funding service wrote them before the ledger store (commit 5ff9a0f): its own
 * LedgerRepository and FundingService, run against FerretDB, then dumped. Partnership a0… is a whole
 * common-fund cycle with a reversal, every event published; b1… has its last entry's events still
 * pending (flag false, marker present); c2… has only a marker, from a writer that died before its insert.
 */
const fixture = mongoose.mongo.BSON.EJSON.parse(
  fs.readFileSync(path.join(__dirname, 'fixtures/legacy-layout.ejson'), 'utf8'),
  { relaxed: true },
) as Record<string, Array<Record<string, unknown>>>;
const a = 'a0a0a0a0a0a0a0a0a0a0';
const b = 'b1b1b1b1b1b1b1b1b1b1';
const legacyLedger = (partnershipId: string) =>
  fixture[`ledger_${partnershipId}`] as unknown as LegacyLedgerDocument[];
const quiet = { log: jest.fn(), warn: jest.fn(), error: jest.fn() };

describe('moving the previous ledger layout into the ledger store', () => {
  let connection: mongoose.Connection;
  let repository: LedgerRepository;

  /** Each test has a database of its own, holding the fixture as the previous version left it. */
  beforeEach(async () => {
    connection = await mongoose
      .createConnection(systemEnv().MONGO_URL, {
        dbName: `mitra_funding_migration_${randomUUID().slice(0, 8)}`,
      })
      .asPromise();
    for (const [name, documents] of Object.entries(fixture))
      await connection.collection(name).insertMany(structuredClone(documents) as never[]);
    repository = new LedgerRepository(connection);
  });
  afterEach(async () => {
    await connection.db!.dropDatabase();
    await connection.close();
  });

  const collectionNames = async () =>
    (await connection.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();

  it('moves every entry once, keeps ids, keys, record hashes and pending events, and a second run finds nothing to do', async () => {
    const first = await migrateLegacyLedgers(connection, repository.store, quiet);
    expect(first).toEqual({
      ledgers: 2,
      moved: 13,
      alreadyMoved: 0,
      dropped: [`ledger_${a}`, `ledger_${b}`, 'ledger_outbox'],
      kept: [],
      abandonedMarkers: 1,
    });
    const second = await migrateLegacyLedgers(connection, repository.store, quiet);
    expect(second).toEqual({
      ledgers: 0,
      moved: 0,
      alreadyMoved: 0,
      dropped: [],
      kept: [],
      abandonedMarkers: 0,
    });
    expect(await collectionNames()).toEqual([ledgerCollection]);
    expect(await connection.collection(ledgerCollection).countDocuments()).toBe(13);

    for (const partnershipId of [a, b]) {
      const old = legacyLedger(partnershipId);
      const stored = await repository.stored(partnershipId);
      expect(stored.map((d) => [d._id, d.sequence, d.entry, d.command])).toEqual(
        old.map((d) => [d._id, d.sequence, d.entry, d.command]),
      );
      // Each record still hashes to what its own outbox announced, so the partnership's chain still links it.
      const announced = old.map(
        (d) => d.outbox.find((e) => e.type === 'funding.ledger.appended')!.data.recordHash,
      );
      expect(stored.map((d) => ledgerRecordHash(d))).toEqual(announced);
      // A repeated command finds the entry it wrote before the move.
      expect((await repository.byKey(partnershipId, old[0]!.command.key))?.entry.sequence).toBe(1);
      // The figures the latest entry carries are the ledger's own.
      const state = foldLedger(
        partnershipId,
        old.map((d) => d.entry),
      );
      expect((await repository.head(partnershipId)).figures).toMatchObject({
        balance: fundingBalance(state),
        summary: fundingSummary(state),
      });
    }

    // Published stays published; what never reached NATS is pending for the sweep, with its events.
    const pending = await repository.store.pendingEvents({ limit: 100 });
    expect(
      pending.map((p) => [p.aggregateId, p.revision, p.events.map((e: DomainEvent) => e.eventId)]),
    ).toEqual([[b, 3, [`funding:${b}:3:0`, `funding:${b}:3:1`]]]);
  });

  it('finishes a run that died half-way, and two replicas migrating at once move each entry once', async () => {
    // The first four entries of a0… made it before the crash.
    const old = legacyLedger(a);
    for (const d of old.slice(0, 4))
      await repository.store.importRevision({
        id: d._id,
        aggregateId: a,
        revision: d.sequence,
        idempotencyKey: d.command.key,
        inputHash: d.command.inputHash,
        change: { entry: d.entry, command: d.command },
        events: d.outbox,
        published: d.eventsPublished,
        recordedAt: new Date(d.entry.at),
      });
    const reports = await Promise.all([
      migrateLegacyLedgers(connection, new LedgerRepository(connection).store, quiet),
      migrateLegacyLedgers(connection, new LedgerRepository(connection).store, quiet),
    ]);
    expect(reports.map((r) => r.kept)).toEqual([[], []]);
    expect(reports[0]!.moved + reports[1]!.moved).toBe(13 - 4);
    expect(await connection.collection(ledgerCollection).countDocuments()).toBe(13);
    expect((await repository.entries(a)).map((s) => s.entry.sequence)).toEqual(old.map((d) => d.sequence));
    expect(await collectionNames()).toEqual([ledgerCollection]);
  });

  it('keeps an old ledger, and says so, when the store holds something else under one of its ids', async () => {
    await migrateLegacyLedgers(connection, repository.store, quiet);
    // The previous version, still running somewhere, wrote on: entry 4 of b1… in the old layout, while
    // the new one wrote a different entry 4.
    const written = legacyLedger(b)[2]!;
    const oldFour = {
      ...written,
      _id: `${b}:4`,
      sequence: 4,
      entry: { ...written.entry, sequence: 4, reference: 'TRF-B-OLD' },
      command: { ...written.command, key: 'old-4' },
    };
    const newFour = {
      ...oldFour,
      entry: { ...oldFour.entry, reference: 'TRF-B-NEW' },
      command: { ...oldFour.command, key: 'new-4' },
    };
    await connection.collection(`ledger_${b}`).insertOne(oldFour as never);
    await repository.append(b, 3, { entry: newFour.entry, command: newFour.command }, [], {
      balance: fundingBalance(foldLedger(b, [])),
      summary: fundingSummary(foldLedger(b, [])),
    });
    quiet.error.mockClear();

    const report = await migrateLegacyLedgers(connection, repository.store, quiet);
    expect(report.kept).toEqual([
      {
        collection: `ledger_${b}`,
        problems: [`${b}:4 differs from the entry the ledger store holds under that id`],
      },
    ]);
    expect(report.dropped).toEqual([]);
    expect(quiet.error).toHaveBeenCalledWith(expect.stringContaining(`kept ledger_${b}`));
    expect(await connection.collection(`ledger_${b}`).countDocuments()).toBe(1);
  });

  it('moves nothing it does not understand out of the way: a document of another shape keeps its ledger', async () => {
    await connection.collection(`ledger_${a}`).insertOne({ _id: 'stray' as never, note: 'not an entry' });
    const report = await migrateLegacyLedgers(connection, repository.store, quiet);
    expect(report.kept).toEqual([
      { collection: `ledger_${a}`, problems: [`stray is not a ledger entry of ${a}`] },
    ]);
    expect(report.dropped).toEqual([`ledger_${b}`]);
    // The markers stay while an old ledger does.
    expect(await collectionNames()).toEqual([`ledger_${a}`, ledgerCollection, 'ledger_outbox'].sort());
    expect((await repository.entries(a)).length).toBe(legacyLedger(a).length);
  });
});
