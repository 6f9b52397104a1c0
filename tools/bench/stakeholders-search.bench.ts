// Organisation list/search latency with 100,000 organisations (issue 12's service-level goal: p50 ≤ 30 ms,
// p99 ≤ 100 ms): the stakeholders service over NATS (A) next to the same index reads sent with the MongoDB
// driver (B), on the same FerretDB, in the same run. Not a test. Run:
//   node -r @swc-node/register tools/bench/stakeholders-search.bench.ts
//   BENCH_ORGANISATIONS=100000 BENCH_SERVICE_SEED=200 BENCH_ITERATIONS=300 BENCH_WARMUP=30 BENCH_ROUNDS=5 BENCH_CONCURRENCY=1
// Starts its own NATS, FerretDB and stakeholders service under .data/bench-stakeholders-<pid>, removed afterwards;
// with MONGO_URL set it uses that MongoDB instead of FerretDB (and drops its mitra_stakeholders database).
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ClientProxy } from '@nestjs/microservices';
import mongoose from 'mongoose';
import { firstValueFrom, timeout } from 'rxjs';
import { z } from 'zod';
import {
  resourceKinds,
  sectors,
  vulnerableGroups,
  type Actor,
  type OrganisationInput,
  type ListOrganisationsQuery,
  type OrganisationFilter,
  type OrganisationPage,
  StakeholdersContracts,
} from '@mitra/contracts';
import { organisationIdentity, organisationSearchKeys, organisationSearchPlan, organisationSortKey } from '@mitra/domain';
import { dataRoot, freePorts, natsSeedFile, startApp, startFerretDb, startNats, workspaceRoot, type ManagedProcess } from '@mitra/stack';
import { signingNatsClientProxy } from '@mitra/platform';
import { ensureTestKeys, testCallerConfig } from '@mitra/testing';
import { compare, ratios, run, summarize, type Ratios, type Summary } from './measure';

const count = z.coerce.number().int().min(1);
const config = z
  .object({
    BENCH_ORGANISATIONS: count.default(100_000),
    BENCH_SERVICE_SEED: count.default(200),
    BENCH_SEED_CONCURRENCY: count.default(4),
    /** Documents per insertMany when loading the rest. */
    BENCH_LOAD_BATCH: count.default(2_000),
    BENCH_WARMUP: z.coerce.number().int().min(0).default(30),
    BENCH_ITERATIONS: count.default(300),
    BENCH_CONCURRENCY: count.default(1),
    BENCH_ROUNDS: count.default(5),
    BENCH_TIMEOUT_MS: count.default(30_000),
    BENCH_GOAL_P50_MS: z.coerce.number().positive().default(30),
    BENCH_GOAL_P99_MS: z.coerce.number().positive().default(100),
    /** A real MongoDB (its mitra_stakeholders database is dropped) instead of an embedded FerretDB. */
    MONGO_URL: z.string().optional(),
  })
  .parse(process.env);

const actor: Actor = { userId: 'bench-coordinator', role: 'coordinator' };

// ------------------------------------------------------------------ the organisations

const provinces: Array<[string, string[]]> = [
  ['Jawa Barat', ['Kota Bandung', 'Kabupaten Bandung', 'Kota Cimahi', 'Kabupaten Garut', 'Kota Bogor']],
  ['Jawa Tengah', ['Kota Semarang', 'Kota Surakarta', 'Kabupaten Banyumas']],
  ['Jawa Timur', ['Kota Surabaya', 'Kota Malang', 'Kabupaten Jember']],
  ['Nusa Tenggara Timur', ['Kabupaten Timor Tengah Selatan', 'Kota Kupang']],
  ['Kalimantan Selatan', ['Kabupaten Tanah Bumbu', 'Kota Banjarmasin']],
  ['Kalimantan Barat', ['Kabupaten Kapuas Hulu', 'Kota Pontianak']],
  ['Maluku', ['Kota Ambon', 'Kabupaten Maluku Tengah']],
  ['DKI Jakarta', ['Kota Jakarta Selatan', 'Kota Jakarta Timur']],
];
const prefixes: Record<string, string> = {
  government_national: 'Kementerian',
  government_province: 'Dinas Provinsi',
  government_regency: 'Dinas',
  cso: 'Yayasan',
  media: 'Radio',
  academia: 'Universitas',
  business: 'PT',
  philanthropy: 'Filantropi',
  community: 'Forum Warga',
  international_donor: 'Program',
};
const words = ['Sehat', 'Mandiri', 'Lestari', 'Harapan', 'Sejahtera', 'Cerdas', 'Hijau', 'Bersama', 'Maju', 'Peduli', 'Nusantara', 'Bangun', 'Cahaya', 'Karya', 'Insan', 'Tunas'];


