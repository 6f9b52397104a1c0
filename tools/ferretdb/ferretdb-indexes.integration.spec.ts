/**
 * The embedded database keeps MongoDB's semantics while its indexes serve queries
 * (tools/ferretdb/sqlite-indexes.patch). Each case runs against a FerretDB of its own, started from
 * the binary the project builds.
 *
 * The differential cases compare a collection with indexes (whose conditions and sorts go to SQLite)
 * against the same documents without indexes (filtered and sorted by FerretDB's own Go code, the
 * behaviour before the patch), over generated queries.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import mongoose from 'mongoose';
import { freePort, startFerretDb, type ManagedProcess } from '@mitra/stack';

const { MongoClient, ObjectId } = mongoose.mongo;
type Db = mongoose.mongo.Db;
/** Documents with ids of any type, as the cases need. */
type Document = { _id: string | number | mongoose.mongo.ObjectId; [field: string]: unknown };
type Filter = mongoose.mongo.Filter<Document>;
type Sort = Record<string, 1 | -1>;

interface RunningDb {
  db(name: string): Db;
  stop(): Promise<void>;
}

async function startDatabase(dataDir: string): Promise<RunningDb> {
  const port = await freePort();
  const server: ManagedProcess = await startFerretDb(dataDir, port);
  const client = await MongoClient.connect(`mongodb://127.0.0.1:${port}/`);
  return {
    db: (name) => client.db(name),
    async stop() {
      await client.close();
      await server.stop();
    },
  };
}

const ids = (docs: Document[]) => docs.map((doc) => String(doc._id));
const sortedIds = (docs: Document[]) => ids(docs).sort();

/** The plan FerretDB reports for a find: SQLite's EXPLAIN QUERY PLAN rows and the pushdowns. */
async function planOf(db: Db, collection: string, filter: Filter, sort?: Sort, limit?: number) {
  const explained = (await db.command({
    explain: { find: collection, filter, ...(sort ? { sort } : {}), ...(limit ? { limit } : {}) },
  })) as { queryPlanner: { Plan: string[] }; filterPushdown: boolean; sortPushdown: boolean };
  return { plan: explained.queryPlanner.Plan.join('\n'), sortPushdown: explained.sortPushdown };
}

/** A small deterministic generator, so a failure names a seed that reproduces it. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)];
  return { next, pick };
}

const fixedId = new ObjectId('64b7f0c2a1b2c3d4e5f60718');
/** Values of every type bracket the services store, and the shapes that make a path multikey. */
const scalars: unknown[] = [
  0,
  5,
  -3,
  5.5,
  1e15,
  2 ** 40,
  'a',
  'b',
  'Bandung',
  '',
  '5',
  'z\u00e9',
  true,
  false,
  new Date('2025-01-01T00:00:00Z'),
  new Date('1969-12-31T23:59:59Z'),
  new Date('2026-06-30T17:00:00Z'),
  fixedId,
  null,
];

function documents(count: number, seed: number): Document[] {
  const { next, pick } = generator(seed);
  const value = (allowArrays: boolean): unknown => {
    const roll = next();
    if (roll < 0.08) return undefined;
    if (allowArrays && roll < 0.18) return [pick(scalars), pick(scalars)];
    if (allowArrays && roll < 0.22) return [];
    return pick(scalars);
  };
  return Array.from({ length: count }, (_, i) => {
    const doc: Document = { _id: `d${String(i).padStart(4, '0')}` };
    const set = (key: string, v: unknown) => {
      if (v !== undefined) doc[key] = v;
    };
    set('a', value(true));
    set('s', value(false));
    const region = next() < 0.15 ? [{ g: pick(scalars) }, { g: pick(scalars) }] : { g: value(false) };
    if (next() > 0.1) doc.region = region;
    return doc;
  });
}

function filters(count: number, seed: number): Filter[] {
  const { next, pick } = generator(seed);
  const paths = ['a', 's', 'region.g', '_id'];
  const operand = () => pick(scalars);
  const condition = (): Filter => {
    const field = pick(paths);
    const roll = next();
    if (roll < 0.3) return { [field]: operand() };
    if (roll < 0.45) return { [field]: { $in: [operand(), operand(), operand()] } };
    if (roll < 0.75) {
      const op = pick(['$gt', '$gte', '$lt', '$lte']);
      const range: Record<string, unknown> = { [op]: operand() };
      if (next() < 0.5) range[pick(['$gt', '$gte', '$lt', '$lte'])] = operand();
      return { [field]: range };
    }
    if (roll < 0.82) return { [field]: { $ne: operand() } };
    if (roll < 0.9) return { $or: [condition(), condition()] };
    return { $and: [condition(), condition()] };
  };
  return Array.from({ length: count }, () =>
    next() < 0.3 ? { ...condition(), ...condition() } : condition(),
  );
}

