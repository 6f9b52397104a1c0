// Organisation list/search latency with 10,000 organisations: the stakeholders service over NATS (A)
// next to a raw MongoDB driver query of the same shape (B), on the same FerretDB, in the same run.
// Not a test. Run: node -r @swc-node/register tools/bench/stakeholders-search.bench.ts
//   BENCH_ORGANISATIONS=10000 BENCH_SERVICE_SEED=200 BENCH_ITERATIONS=300 BENCH_WARMUP=30 BENCH_ROUNDS=5 BENCH_CONCURRENCY=1
// Starts its own NATS, FerretDB and stakeholders service under .data/bench-stakeholders-<pid>, removed afterwards;
// with MONGO_URL set it uses that MongoDB instead of FerretDB (and drops its mitra_stakeholders database).
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import mongoose from 'mongoose';
import { firstValueFrom, timeout } from 'rxjs';
import { z } from 'zod';
import {
  resourceKinds,
  sectors,
  StakeholdersSubject,
  vulnerableGroups,
  type Actor,
  type CreateOrganisationCommand,
  type ListOrganisationsQuery,
  type OrganisationFilter,
  type OrganisationPage,
} from '@mitra/contracts';
import { organisationIdentity, regionNameKey } from '@mitra/domain';
import { dataRoot, freePorts, startApp, startFerretDb, startNats, workspaceRoot, type ManagedProcess } from '@mitra/stack';
import { compare, ratios, run, summarize, type Ratios, type Summary } from './measure';

const count = z.coerce.number().int().min(1);
const config = z
  .object({
    BENCH_ORGANISATIONS: count.default(10_000),
    BENCH_SERVICE_SEED: count.default(200),
    BENCH_SEED_CONCURRENCY: count.default(4),
    BENCH_WARMUP: z.coerce.number().int().min(0).default(30),
    BENCH_ITERATIONS: count.default(300),
    BENCH_CONCURRENCY: count.default(1),
    BENCH_ROUNDS: count.default(5),
    BENCH_TIMEOUT_MS: count.default(30_000),
    /** A real MongoDB (its mitra_stakeholders database is dropped) instead of an embedded FerretDB. */
    MONGO_URL: z.string().optional(),
  })
  .parse(process.env);

const actor: Actor = { userId: 'bench-coordinator', role: 'coordinator' };