/** Deterministic (Park–Miller; the product stays below 2^53), so every run searches the same registry. */
function* organisations(total: number): Generator<OrganisationInput> {
  let seed = 42;
  const next = (n: number) => {
    seed = (seed * 48_271) % 2_147_483_647;
    return seed % n;
  };
  for (let i = 0; i < total; i++) {
    const sector = sectors[next(sectors.length)];
    const [province, regencies] = provinces[next(provinces.length)];
    const regency = regencies[next(regencies.length)];
    const name = `${prefixes[sector]} ${words[next(words.length)]} ${words[next(words.length)]} ${regency.replace(/^(Kota|Kabupaten) /, '')} ${i}`;
    yield {
      name,
      sector,
      region: { province, regency },
      contacts: [{ name: `Kontak ${i}`, email: `kontak${i}@example.org` }],
      resources: resourceKinds.filter(() => next(3) === 0).map((kind) => ({ kind })),
      vulnerableGroups: vulnerableGroups.filter(() => next(4) === 0),
    };
  }
}

// The documents the service writes for a new organisation, as a load would write them. Checked below against
// what the service wrote for one it registered: every field of the organisation and every search key equal.

function organisationDocument(organisation: OrganisationInput, id: mongoose.Types.ObjectId, index: number, at: Date) {
  const identity = organisationIdentity(organisation);
  return {
    _id: id,
    ...organisation,
    sortName: organisationSortKey(organisation.name),
    nameKey: identity.nameKey,
    regionKeys: identity.regionKeys,
    acknowledgedDuplicateOf: [],
    identityClaim: JSON.stringify([identity.nameKey, identity.regionKeys.province, identity.regionKeys.regency]),
    version: 1,
    projected: true,
    updatedAt: at,
    updatedBy: actor.userId,
    createdAt: at,
    createdBy: actor.userId,
    idempotencyKey: `bench-load-${index}`,
    inputHash: 'bench-load',
  };
}

function searchDocuments(organisation: OrganisationInput, id: string, version: number) {
  const keys = organisationSearchKeys(organisation);
  return keys.tokens.map((t) => ({ _id: `${id}:${version}:${t}`, t, n: keys.sortKey, o: id, v: version, f: keys.facets }));
}

// ------------------------------------------------------------------ the query shapes

interface Shape {
  name: string;
  filter: OrganisationFilter;
  limit: number;
  /** Start after this many pages (the cursor comes from the service, so both variants start at the same row). */
  skipPages?: number;
}

const shapesFor = (registry: OrganisationInput[]): Shape[] => [
  { name: 'all, first page of 20', filter: {}, limit: 20 },
  { name: 'all, page 6 of 20 (cursor)', filter: {}, limit: 20, skipPages: 5 },
  { name: 'name "sehat", 20', filter: { name: 'sehat' }, limit: 20 },
  { name: 'name "sehat", page 6 (cursor)', filter: { name: 'sehat' }, limit: 20, skipPages: 5 },
  { name: 'name prefix "cahay", 20', filter: { name: 'cahay' }, limit: 20 },
  { name: 'name "mandiri harapan", 20', filter: { name: 'mandiri harapan' }, limit: 20 },
  { name: 'name "karya" + province, 20', filter: { name: 'karya', region: { province: 'Jawa Timur' } }, limit: 20 },
  { name: 'full name of one organisation', filter: { name: registry[Math.floor(registry.length * 0.77)]!.name }, limit: 20 },
  { name: 'sector business + province, 20', filter: { sectors: ['business'], region: { province: 'Jawa Barat' } }, limit: 20 },
  { name: 'sectors cso or community, 20', filter: { sectors: ['cso', 'community'] }, limit: 20 },
  { name: 'resources funds+expertise + women, 100', filter: { resources: ['funds', 'expertise'], vulnerableGroups: ['women'] }, limit: 100 },
];

interface ShapeResult {
  shape: string;
  shown: number;
  service: Summary;
  raw: Summary;
  ratio: Ratios;
  meetsGoal: boolean;
}

