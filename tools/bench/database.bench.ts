// Driver-level latency of the queries the services make, at growing collection sizes: does the database use
// the declared indexes? (issue 12: p50 ≤ 5 ms at 100,000 documents, growth from 1,000 to 100,000 ≤ 2×).
// Not a test. Run:
//   npm run bench:database
//   npm run bench:database -- --sizes 1000,10000,100000 --iterations 200 --budget 20
//   MITRA_FERRETDB_BIN=.tools/bin/ferretdb npm run bench:database -- --compare /tmp/mitra/ferretdb-before
//   MONGO_URL=mongodb://127.0.0.1:27017/ npm run bench:database      (a real MongoDB; its mitra_bench_database is dropped)
// A (measured) is MONGO_URL when set, else an embedded FerretDB built from MITRA_FERRETDB_BIN (default
// .tools/bin/ferretdb). With --compare <binary or mongodb:// URL>, B is measured in the same run, query by query,
// in alternating rounds, and A/B ratios are printed (below 1: A is faster). Embedded FerretDBs run on free loopback
// ports with their data in a temporary directory, removed afterwards (also on Ctrl-C).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import {
  freePort,
  serverBinaries,
  startFerretDb,
  startProcess,
  tcpReachable,
  workspaceRoot,
  type ManagedProcess,
} from '@mitra/stack';
import { run, summarize, type Operation, type Summary, type Timing } from './measure';

type MongoClient = mongoose.mongo.MongoClient;
type Collection = mongoose.mongo.Collection<BenchDoc>;
type Filter = mongoose.mongo.Filter<BenchDoc>;
type Sort = Record<string, 1 | -1>;
type Document = mongoose.mongo.Document;

// ------------------------------------------------------------------ options

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,100000' },
    iterations: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '10' },
    /** Seconds per query, per target and size, for the measured iterations; a query stops when it is spent. */
    budget: { type: 'string', default: '20' },
    /** With --compare: the iterations (and the budget) are split into rounds alternating A B, B A, ... */
    rounds: { type: 'string', default: '4' },
    compare: { type: 'string' },
  },
});