describe('the embedded database with indexes', () => {
  let dataDir: string;
  let database: RunningDb;
  let db: Db;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitra-ferretdb-'));
    database = await startDatabase(dataDir);
    db = database.db('compat');
  });

  afterAll(async () => {
    await database?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps MongoDB matching on indexed paths: array elements, numbers of any type, null and missing, dotted paths through arrays', async () => {
    const people = db.collection<Document>('matching');
    await people.createIndex({ a: 1 });
    await people.createIndex({ 'r.g': 1 });
    await people.insertMany([
      { _id: 'int', a: 5, r: { g: 'x' } },
      { _id: 'double', a: 5.0 },
      { _id: 'long', a: mongoose.mongo.Long.fromNumber(5) },
      { _id: 'string', a: '5', r: [{ g: 'y' }, { g: 'x' }] },
      { _id: 'array', a: [1, 5] },
      { _id: 'date', a: new Date(5) },
      { _id: 'null', a: null },
      { _id: 'missing' },
    ]);

    expect(sortedIds(await people.find({ a: 5 }).toArray())).toEqual(['array', 'double', 'int', 'long']);
    expect(sortedIds(await people.find({ a: { $gt: 2 } }).toArray())).toEqual([
      'array',
      'double',
      'int',
      'long',
    ]);
    expect(sortedIds(await people.find({ a: { $in: ['5', 1] } }).toArray())).toEqual(['array', 'string']);
    expect(sortedIds(await people.find({ a: null }).toArray())).toEqual(['missing', 'null']);
    expect(sortedIds(await people.find({ a: { $lt: new Date(6) } }).toArray())).toEqual(['date']);
    expect(sortedIds(await people.find({ 'r.g': 'x' }).toArray())).toEqual(['int', 'string']);
    expect(await people.countDocuments({ a: 5 })).toBe(4);
  });

  it('finds a document whose indexed field becomes an array after the field held only scalars', async () => {
    const tags = db.collection<Document>('multikey');
    await tags.createIndex({ tag: 1 });
    await tags.insertMany([
      { _id: 1, tag: 'csr' },
      { _id: 2, tag: 'ngo' },
    ]);
    expect((await planOf(db, 'multikey', { tag: 'csr' })).plan).toMatch(/USING INDEX/);

    await tags.insertOne({ _id: 3, tag: ['csr', 'ngo'] });
    await tags.updateOne({ _id: 2 }, { $set: { tag: ['gov', 'csr'] } });

    expect(sortedIds(await tags.find({ tag: 'csr' }).toArray())).toEqual(['1', '2', '3']);
    expect(sortedIds(await tags.find({ tag: 'ngo' }).toArray())).toEqual(['3']);
    // Arrays sort by their elements: the sort is left to FerretDB's own code from now on.
    expect((await planOf(db, 'multikey', {}, { tag: 1 })).sortPushdown).toBe(false);
  });

  it('refuses duplicates in unique indexes as MongoDB does: 5 and 5.0 collide, "5" and 5 do not, equal arrays do', async () => {
    const unique = db.collection<Document>('unique');
    await unique.createIndex({ k: 1 }, { unique: true });
    await unique.insertOne({ _id: 1, k: 5 });
    await expect(unique.insertOne({ _id: 2, k: 5.0 })).rejects.toMatchObject({ code: 11000 });
    await unique.insertOne({ _id: 3, k: '5' });
    await unique.insertOne({ _id: 4, k: ['a', 'b'] });
    await unique.insertOne({ _id: 5, k: ['a', 'c'] });
    await expect(unique.insertOne({ _id: 6, k: ['a', 'b'] })).rejects.toMatchObject({ code: 11000 });
    expect(await unique.countDocuments({})).toBe(4);
  });

  it('answers generated filters on indexed paths exactly as without indexes', async () => {
    const docs = documents(400, 12);
    const indexed = db.collection<Document>('generated_indexed');
    const plain = db.collection<Document>('generated_plain');
    await indexed.createIndex({ a: 1 });
    await indexed.createIndex({ s: 1, _id: 1 });
    await indexed.createIndex({ 'region.g': 1 });
    await indexed.insertMany(docs);
    await plain.insertMany(docs);

    for (const [i, filter] of filters(250, 34).entries()) {
      const [withIndexes, without] = await Promise.all([
        indexed.find(filter).toArray(),
        plain.find(filter).toArray(),
      ]);
      expect({ i, filter, ids: sortedIds(withIndexes) }).toEqual({ i, filter, ids: sortedIds(without) });
    }
  });

  it('sorts pages through the index in the order FerretDB sorts them, across every type bracket', async () => {
    const docs = documents(300, 56);
    const indexed = db.collection<Document>('sorted_indexed');
    const plain = db.collection<Document>('sorted_plain');
    await indexed.createIndex({ s: 1, _id: 1 });
    await indexed.insertMany(docs);
    await plain.insertMany(docs);

    for (const sort of [
      { s: 1, _id: 1 },
      { s: -1, _id: -1 },
    ] as Sort[]) {
      expect((await planOf(db, 'sorted_indexed', {}, sort, 20)).sortPushdown).toBe(true);
      for (const limit of [1, 20, 300]) {
        const [withIndexes, without] = await Promise.all([
          indexed.find({}).sort(sort).limit(limit).toArray(),
          plain.find({}).sort(sort).limit(limit).toArray(),
        ]);
        expect(ids(withIndexes)).toEqual(ids(without));
      }
    }
    for (const [op, direction] of [
      ['$gt', 1],
      ['$lt', -1],
    ] as const) {
      const sort: Sort = { s: direction, _id: direction };
      for (const after of (await plain.find({}).sort(sort).toArray()).filter((_, i) => i % 9 === 0)) {
        const keyset: Filter = { $or: [{ s: { [op]: after.s } }, { s: after.s, _id: { [op]: after._id } }] };
        expect(ids(await indexed.find(keyset).sort(sort).limit(7).toArray())).toEqual(
          ids(await plain.find(keyset).sort(sort).limit(7).toArray()),
        );
      }
    }
    const filtered: Filter = { s: { $gte: 'a' } };
    expect(ids(await indexed.find(filtered).sort({ s: 1, _id: 1 }).skip(2).limit(5).toArray())).toEqual(
      ids(await plain.find(filtered).sort({ s: 1, _id: 1 }).skip(2).limit(5).toArray()),
    );
  });

  it('serves the query shapes of the services from indexes, never by scanning', async () => {
    const ledger = db.collection<Document>('plans');
    await ledger.createIndex({ partnershipId: 1, revision: -1 }, { unique: true });
    await ledger.createIndex({ published: 1, at: 1 });
    await ledger.createIndex({ at: 1, _id: 1 });
    await ledger.insertMany(
      Array.from({ length: 500 }, (_, i) => ({
        _id: `rev-${i}`,
        partnershipId: `p${i % 50}`,
        revision: Math.floor(i / 50) + 1,
        published: i % 7 === 0,
        at: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
      })),
    );
    const shapes: { filter: Filter; sort?: Sort; limit?: number }[] = [
      { filter: { _id: 'rev-42' } },
      { filter: { partnershipId: 'p7' } },
      { filter: { partnershipId: 'p7' }, sort: { partnershipId: 1, revision: -1 }, limit: 1 },
      { filter: { partnershipId: { $in: ['p1', 'p2'] }, revision: { $gte: 3 } } },
      {
        filter: {
          $or: [
            { at: { $gt: new Date('2026-01-01T01:00:00Z') } },
            { at: new Date('2026-01-01T01:00:00Z'), _id: { $gt: 'rev-60' } },
          ],
        },
        sort: { at: 1, _id: 1 },
        limit: 20,
      },
      {
        filter: { published: false, at: { $lt: new Date('2026-01-01T05:00:00Z') } },
        sort: { published: 1, at: 1 },
        limit: 100,
      },
    ];
    for (const { filter, sort, limit } of shapes) {
      const { plan, sortPushdown } = await planOf(db, 'plans', filter, sort, limit);
      expect({ filter, plan }).toEqual({
        filter,
        plan: expect.stringMatching(/SEARCH .* USING (UNIQUE )?INDEX/),
      });
      expect({ filter, plan }).toEqual({ filter, plan: expect.not.stringMatching(/\bSCAN\b|TEMP B-TREE/) });
      if (sort) expect(sortPushdown).toBe(true);
    }
  });
});