function decodeCursor(cursor: string): { sortKey: string; id: string } {
  const [sortKey, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
  return { sortKey, id };
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
const publicProjection = { inputHash: 0, idempotencyKey: 0, identityClaim: 0 };

/** B: the reads the repository sends for a page, with the driver (see OrganisationSearchIndex). */
async function driverPage(db: mongoose.mongo.Db, filter: OrganisationFilter, limit: number, after?: { sortKey: string; id: string }) {
  const plan = organisationSearchPlan(filter);
  if (plan.kind === 'nothing') return [];
  if (plan.kind === 'all') {
    const page = after
      ? { $or: [{ sortName: { $gt: after.sortKey } }, { sortName: after.sortKey, _id: { $gt: new mongoose.Types.ObjectId(after.id) } }] }
      : {};
    return db.collection('organisations').find(page, { projection: publicProjection }).sort({ sortName: 1, _id: 1 }).limit(limit + 1).toArray();
  }
  const checks = [
    ...plan.nameWords.map((word) => ({ n: { $regex: `(?:^| )${escapeRegex(word)}` } })),
    ...plan.allFacets.map((facet) => ({ f: { $regex: `\\|${escapeRegex(facet)}\\|` } })),
    ...(plan.anyFacets.length > 0 ? [{ f: { $regex: `\\|(?:${plan.anyFacets.map(escapeRegex).join('|')})\\|` } }] : []),
  ];
  const ranges = await Promise.all(
    plan.drivers.map((t) =>
      db
        .collection('organisation_search')
        .find(
          {
            t,
            ...(after ? { $or: [{ n: { $gt: after.sortKey } }, { n: after.sortKey, o: { $gt: after.id } }] } : {}),
            ...(checks.length > 0 ? { $and: checks } : {}),
          },
          { projection: { _id: 0, n: 1, o: 1, v: 1 } },
        )
        .sort({ t: 1, n: 1, o: 1 })
        .limit(limit + 1)
        .toArray(),
    ),
  );
  const hits = ranges.flat().sort((a, b) => (a.n < b.n ? -1 : a.n > b.n ? 1 : a.o < b.o ? -1 : a.o > b.o ? 1 : 0)).slice(0, limit + 1);
  const ids = hits.slice(0, limit).map((hit) => new mongoose.Types.ObjectId(hit.o as string));
  const records = await db.collection('organisations').find({ _id: { $in: ids } }, { projection: publicProjection }).toArray();
  const byId = new Map(records.map((record) => [record._id.toString(), record]));
  return [...hits.slice(0, limit).flatMap((hit) => byId.get(hit.o as string) ?? []), ...hits.slice(limit)];
}

async function main(): Promise<void> {
  const dataDir = path.join(dataRoot, `bench-stakeholders-${process.pid}`);
  const cleanups: Array<() => Promise<unknown>> = [async () => fs.rmSync(dataDir, { recursive: true, force: true })];
  let cleaning: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      for (const step of cleanups.reverse()) await step().catch((error) => console.error(error));
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanUp().finally(() => process.exit(130)));

  try {
    const [natsPort, mongoPort] = await freePorts(2);
    const nats = startNats(path.join(dataDir, 'nats'), natsPort);
    const servers: ManagedProcess[] = await Promise.all([
      nats.then((server) => server.process),
      ...(config.MONGO_URL ? [] : [startFerretDb(path.join(dataDir, 'ferretdb'), mongoPort)]),
    ]);
    cleanups.push(...servers.map((server) => () => server.stop()));
    const { credentialsDir: natsCredentialsDir } = await nats;
    const mongoUrl = config.MONGO_URL ?? `mongodb://127.0.0.1:${mongoPort}/`;
    const env = { NATS_URL: `nats://127.0.0.1:${natsPort}`, MONGO_URL: mongoUrl };
    if (config.MONGO_URL) {
      // A real MongoDB is shared: start from an empty stakeholders database, and leave none behind.
      const admin = new mongoose.mongo.MongoClient(mongoUrl);
      await admin.db('mitra_stakeholders').dropDatabase();
      cleanups.push(async () => {
        await admin.db('mitra_stakeholders').dropDatabase();
        await admin.close();
      });
    }
    const keysDir = ensureTestKeys(dataDir);
    const stakeholders = await startApp('stakeholders', { env, logDir: path.join(dataDir, 'logs'), keysDir, natsCredentialsDir });
    cleanups.push(() => stakeholders.stop());

    const client: ClientProxy = signingNatsClientProxy(testCallerConfig({ NATS_URL: env.NATS_URL, NATS_NKEY_SEED_FILE: natsSeedFile(natsCredentialsDir, 'api') }, keysDir));
    await client.connect();
    cleanups.push(() => client.close());
    const send = <T>(subject: string, payload: unknown) =>
      firstValueFrom(client.send<T>(subject, payload).pipe(timeout(config.BENCH_TIMEOUT_MS)));

    const driver = new mongoose.mongo.MongoClient(env.MONGO_URL);
    await driver.connect();
    cleanups.push(() => driver.close());
    const db = driver.db('mitra_stakeholders');
    const organisationsCollection = db.collection('organisations');
    const searchCollection = db.collection('organisation_search');

    // Some organisations through the service, timed; the rest straight into the collections, in the shape the
    // service writes (checked against one it wrote), as a load would.
    const all = [...organisations(config.BENCH_ORGANISATIONS)];
    const throughService = all.slice(0, Math.min(config.BENCH_SERVICE_SEED, all.length));
    let seeded = 0;
    const creates = await run(
      () => send(StakeholdersContracts.CreateOrganisation.subject, { idempotencyKey: `bench-org-${seeded}`, actor, organisation: throughService[seeded++], acknowledgeDuplicate: true }),
      { iterations: throughService.length, concurrency: config.BENCH_SEED_CONCURRENCY },
    );
    const createSummary = summarize([creates], config.BENCH_SEED_CONCURRENCY);

    const template = await organisationsCollection.findOne({ idempotencyKey: 'bench-org-0' });
    if (!template) throw new Error('the service did not store bench-org-0');
    const templateId = template._id as mongoose.Types.ObjectId;
    const expected = organisationDocument(throughService[0]!, templateId, 0, template.createdAt as Date);
    const differing = [...new Set([...Object.keys(template), ...Object.keys(expected)])].filter(
      (field) =>
        !['__v', 'idempotencyKey', 'inputHash', 'updatedBy', 'createdBy'].includes(field) &&
        JSON.stringify((template as Record<string, unknown>)[field]) !== JSON.stringify((expected as Record<string, unknown>)[field]),
    );
    if (differing.length > 0) throw new Error(`the loaded records would differ from the service's in: ${differing.join(', ')}`);
    const serviceKeys = await searchCollection.find({ o: templateId.toHexString() }).sort({ _id: 1 }).toArray();
    const loadedKeys = searchDocuments(throughService[0]!, templateId.toHexString(), 1).sort((a, b) => (a._id < b._id ? -1 : 1));
    if (JSON.stringify(serviceKeys) !== JSON.stringify(loadedKeys)) throw new Error('the loaded search keys would differ from the service\'s');

    const loadStarted = Date.now();
    const now = new Date();
    let keyCount = serviceKeys.length * throughService.length;
    const rest = all.slice(throughService.length);
    for (let start = 0; start < rest.length; start += config.BENCH_LOAD_BATCH) {
      const batch = rest.slice(start, start + config.BENCH_LOAD_BATCH).map((organisation, offset) => ({ organisation, id: new mongoose.Types.ObjectId(), index: start + offset }));
      const keys = batch.flatMap(({ organisation, id }) => searchDocuments(organisation, id.toHexString(), 1));
      keyCount += keys.length;
      await organisationsCollection.insertMany(batch.map(({ organisation, id, index }) => organisationDocument(organisation, id, index, now)));
      for (let from = 0; from < keys.length; from += config.BENCH_LOAD_BATCH) await searchCollection.insertMany(keys.slice(from, from + config.BENCH_LOAD_BATCH) as never[]);
      if ((start / config.BENCH_LOAD_BATCH) % 10 === 9) process.stdout.write(`  loaded ${start + batch.length + throughService.length} organisations, ${keyCount} search keys\n`);
    }
    const loadSeconds = (Date.now() - loadStarted) / 1000;
    console.log(
      `Registry: ${config.BENCH_ORGANISATIONS} organisations with ${keyCount} search keys (${(keyCount / config.BENCH_ORGANISATIONS).toFixed(1)} each); ` +
        `${throughService.length} registered through the service (create p50 ${createSummary.p50Ms.toFixed(1)} ms, p99 ${createSummary.p99Ms.toFixed(1)} ms, ` +
        `${config.BENCH_SEED_CONCURRENCY} in flight), the rest loaded directly in ${loadSeconds.toFixed(0)} s.\n`,
    );

    const loadBefore = os.loadavg();
    const results: ShapeResult[] = [];
    for (const shape of shapesFor(all)) {
      let cursor: string | undefined;
      let shownBefore = 0;
      for (let page = 0; page < (shape.skipPages ?? 0); page++) {
        const reply: OrganisationPage = await send(StakeholdersContracts.ListOrganisations.subject, { actor, filter: shape.filter, limit: shape.limit, cursor });
        cursor = reply.nextCursor ?? undefined;
        shownBefore = reply.total.count;
      }
      const query: ListOrganisationsQuery = { actor, filter: shape.filter, limit: shape.limit, ...(cursor ? { cursor } : {}) };
      const after = cursor ? decodeCursor(cursor) : undefined;
      const service = () => send<OrganisationPage>(StakeholdersContracts.ListOrganisations.subject, query);
      const raw = () => driverPage(db, shape.filter, shape.limit, after);

      // Both must see the same rows before anything is timed.
      const [fromService, fromDriver] = await Promise.all([service(), raw()]);
      const serviceIds = fromService.items.map((item) => item.id);
      const driverIds = fromDriver.slice(0, shape.limit).map((doc) => (doc._id ?? doc.o).toString());
      if (JSON.stringify(serviceIds) !== JSON.stringify(driverIds) || (fromService.nextCursor !== null) !== fromDriver.length > shape.limit) {
        throw new Error(`${shape.name}: the service and the driver disagree (${serviceIds.length} vs ${driverIds.length} shown)`);
      }
      if (serviceIds.length === 0) throw new Error(`${shape.name}: nothing matches; the shape measures nothing`);

      const { a, b } = await compare(service, raw, {
        iterations: config.BENCH_ITERATIONS,
        concurrency: config.BENCH_CONCURRENCY,
        warmup: config.BENCH_WARMUP,
        rounds: Math.min(config.BENCH_ROUNDS, config.BENCH_ITERATIONS),
      });
      const meetsGoal = a.p50Ms <= config.BENCH_GOAL_P50_MS && a.p99Ms <= config.BENCH_GOAL_P99_MS;
      results.push({ shape: shape.name, shown: shownBefore + serviceIds.length, service: a, raw: b, ratio: ratios(a, b), meetsGoal });
      console.log(`measured: ${shape.name} (load ${os.loadavg()[0]!.toFixed(1)})`);
    }
    const loadAfter = os.loadavg();

    console.log(`\n${formatTable(results)}`);
    console.log(
      '\nA = stakeholders.organisation.list over NATS (Nest client → service → zod → mongoose → FerretDB), B = the same index reads with the MongoDB driver. ' +
        `Goal (A): p50 ≤ ${config.BENCH_GOAL_P50_MS} ms and p99 ≤ ${config.BENCH_GOAL_P99_MS} ms. ` +
        `Load average (1 min) ${loadBefore[0]!.toFixed(1)} before measuring, ${loadAfter[0]!.toFixed(1)} after, on ${os.cpus().length} cores.`,
    );
    console.log(`${results.filter((result) => result.meetsGoal).length} of ${results.length} shapes meet the goal.`);

    const timestamp = new Date().toISOString();
    const setup = {
      organisations: config.BENCH_ORGANISATIONS,
      searchKeys: keyCount,
      registeredThroughService: throughService.length,
      create: createSummary,
      loadSeconds,
      loadAverage: { before: loadBefore, after: loadAfter },
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      warmup: config.BENCH_WARMUP,
      iterations: config.BENCH_ITERATIONS,
      concurrency: config.BENCH_CONCURRENCY,
      rounds: config.BENCH_ROUNDS,
      goal: { p50Ms: config.BENCH_GOAL_P50_MS, p99Ms: config.BENCH_GOAL_P99_MS },
      database: config.MONGO_URL ? 'MongoDB (MONGO_URL)' : 'FerretDB v1.24 (SQLite, patched), embedded',
    };
    const resultsDir = path.join(workspaceRoot, 'tools', 'bench', 'results');
    fs.mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `stakeholders-search-${timestamp.replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(file, `${JSON.stringify({ benchmark: 'stakeholders-search', timestamp, setup, results }, null, 2)}\n`);
    console.log(`Results written to ${path.relative(workspaceRoot, file)}`);
  } finally {
    await cleanUp();
  }
}

function formatTable(results: ShapeResult[]): string {
  const ms = (value: number) => value.toFixed(1);
  const rows: string[][] = [['query', 'shown', 'A p50', 'A p99', 'B p50', 'B p99', 'A/B p50', 'A req/s', 'goal']];
  for (const r of results) {
    rows.push([
      r.shape,
      String(r.shown),
      ms(r.service.p50Ms),
      ms(r.service.p99Ms),
      ms(r.raw.p50Ms),
      ms(r.raw.p99Ms),
      `${r.ratio.p50.toFixed(2)}x`,
      r.service.requestsPerSecond.toFixed(0),
      r.meetsGoal ? 'PASS' : 'FAIL',
    ]);
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  return [line(rows[0]), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

// Exit explicitly: ManagedProcess.stop() leaves its kill-timeout timer holding the event loop.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