function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be a positive integer, got "${text}"`);
  return value;
}

const config = {
  sizes: [
    ...new Set(args.sizes.split(',').map((size) => positiveInteger('sizes', size.trim().replace(/_/g, '')))),
  ].sort((a, b) => a - b),
  iterations: positiveInteger('iterations', args.iterations),
  warmup: args.warmup === '0' ? 0 : positiveInteger('warmup', args.warmup),
  budgetMs: Number(args.budget) * 1000,
  rounds: positiveInteger('rounds', args.rounds),
  /** At most this long for the (checked, untimed) warm-up of one query on one target. */
  warmupBudgetMs: Math.min(5_000, (Number(args.budget) * 1000) / 4),
  mongoUrl: process.env.MONGO_URL || undefined,
  ferretdbBin: path.resolve(process.env.MITRA_FERRETDB_BIN || serverBinaries.ferretdb),
  compare: args.compare,
};
if (!(config.budgetMs > 0))
  throw new Error(`--budget must be a positive number of seconds, got "${args.budget}"`);

const goals = { largestSize: 100_000, p50Ms: 5, growth: 2 };
const database = 'mitra_bench_database';

// ------------------------------------------------------------------ the documents

interface BenchDoc {
  _id: string;
  partnershipId: string;
  organisationId: string;
  sortName: string;
  amount: number;
  at: Date;
  region: { province: string; regency: string };
  tags: string[];
}

/**
 * The indexes the suite declares, as a service would at start-up (before the load). The brief names the first
 * three; `{ at: 1 }` is added so that the range query is a range on an indexed field, as issue 12 asks of the
 * database (the compound index cannot serve a range on `at` without `partnershipId`, in MongoDB either).
 */
const indexes: Array<Record<string, 1 | -1>> = [
  { partnershipId: 1, at: -1 },
  { sortName: 1, _id: 1 },
  { 'region.regency': 1 },
  { at: 1 },
];

/** Documents per partnership and per regency, the same at every size: an equality returns as many rows at 100,000 as at 1,000. */
const PER_PARTNERSHIP = 10;
const PER_REGENCY = 50;
const ORGANISATIONS = 5_000;
const PROBES = 64;
const PAGE = 20;
const BASE_MS = Date.UTC(2024, 0, 1);
const SPAN_MS = 365 * 24 * 3600 * 1000;

const provinces =
  'Aceh, Sumatera Utara, Sumatera Barat, Riau, Jambi, Sumatera Selatan, Bengkulu, Lampung, Kepulauan Bangka Belitung, Kepulauan Riau, DKI Jakarta, Jawa Barat, Jawa Tengah, DI Yogyakarta, Jawa Timur, Banten, Bali, Nusa Tenggara Barat, Nusa Tenggara Timur, Kalimantan Barat, Kalimantan Tengah, Kalimantan Selatan, Kalimantan Timur, Kalimantan Utara, Sulawesi Utara, Sulawesi Tengah, Sulawesi Selatan, Sulawesi Tenggara, Gorontalo, Sulawesi Barat, Maluku, Maluku Utara, Papua, Papua Barat, Papua Selatan, Papua Tengah, Papua Pegunungan, Papua Barat Daya'.split(
    ', ',
  );
const words =
  'sehat mandiri lestari harapan sejahtera cerdas hijau bersama maju peduli nusantara bangun cahaya karya insan tunas'.split(
    ' ',
  );
const prefixes =
  'dinas, yayasan, pt, universitas, forum warga, radio, kementerian, program, koperasi, lembaga'.split(', ');
const tagNames = ['education', 'health', 'water', 'climate', 'gender', 'nutrition', 'livelihood', 'disaster'];
/** ~500 regencies (Indonesia has 514), 13 per province. */
const regions = provinces.flatMap((province) =>
  Array.from({ length: 13 }, (_, j) => ({
    province,
    regency: `${j < 6 ? 'Kota' : 'Kabupaten'} ${province} ${j + 1}`,
  })),
);
const pad = (value: number, width: number) => String(value).padStart(width, '0');

/**
 * Deterministic (Park–Miller), so every run and every target holds the same documents. Each partnership holds
 * exactly PER_PARTNERSHIP documents (7919 is coprime to every size made of 2s and 5s), each regency about
 * PER_REGENCY; `at` gives each document its own slot of the year (104729 is coprime to 2 and 5), so a window of
 * 20 slots holds exactly 20 documents.
 */
function generate(size: number): BenchDoc[] {
  let seed = 42;
  const next = (n: number) => {
    seed = (seed * 48_271) % 2_147_483_647;
    return seed % n;
  };
  const slotMs = Math.floor(SPAN_MS / size);
  const partnerships = Math.max(1, Math.floor(size / PER_PARTNERSHIP));
  const regencies = Math.max(1, Math.floor(size / PER_REGENCY));
  return Array.from({ length: size }, (_, i) => {
    const k = next(regencies);
    const base = regions[k % regions.length];
    const region = { province: base.province, regency: `${base.regency}-${Math.floor(k / regions.length)}` };
    return {
      _id: `${((i * 2_654_435_761) % 4_294_967_296).toString(16).padStart(8, '0')}-${i.toString(36)}`,
      partnershipId: `ptn-${pad((i * 7919 + 13) % partnerships, 5)}`,
      organisationId: `org-${pad(next(ORGANISATIONS), 5)}`,
      sortName: `${prefixes[next(prefixes.length)]} ${words[next(words.length)]} ${words[next(words.length)]} ${region.regency.toLowerCase()}`,
      amount: next(1_000_000) * 1_000,
      at: new Date(BASE_MS + ((i * 104_729) % size) * slotMs),
      region: { ...region },
      tags: tagNames.filter(() => next(3) === 0).slice(0, 3),
    };
  });
}

// ------------------------------------------------------------------ the queries

interface Query {
  name: string;
  /** Runs probe k (0..PROBES-1) and returns what it found: ids in the order returned, or the count. */
  execute(collection: Collection, k: number): Promise<string[]>;
  /** What probe k must find, from the documents in memory. */
  expected(k: number): string[];
  /** Whether the order of the ids matters. */
  ordered: boolean;
  /** It returns a count, not documents. */
  count?: boolean;
  /** The server's explain of probe 0, in the command the driver sends for it. */
  explain(collection: Collection): Promise<Document>;
}

const ids = (docs: Array<{ _id: string }>) => docs.map((doc) => doc._id);
const compareKeys = (a: BenchDoc, b: BenchDoc) =>
  a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : a._id < b._id ? -1 : a._id > b._id ? 1 : 0;

/** A find with an optional sort and limit, run and explained the same way. */
function findQuery(
  name: string,
  spec: (k: number) => { filter: Filter; sort?: Sort; limit?: number },
  expected: (k: number) => string[],
  ordered: boolean,
): Query {
  const cursor = (collection: Collection, k: number) => {
    const { filter, sort, limit } = spec(k);
    let found = collection.find(filter);
    if (sort) found = found.sort(sort);
    if (limit) found = found.limit(limit);
    return found;
  };
  return {
    name,
    ordered,
    expected,
    execute: async (collection, k) => ids(await cursor(collection, k).toArray()),
    explain: (collection) => cursor(collection, 0).explain('queryPlanner'),
  };
}

function queries(docs: BenchDoc[]): Query[] {
  const size = docs.length;
  const probe = (k: number) => docs[(k * 7727 + 11) % size];
  const group = (key: (doc: BenchDoc) => string) => {
    const groups = new Map<string, BenchDoc[]>();
    for (const doc of docs) {
      const members = groups.get(key(doc));
      if (members) members.push(doc);
      else groups.set(key(doc), [doc]);
    }
    return groups;
  };
  const byPartnership = group((doc) => doc.partnershipId);
  const byRegency = group((doc) => doc.region.regency);
  const sorted = [...docs].sort(compareKeys);
  const byAt = [...docs].sort((a, b) => a.at.getTime() - b.at.getTime());
  const sortedIds = (found: BenchDoc[]) => ids(found).sort();
  // Keyset and range probes spread over the collection, each with a full page after it.
  const position = (k: number) => Math.floor((Math.max(0, size - PAGE - 1) * (k + 0.5)) / PROBES);
  const keyset = (k: number) => sorted[position(k)];
  const range = (k: number) => {
    const from = byAt[position(k)].at;
    const to = byAt[Math.min(size - 1, position(k) + PAGE)].at;
    return { from, to };
  };

  return [
    {
      name: '_id findOne',
      ordered: true,
      expected: (k) => [probe(k)._id],
      execute: async (collection, k) => {
        const doc = await collection.findOne({ _id: probe(k)._id });
        return doc ? [doc._id] : [];
      },
      // findOne is a find with limit 1.
      explain: (collection) =>
        collection
          .find({ _id: probe(0)._id })
          .limit(1)
          .explain('queryPlanner'),
    },
    findQuery(
      'equality partnershipId',
      (k) => ({ filter: { partnershipId: probe(k).partnershipId } }),
      (k) => sortedIds(byPartnership.get(probe(k).partnershipId) ?? []),
      false,
    ),
    findQuery(
      'equality region.regency',
      (k) => ({ filter: { 'region.regency': probe(k).region.regency } }),
      (k) => sortedIds(byRegency.get(probe(k).region.regency) ?? []),
      false,
    ),
    findQuery(
      'page of 20 by sortName,_id',
      () => ({ filter: {}, sort: { sortName: 1, _id: 1 }, limit: PAGE }),
      () => ids(sorted.slice(0, PAGE)),
      true,
    ),
    findQuery(
      'partnership page of 20 by at',
      (k) => ({ filter: { partnershipId: probe(k).partnershipId }, sort: { at: -1 }, limit: PAGE }),
      (k) =>
        ids(
          [...(byPartnership.get(probe(k).partnershipId) ?? [])]
            .sort((a, b) => b.at.getTime() - a.at.getTime())
            .slice(0, PAGE),
        ),
      true,
    ),
    findQuery(
      'keyset next page of 20',
      (k) => {
        const after = keyset(k);
        return {
          filter: {
            $or: [
              { sortName: { $gt: after.sortName } },
              { sortName: after.sortName, _id: { $gt: after._id } },
            ],
          },
          sort: { sortName: 1, _id: 1 },
          limit: PAGE,
        };
      },
      (k) => ids(sorted.slice(position(k) + 1, position(k) + 1 + PAGE)),
      true,
    ),
    findQuery(
      'range on at (~20 rows)',
      (k) => ({ filter: { at: { $gte: range(k).from, $lt: range(k).to } } }),
      (k) => {
        const { from, to } = range(k);
        return sortedIds(byAt.filter((doc) => doc.at >= from && doc.at < to));
      },
      false,
    ),
    {
      name: 'countDocuments partnershipId',
      ordered: true,
      count: true,
      expected: (k) => [String(byPartnership.get(probe(k).partnershipId)?.length ?? 0)],
      execute: async (collection, k) => [
        String(await collection.countDocuments({ partnershipId: probe(k).partnershipId })),
      ],
      // countDocuments is this aggregation.
      explain: (collection) =>
        collection
          .aggregate([
            { $match: { partnershipId: probe(0).partnershipId } },
            { $group: { _id: 1, n: { $sum: 1 } } },
          ])
          .explain('queryPlanner'),
    },
  ];
}

/** What the rows column shows: how many documents (or the count) probe 0 returns. */
function rowsOf(query: Query): string {
  const expected = query.expected(0);
  return query.count ? `(${expected[0]})` : String(expected.length);
}

function sameResult(query: Query, found: string[], expected: string[]): boolean {
  const got = query.ordered ? found : [...found].sort();
  return got.length === expected.length && got.every((id, index) => id === expected[index]);
}

// ------------------------------------------------------------------ explain

/** FerretDB's pushdown fields (v1.24: filterPushdown, sortPushdown, limitPushdown) and the backend's plan, or MongoDB's winning plan. */
function describeExplain(explain: Document): string {
  const pushdowns: string[] = [];
  const collectPushdowns = (value: unknown, depth: number) => {
    if (depth > 4 || value === null || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      if (/pushdown/i.test(key) && ['boolean', 'string', 'number'].includes(typeof inner))
        pushdowns.push(`${key}=${String(inner)}`);
      else collectPushdowns(inner, depth + 1);
    }
  };
  collectPushdowns(explain, 0);

  const findPlanner = (value: unknown, depth: number): unknown => {
    if (depth > 5 || value === null || typeof value !== 'object') return undefined;
    if ('queryPlanner' in value) return (value as Document).queryPlanner;
    for (const inner of Object.values(value)) {
      const found = findPlanner(inner, depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  const planner = findPlanner(explain, 0) as Document | undefined;
  const steps: string[] = [];
  const walk = (value: unknown, key: string, depth: number) => {
    if (depth > 12 || value === null || typeof value !== 'object') {
      // FerretDB's SQLite backend: "id=2 parent=0 notused=0 detail=SCAN d_1234"
      if (key === 'Plan' && typeof value === 'string') steps.push(value.replace(/^.*detail=/, ''));
      return;
    }
    if (Array.isArray(value)) {
      for (const item of value) walk(item, key, depth + 1);
      return;
    }
    const node = value as Document;
    if (typeof node.stage === 'string')
      steps.push(node.indexName ? `${node.stage} ${node.indexName}` : node.stage); // MongoDB
    if (typeof node['Node Type'] === 'string')
      steps.push(node['Index Name'] ? `${node['Node Type']} ${node['Index Name']}` : node['Node Type']); // PostgreSQL
    for (const [innerKey, inner] of Object.entries(node)) {
      if (innerKey === 'rejectedPlans') continue;
      walk(inner, innerKey, depth + 1);
    }
  };
  walk(planner?.winningPlan ?? planner, 'queryPlanner', 0);
  const plan = steps.length > 0 ? steps.join(' > ') : 'no plan reported';
  return `${pushdowns.length > 0 ? pushdowns.join(' ') : 'no pushdown fields'} | ${plan}`;
}

// ------------------------------------------------------------------ targets

interface Target {
  label: 'A' | 'B';
  /** What it is, for the output: "FerretDB v1.24.2 (/path/to/ferretdb)" or "MongoDB 7.0.12 (MONGO_URL)". */
  description: string;
  client: MongoClient;
  loads: Record<number, { ms: number }>;
}

async function startTarget(
  label: 'A' | 'B',
  source: { url: string; name: string } | { binary: string },
  tmpRoot: string,
  cleanups: Array<() => Promise<unknown>>,
): Promise<Target> {
  let url: string;
  let where: string;
  if ('url' in source) {
    url = source.url;
    where = source.name;
  } else {
    if (!fs.existsSync(source.binary))
      throw new Error(`${source.binary} is missing (build it with "npm run setup").`);
    const port = await freePort();
    const dataDir = path.join(tmpRoot, `ferretdb-${label}`);
    let server: ManagedProcess;
    if (source.binary === serverBinaries.ferretdb) {
      // The stack's own launcher, with whatever flags it passes.
      server = await startFerretDb(dataDir, port);
    } else {
      // Another build: started as startFerretDb starts the installed one.
      const dbDir = path.join(dataDir, 'sqlite');
      fs.mkdirSync(dbDir, { recursive: true });
      server = await startProcess({
        name: `ferretdb-${label}`,
        command: source.binary,
        args: ['--listen', `127.0.0.1:${port}`, '--data', dbDir],
        cwd: workspaceRoot,
        logFile: path.join(dataDir, 'ferretdb.log'),
        isReady: () => tcpReachable(port),
      });
    }
    cleanups.push(() => server.stop());
    url = `mongodb://127.0.0.1:${port}/`;
    where = source.binary;
  }
  const client = new mongoose.mongo.MongoClient(url, { serverSelectionTimeoutMS: 10_000 });
  await client.connect();
  cleanups.push(() => client.close());
  // Start from an empty database, and leave none behind (matters for a shared MongoDB).
  await client.db(database).dropDatabase();
  cleanups.push(() => client.db(database).dropDatabase());
  const info = await client.db('admin').command({ buildInfo: 1 });
  let product = `MongoDB ${String(info.version)}`;
  if ('ferretdbVersion' in info) {
    // A build from the Go module reports "unknown" here; the binary knows its module version.
    const version =
      'binary' in source
        ? execFileSync(source.binary, ['--version'], { encoding: 'utf8' }).trim().split('\n')[0]
        : String(info.ferretdbVersion);
    product = `FerretDB ${version}`;
  }
  return { label, description: `${product} (${where})`, client, loads: {} };
}