describe('a database written before the patch', () => {
  const fixture = path.join(__dirname, 'fixtures', 'legacy-v1.24.2.sqlite');
  let dataDir: string;

  beforeAll(() => {
    // Written by the unpatched FerretDB v1.24.2: 300 organisations in `legacy.organisations`, a
    // unique index on {nameKey, region.province} and an index on `tags` (an array in every 10th).
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitra-ferretdb-legacy-'));
    fs.mkdirSync(path.join(dataDir, 'sqlite'));
    fs.copyFileSync(fixture, path.join(dataDir, 'sqlite', 'legacy.sqlite'));
  });

  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('has its indexes rebuilt on keys at start, keeps every document, and starts again unchanged', async () => {
    for (let start = 0; start < 2; start++) {
      const database = await startDatabase(dataDir);
      try {
        const db = database.db('legacy');
        const organisations = db.collection<Document>('organisations');
        expect(await organisations.countDocuments({})).toBe(300);
        expect(ids(await organisations.find({ nameKey: 'org 7' }).sort({ _id: 1 }).toArray())).toEqual([
          'org-007',
          'org-157',
        ]);
        expect(await organisations.countDocuments({ tags: 'ngo' })).toBe(30);
        const { plan } = await planOf(db, 'organisations', { nameKey: 'org 7', 'region.province': 'jabar' });
        expect(plan).toMatch(/USING INDEX/);
        await expect(
          organisations.insertOne({ _id: `again-${start}`, nameKey: 'org 7', region: { province: 'jabar' } }),
        ).rejects.toMatchObject({ code: 11000 });
      } finally {
        await database.stop();
      }
    }
  });
});