// ------------------------------------------------------------------ the 10,000 organisations

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
function* organisations(total: number): Generator<CreateOrganisationCommand['organisation']> {
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

// ------------------------------------------------------------------ the query shapes

interface Shape {
  name: string;
  filter: OrganisationFilter;
  limit: number;
  /** Start after this many pages (the cursor comes from the service, so both variants start at the same row). */
  skipPages?: number;
  /** The same filter as the repository builds it, for the raw driver. */
  raw: Record<string, unknown>;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

const shapes: Shape[] = [
  { name: 'all, first page of 20', filter: {}, limit: 20, raw: {} },
  { name: 'all, page 6 of 20 (cursor)', filter: {}, limit: 20, skipPages: 5, raw: {} },
  { name: 'name contains "sehat", 20', filter: { name: 'sehat' }, limit: 20, raw: { name: { $regex: escapeRegex('sehat'), $options: 'i' } } },
  {
    name: 'sector business + province, 20',
    filter: { sectors: ['business'], region: { province: 'Jawa Barat' } },
    limit: 20,
    raw: { sector: { $in: ['business'] }, 'regionKeys.province': regionNameKey('Jawa Barat', 'province') },
  },
  {
    name: 'resources funds+expertise + women, 100',
    filter: { resources: ['funds', 'expertise'], vulnerableGroups: ['women'] },
    limit: 100,
    raw: { resourceKinds: { $all: ['funds', 'expertise'] }, vulnerableGroups: { $all: ['women'] } },
  },
];

interface ShapeResult {
  shape: string;
  matching: number;
  service: Summary;
  raw: Summary;
  ratio: Ratios;
}

function decodeCursor(cursor: string): { sortKey: string; id: string } {
  const [sortKey, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
  return { sortKey, id };
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
    const servers: ManagedProcess[] = await Promise.all([
      startNats(path.join(dataDir, 'nats'), natsPort),
      ...(config.MONGO_URL ? [] : [startFerretDb(path.join(dataDir, 'ferretdb'), mongoPort)]),
    ]);
    cleanups.push(...servers.map((server) => () => server.stop()));
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
    const stakeholders = await startApp('stakeholders', { env, logDir: path.join(dataDir, 'logs') });
    cleanups.push(() => stakeholders.stop());

    const client: ClientProxy = ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: [env.NATS_URL] } });
    await client.connect();
    cleanups.push(() => client.close());
    const send = <T>(subject: StakeholdersSubject, payload: unknown) =>
      firstValueFrom(client.send<T>(subject, payload).pipe(timeout(config.BENCH_TIMEOUT_MS)));

    const driver = new mongoose.mongo.MongoClient(env.MONGO_URL);
    await driver.connect();
    cleanups.push(() => driver.close());
    const collection = driver.db('mitra_stakeholders').collection('organisations');

    // Some organisations through the service, timed; the rest straight into the collection, in the
    // shape the service writes (checked below against a service-written record), as a load would.
    const all = [...organisations(config.BENCH_ORGANISATIONS)];
    const throughService = all.slice(0, Math.min(config.BENCH_SERVICE_SEED, all.length));
    let seeded = 0;
    const creates = await run(
      () => send(StakeholdersSubject.CreateOrganisation, { idempotencyKey: `bench-org-${seeded}`, actor, organisation: throughService[seeded++], acknowledgeDuplicate: true }),
      { iterations: throughService.length, concurrency: config.BENCH_SEED_CONCURRENCY },
    );
    const createSummary = summarize([creates], config.BENCH_SEED_CONCURRENCY);
    const template = await collection.findOne({});
    const now = new Date();
    const rest = all.slice(throughService.length).map((organisation, index) => {
      const identity = organisationIdentity(organisation);
      return {
        ...organisation,
        resourceKinds: organisation.resources?.map((resource) => resource.kind) ?? [],
        sortName: organisation.name.toLocaleLowerCase('id'),
        nameKey: identity.nameKey,
        regionKeys: identity.regionKeys,
        acknowledgedDuplicateOf: [],
        version: 1,
        updatedAt: now,
        updatedBy: actor.userId,
        createdAt: now,
        createdBy: actor.userId,
        idempotencyKey: `bench-load-${index}`,
        inputHash: 'bench-load',
      };
    });
    const missing = Object.keys(template ?? {}).filter((field) => !['_id', '__v'].includes(field) && !(field in (rest[0] ?? template!)));
    if (missing.length > 0) throw new Error(`the loaded records lack fields the service writes: ${missing.join(', ')}`);
    for (let start = 0; start < rest.length; start += 1000) await collection.insertMany(rest.slice(start, start + 1000));
    const stored = await collection.countDocuments();
    if (stored !== config.BENCH_ORGANISATIONS) throw new Error(`seeded ${stored} organisations, expected ${config.BENCH_ORGANISATIONS}`);
    console.log(
      `Registry: ${stored} organisations, ${throughService.length} registered through the service ` +
        `(create p50 ${createSummary.p50Ms.toFixed(1)} ms, p99 ${createSummary.p99Ms.toFixed(1)} ms, ${config.BENCH_SEED_CONCURRENCY} in flight), the rest loaded directly.\n`,
    );

    const results: ShapeResult[] = [];
    for (const shape of shapes) {
      let cursor: string | undefined;
      for (let page = 0; page < (shape.skipPages ?? 0); page++) {
        const reply: OrganisationPage = await send(StakeholdersSubject.ListOrganisations, { actor, filter: shape.filter, limit: shape.limit, cursor });
        cursor = reply.nextCursor ?? undefined;
      }
      const query: ListOrganisationsQuery = { actor, filter: shape.filter, limit: shape.limit, ...(cursor ? { cursor } : {}) };
      const after = cursor ? decodeCursor(cursor) : undefined;
      const rawPage = after
        ? { ...shape.raw, $or: [{ sortName: { $gt: after.sortKey } }, { sortName: after.sortKey, _id: { $gt: new mongoose.Types.ObjectId(after.id) } }] }
        : shape.raw;

      const service = () => send<OrganisationPage>(StakeholdersSubject.ListOrganisations, query);
      // The repository's shape: one page (one extra row tells whether another follows) and the total, in parallel.
      const raw = () =>
        Promise.all([
          collection
            .find(rawPage, { projection: { inputHash: 0, idempotencyKey: 0 } })
            .sort({ sortName: 1, _id: 1 })
            .limit(shape.limit + 1)
            .toArray(),
          collection.countDocuments(shape.raw),
        ]);

      // Both must see the same rows before anything is timed.
      const [fromService, [fromDriver, total]] = await Promise.all([service(), raw()]);
      const serviceIds = fromService.items.map((item) => item.id);
      const driverIds = fromDriver.slice(0, shape.limit).map((doc) => doc._id.toString());
      if (JSON.stringify(serviceIds) !== JSON.stringify(driverIds) || fromService.total !== total) {
        throw new Error(`${shape.name}: the service and the driver disagree (${fromService.total} vs ${total} matching)`);
      }

      const { a, b } = await compare(service, raw, {
        iterations: config.BENCH_ITERATIONS,
        concurrency: config.BENCH_CONCURRENCY,
        warmup: config.BENCH_WARMUP,
        rounds: Math.min(config.BENCH_ROUNDS, config.BENCH_ITERATIONS),
      });
      results.push({ shape: shape.name, matching: total, service: a, raw: b, ratio: ratios(a, b) });
      console.log(`measured: ${shape.name}`);
    }

    console.log(`\n${formatTable(results)}`);
    console.log('\nA = stakeholders.organisation.list over NATS (Nest client → service → zod → mongoose → FerretDB), B = MongoDB driver, same filter, sort, limit and count.');

    const timestamp = new Date().toISOString();
    const setup = {
      organisations: config.BENCH_ORGANISATIONS,
      registeredThroughService: throughService.length,
      create: createSummary,
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      warmup: config.BENCH_WARMUP,
      iterations: config.BENCH_ITERATIONS,
      concurrency: config.BENCH_CONCURRENCY,
      rounds: config.BENCH_ROUNDS,
      database: config.MONGO_URL ? 'MongoDB (MONGO_URL)' : 'FerretDB v1.24 (SQLite), embedded',
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
  const ms = (value: number) => value.toFixed(2);
  const rows: string[][] = [['query', 'matching', 'variant', 'p50 ms', 'p99 ms', 'req/s']];
  for (const result of results) {
    rows.push([result.shape, String(result.matching), 'A service', ms(result.service.p50Ms), ms(result.service.p99Ms), result.service.requestsPerSecond.toFixed(0)]);
    rows.push([result.shape, '', 'B driver', ms(result.raw.p50Ms), ms(result.raw.p99Ms), result.raw.requestsPerSecond.toFixed(0)]);
    rows.push([result.shape, '', 'A/B', `${result.ratio.p50.toFixed(2)}x`, `${result.ratio.p99.toFixed(2)}x`, `${result.ratio.requestsPerSecond.toFixed(2)}x`]);
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]) => row.map((cell, column) => (column === 0 || column === 2 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
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