// ------------------------------------------------------------------ measuring

/**
 * `run` from measure.ts in chunks until `iterations` calls are done or `budgetMs` is spent; no chunk is planned
 * past the budget at the pace so far (`paceMs` per call before the first, if known; if not, one call always runs).
 */
async function runWithinBudget(
  operation: Operation,
  iterations: number,
  budgetMs: number,
  paceMs?: number,
): Promise<Timing[]> {
  const timings: Timing[] = [];
  const started = performance.now();
  let done = 0;
  while (done < iterations) {
    const spent = performance.now() - started;
    const pace = done > 0 ? spent / done : paceMs;
    const chunk =
      pace === undefined ? 1 : Math.min(iterations - done, 25, Math.floor((budgetMs - spent) / pace));
    if (chunk < 1) break;
    timings.push(await run(operation, { iterations: chunk, concurrency: 1 }));
    done += chunk;
  }
  return timings;
}

interface Measurement {
  summary: Summary;
  /** Stopped by the time budget before all iterations were done. */
  capped: boolean;
  /** What was wrong with the results, if anything: then the timings measure a wrong answer. */
  wrong?: string;
  explain: string;
}

interface QueryResult {
  query: string;
  rows: string;
  byTarget: Partial<Record<'A' | 'B', Measurement>>;
}

async function measureQuery(query: Query, targets: Target[], size: number): Promise<QueryResult> {
  const state = new Map<
    Target,
    { probe: number; wrong?: string; explain: string; timings: Timing[]; spentMs: number }
  >();
  for (const target of targets) {
    const collection = target.client.db(database).collection<BenchDoc>(`docs_${size}`);
    let explain: string;
    try {
      explain = describeExplain(await query.explain(collection));
    } catch (error) {
      explain = `explain failed: ${error instanceof Error ? error.message : String(error)}`;
    }
    const entry = {
      probe: 0,
      wrong: undefined as string | undefined,
      explain,
      timings: [] as Timing[],
      spentMs: 0,
    };
    state.set(target, entry);
    // Untimed and checked: probe 0, then the warm-up, each against the documents in memory.
    const checked = async () => {
      const k = entry.probe++ % PROBES;
      const found = await query.execute(collection, k);
      const expected = query.expected(k);
      if (!entry.wrong && !sameResult(query, found, expected))
        entry.wrong = `probe ${k}: ${found.length} results [${found.slice(0, 3).join(', ')}${found.length > 3 ? ', …' : ''}], expected ${expected.length} [${expected.slice(0, 3).join(', ')}${expected.length > 3 ? ', …' : ''}]`;
    };
    const checkStarted = performance.now();
    await checked();
    const checkMs = performance.now() - checkStarted;
    if (config.warmup > 1)
      await runWithinBudget(checked, config.warmup - 1, config.warmupBudgetMs - checkMs, checkMs);
  }

  const rounds = targets.length > 1 ? Math.min(config.rounds, config.iterations) : 1;
  for (let round = 0; round < rounds; round++) {
    const share = Math.floor(config.iterations / rounds) + (round < config.iterations % rounds ? 1 : 0);
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const target of order) {
      const entry = state.get(target)!;
      const collection = target.client.db(database).collection<BenchDoc>(`docs_${size}`);
      // What is left of the budget, spread over the rounds still to come.
      const budget = (config.budgetMs - entry.spentMs) / (rounds - round);
      if (budget <= 0) continue;
      const timed = entry.timings.reduce((count, timing) => count + timing.latenciesMs.length, 0);
      const started = performance.now();
      entry.timings.push(
        ...(await runWithinBudget(
          () => query.execute(collection, entry.probe++ % PROBES),
          share,
          budget,
          timed > 0 ? entry.spentMs / timed : undefined,
        )),
      );
      entry.spentMs += performance.now() - started;
    }
  }

  const result: QueryResult = { query: query.name, rows: rowsOf(query), byTarget: {} };
  for (const target of targets) {
    const entry = state.get(target)!;
    const summary = summarize(entry.timings, 1);
    result.byTarget[target.label] = {
      summary,
      capped: summary.count < config.iterations,
      wrong: entry.wrong,
      explain: entry.explain,
    };
  }
  return result;
}

async function load(target: Target, size: number, docs: BenchDoc[]): Promise<void> {
  const collection = target.client.db(database).collection<BenchDoc>(`docs_${size}`);
  await collection.drop().catch(() => undefined);
  for (const index of indexes) await collection.createIndex(index);
  const started = performance.now();
  for (let start = 0; start < docs.length; start += 1000)
    await collection.insertMany(docs.slice(start, start + 1000));
  const ms = performance.now() - started;
  const stored = await collection.countDocuments({});
  if (stored !== size) throw new Error(`${target.label}: loaded ${stored} documents, expected ${size}`);
  target.loads[size] = { ms };
  console.log(
    `  ${target.label}: loaded ${size.toLocaleString('en-US')} documents in ${(ms / 1000).toFixed(1)} s ` +
      `(${Math.round((size * 1000) / ms).toLocaleString('en-US')} docs/s, insertMany of 1,000, ${indexes.length} indexes declared before)`,
  );
}

// ------------------------------------------------------------------ output

function table(rows: string[][], leftColumns = 1): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) =>
        column < leftColumns ? cell.padEnd(widths[column]) : cell.padStart(widths[column]),
      )
      .join('  ')
      .trimEnd();
  return [
    line(rows[0]),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...rows.slice(1).map(line),
  ].join('\n');
}

const ms = (value: number) =>
  value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
const ratio = (value: number) => `${value.toFixed(2)}x`;
const sizeLabel = (size: number) => size.toLocaleString('en-US');

function sizeTable(results: QueryResult[], targets: Target[]): string {
  const labels = targets.map((target) => target.label);
  const header = [
    'query',
    'rows',
    ...labels.flatMap((label) => [`${label} n`, `${label} p50 ms`, `${label} p99 ms`, `${label} mean ms`]),
  ];
  if (labels.length === 2) header.push('A/B p50', 'A/B p99');
  const rows = [header];
  for (const result of results) {
    const wrong = labels.filter((label) => result.byTarget[label]?.wrong);
    const row = [wrong.length > 0 ? `${result.query} (${wrong.join(',')} WRONG)` : result.query, result.rows];
    for (const label of labels) {
      const m = result.byTarget[label]!;
      row.push(
        `${m.summary.count}${m.capped ? '*' : ''}`,
        ms(m.summary.p50Ms),
        ms(m.summary.p99Ms),
        ms(m.summary.meanMs),
      );
    }
    if (labels.length === 2) {
      const [a, b] = [result.byTarget.A!.summary, result.byTarget.B!.summary];
      row.push(ratio(a.p50Ms / b.p50Ms), ratio(a.p99Ms / b.p99Ms));
    }
    rows.push(row);
  }
  return table(rows);
}

function explainLines(results: QueryResult[], targets: Target[]): string {
  const width = Math.max(...results.map((result) => result.query.length));
  return targets
    .map(
      (target) =>
        `  explain ${target.label}:\n` +
        results
          .map((result) => `    ${result.query.padEnd(width)}  ${result.byTarget[target.label]!.explain}`)
          .join('\n'),
    )
    .join('\n');
}

function summaryTable(bySize: Map<number, QueryResult[]>, targets: Target[]): string {
  const smallest = config.sizes[0];
  const largest = config.sizes[config.sizes.length - 1];
  const labels = targets.map((target) => target.label);
  const header = ['query'];
  for (const label of labels)
    header.push(
      `${label} p50@${sizeLabel(smallest)}`,
      `${label} p50@${sizeLabel(largest)}`,
      `${label} growth`,
      `${label} p50≤${goals.p50Ms}ms`,
      `${label} growth≤${goals.growth}x`,
    );
  if (labels.length === 2) header.push(`A/B p50@${sizeLabel(largest)}`);
  const rows = [header];
  for (const [index, result] of bySize.get(largest)!.entries()) {
    const row = [result.query];
    for (const label of labels) {
      const low = bySize.get(smallest)![index].byTarget[label]!;
      const high = result.byTarget[label]!;
      const growth = high.summary.p50Ms / low.summary.p50Ms;
      const wrong = low.wrong || high.wrong ? ' (WRONG)' : '';
      row.push(
        ms(low.summary.p50Ms),
        ms(high.summary.p50Ms),
        ratio(growth),
        (high.summary.p50Ms <= goals.p50Ms ? 'PASS' : 'FAIL') + wrong,
        (growth <= goals.growth ? 'PASS' : 'FAIL') + wrong,
      );
    }
    if (labels.length === 2)
      row.push(ratio(result.byTarget.A!.summary.p50Ms / result.byTarget.B!.summary.p50Ms));
    rows.push(row);
  }
  return table(rows);
}

// ------------------------------------------------------------------ main

async function main(): Promise<void> {
  const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'mitra-bench-database-'));
  const cleanups: Array<() => Promise<unknown>> = [
    async () => fs.rmSync(tmpRoot, { recursive: true, force: true }),
  ];
  let cleaning: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      for (const step of cleanups.reverse()) await step().catch((error) => console.error(error));
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void cleanUp().finally(() => process.exit(130)));

  try {
    const targets: Target[] = [
      await startTarget(
        'A',
        config.mongoUrl ? { url: config.mongoUrl, name: 'MONGO_URL' } : { binary: config.ferretdbBin },
        tmpRoot,
        cleanups,
      ),
    ];
    if (config.compare) {
      const source = /^mongodb(\+srv)?:\/\//.test(config.compare)
        ? { url: config.compare, name: '--compare URL' }
        : { binary: path.resolve(config.compare) };
      targets.push(await startTarget('B', source, tmpRoot, cleanups));
    }
    const startedAt = new Date();
    console.log(
      `Database benchmark, ${startedAt.toISOString()}, node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${os
        .loadavg()
        .map((v) => v.toFixed(2))
        .join(' ')}`,
    );
    for (const target of targets) console.log(`  ${target.label}: ${target.description}`);
    console.log(
      `  sizes ${config.sizes.map(sizeLabel).join(', ')}; per query and target: ${config.warmup} checked warm-up calls (≤ ${config.warmupBudgetMs / 1000} s), ` +
        `then ${config.iterations} timed calls one at a time, stopped after ${config.budgetMs / 1000} s` +
        (targets.length > 1 ? `, in ${config.rounds} rounds alternating A B, B A` : '') +
        `; ${PROBES} probe values in turn.\n` +
        `  indexes: ${indexes.map((index) => JSON.stringify(index)).join(', ')}\n`,
    );

    const bySize = new Map<number, QueryResult[]>();
    for (const size of config.sizes) {
      console.log(`== ${sizeLabel(size)} documents`);
      const docs = generate(size);
      for (const target of targets) await load(target, size, docs);
      const results: QueryResult[] = [];
      for (const query of queries(docs)) {
        const started = performance.now();
        results.push(await measureQuery(query, targets, size));
        console.log(`  measured ${query.name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
      }
      bySize.set(size, results);
      console.log(`\n${sizeTable(results, targets)}`);
      console.log(
        `  rows: what probe 0 returns, (n) a count; n: timed calls, * stopped by the ${config.budgetMs / 1000} s budget.`,
      );
      for (const result of results)
        for (const target of targets) {
          const wrong = result.byTarget[target.label]!.wrong;
          if (wrong) console.log(`  ${target.label} WRONG RESULT for ${result.query}: ${wrong}`);
        }
      console.log(`${explainLines(results, targets)}\n`);
      for (const target of targets)
        await target.client
          .db(database)
          .collection(`docs_${size}`)
          .drop()
          .catch(() => undefined);
    }

    const largest = config.sizes[config.sizes.length - 1];
    console.log(
      `== Summary against issue 12's goals: p50 ≤ ${goals.p50Ms} ms at ${sizeLabel(goals.largestSize)} documents; ` +
        `growth p50(${sizeLabel(goals.largestSize)}) / p50(1,000) ≤ ${goals.growth}x`,
    );
    if (config.sizes.length < 2 || largest !== goals.largestSize || config.sizes[0] !== 1_000)
      console.log(
        `  (measured at ${config.sizes.map(sizeLabel).join(', ')}: the verdicts use the largest and smallest of these)`,
      );
    for (const target of targets) console.log(`  ${target.label}: ${target.description}`);
    console.log(`\n${summaryTable(bySize, targets)}`);
    console.log(
      `  load average at the end ${os
        .loadavg()
        .map((v) => v.toFixed(2))
        .join(' ')}`,
    );

    const timestamp = startedAt.toISOString();
    const resultsDir = path.join(workspaceRoot, 'tools', 'bench', 'results');
    fs.mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `database-${timestamp.replace(/[:.]/g, '-')}.json`);
    const setup = {
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      sizes: config.sizes,
      iterations: config.iterations,
      warmup: config.warmup,
      budgetMs: config.budgetMs,
      rounds: config.rounds,
      indexes,
      targets: targets.map((target) => ({
        label: target.label,
        description: target.description,
        loads: target.loads,
      })),
    };
    fs.writeFileSync(
      file,
      `${JSON.stringify({ benchmark: 'database', timestamp, setup, results: Object.fromEntries(bySize) }, null, 2)}\n`,
    );
    console.log(`Results written to ${path.relative(workspaceRoot, file)}`);
  } finally {
    await cleanUp();
  }
}

// Exit explicitly: ManagedProcess.stop() leaves its kill-timeout timer holding the event loop.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
