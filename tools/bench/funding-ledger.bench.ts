// Funding ledger: the balance and the summary of one partnership, with 1,000 partnerships of 100 ledger
// entries each: the funding service over NATS (A) next to a MongoDB aggregation through mongoose's
// connection computing the same figure (B), on the same FerretDB, in the same run. Not a test. Run:
//   npm run bench:funding
//   BENCH_PARTNERSHIPS=200 BENCH_ENTRIES=100 BENCH_ITERATIONS=100 BENCH_WARMUP=10 BENCH_ROUNDS=4 npm run bench:funding
// Starts its own NATS, FerretDB, stakeholders and funding services under .data/bench-funding-<pid>, removed
// afterwards; with MONGO_URL set it uses that MongoDB instead (and drops its mitra_funding database).
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import mongoose from 'mongoose';
import { firstValueFrom, timeout } from 'rxjs';
import { z } from 'zod';
import {
  approveDisbursementCommandSchema,
  FundingSubject,
  payDisbursementCommandSchema,
  recordCommitmentCommandSchema,
  recordExpenditureCommandSchema,
  recordReceiptCommandSchema,
  requestDisbursementCommandSchema,
  reverseEntryCommandSchema,
  setPlanCommandSchema,
  StakeholdersSubject,
  type Actor,
  type FundingBalance,
  type FundingPlanInput,
  type FundingSummary,
  type LedgerEntry,
  type MoneyBalance,
  type Organisation,
  type Sector,
} from '@mitra/contracts';
import {
  approveDisbursement,
  emptyFundingState,
  applyEntry,
  payDisbursement,
  recordCommitment,
  recordExpenditure,
  recordReceipt,
  requestDisbursement,
  reverseEntry,
  setPlan,
  type FundingContext,
  type FundingDecision,
  type FundingState,
} from '@mitra/domain';
import {
  dataRoot,
  freePorts,
  startApp,
  startFerretDb,
  startNats,
  workspaceRoot,
  type ManagedProcess,
} from '@mitra/stack';
import { compare, ratios, summarize, type Ratios, type Summary } from './measure';

const count = z.coerce.number().int().min(1);
const config = z
  .object({
    BENCH_PARTNERSHIPS: count.default(1000),
    /** Ledger entries per partnership. */
    BENCH_ENTRIES: count.min(8).default(100),
    /** Partnerships read again and again (the service keeps their ledgers in memory once read). */
    BENCH_WARM_PARTNERSHIPS: count.default(20),
    BENCH_WARMUP: z.coerce.number().int().min(0).default(10),
    BENCH_ITERATIONS: count.default(100),
    BENCH_CONCURRENCY: count.default(1),
    BENCH_ROUNDS: count.default(4),
    BENCH_TIMEOUT_MS: count.default(120_000),
    /** A real MongoDB (its mitra_funding database is dropped) instead of an embedded FerretDB. */
    MONGO_URL: z.string().optional(),
  })
  .parse(process.env);

const admin: Actor = { userId: 'bench-admin', role: 'admin' };

// ------------------------------------------------------------------ one partnership's ledger

interface Organisations {
  city: string;
  company: string;
  donor: string;
  vendor: string;
  cso: string;
}

/** A step of a partnership's funding: the same command goes to the service or straight through the rules. */
interface Step {
  subject: FundingSubject;
  actor: Actor;
  body: Record<string, unknown>;
}

/** Deterministic per partnership (Park–Miller), so every run seeds the same ledgers. */
function stepsOf(index: number, entries: number, org: Organisations): Step[] {
  let seed = 7 + index;
  const next = (n: number) => {
    seed = (seed * 48_271) % 2_147_483_647;
    return seed % n;
  };
  const cityCoordinator: Actor = {
    userId: 'koordinator-kota',
    role: 'coordinator',
    organisationId: org.city,
  };
  const companyCoordinator: Actor = {
    userId: 'koordinator-pt',
    role: 'coordinator',
    organisationId: org.company,
  };
  const fundHolder: Actor = { userId: 'wakil-yayasan', role: 'partner', organisationId: org.cso };
  const sources: FundingPlanInput['lines'][number]['source'][] = [
    { kind: 'apbd' },
    { kind: 'csr', field: 'pendidikan' },
    { kind: 'csr', field: 'kesehatan' },
    { kind: 'donor' },
    { kind: 'blended', instrument: 'grant' },
  ];
  const plan: FundingPlanInput = {
    mechanism: 'common_fund',
    fundHolderOrganisationId: org.cso,
    lines: sources.map((source, i) => ({
      id: `L${i + 1}`,
      activity: `Kegiatan ${i + 1}`,
      amount: 200_000_000,
      year: 2026 + (i % 2),
      sdgTargets: [['2.2', '3.2'], ['4.1'], ['3.8'], ['6.1'], ['1.4', '5.5']][i],
      responsibleOrganisationId: i % 2 === 0 ? org.city : org.company,
      source,
    })),
  };
  const steps: Step[] = [{ subject: FundingSubject.SetPlan, actor: cityCoordinator, body: { plan } }];
  for (const organisationId of [org.company, org.city, org.donor]) {
    steps.push({
      subject: FundingSubject.RecordCommitment,
      actor: cityCoordinator,
      body: {
        commitment: {
          organisationId,
          contribution: { kind: 'cash', amount: 1_000_000_000 },
          schedule: [{ dueOn: '2026-01-15', amount: 1_000_000_000 }],
        },
      },
    });
  }
  for (const commitment of [2, 3, 4]) {
    steps.push({
      subject: FundingSubject.RecordReceipt,
      actor: fundHolder,
      body: {
        receipt: {
          commitment,
          amount: 1_000_000_000,
          receivedOn: `2026-02-0${commitment}`,
          reference: `TRF-${commitment}`,
        },
      },
    });
  }
  for (let block = 0; steps.length < entries; block++) {
    const amount = 10_000_000 + next(20_000) * 1000;
    const request = steps.length + 1;
    const month = String(3 + (block % 9)).padStart(2, '0');
    const first = Math.floor(amount * 0.6);
    steps.push(
      {
        subject: FundingSubject.RequestDisbursement,
        actor: fundHolder,
        body: {
          request: {
            lineId: `L${(block % 5) + 1}`,
            amount,
            purpose: 'Pelaksanaan kegiatan',
            receivingOrganisationId: org.vendor,
          },
        },
      },
      {
        subject: FundingSubject.ApproveDisbursement,
        actor: cityCoordinator,
        body: { request, approval: {} },
      },
      {
        subject: FundingSubject.ApproveDisbursement,
        actor: companyCoordinator,
        body: { request, approval: {} },
      },
      {
        subject: FundingSubject.PayDisbursement,
        actor: cityCoordinator,
        body: { request, payment: { paidOn: `2026-${month}-05`, reference: `SP2D-${request}` } },
      },
    );
    const payment = request + 3;
    for (const spent of [first, amount - first]) {
      steps.push({
        subject: FundingSubject.RecordExpenditure,
        actor: cityCoordinator,
        body: {
          expenditure: {
            payment,
            amount: spent,
            spentOn: `2026-${month}-20`,
            receivingOrganisationId: org.vendor,
            evidence: { reference: `BAST-${payment}`, description: 'Berita acara serah terima' },
          },
        },
      });
    }
    if (block % 4 === 3)
      steps.push({
        subject: FundingSubject.ReverseEntry,
        actor: cityCoordinator,
        body: { entry: steps.length, reversal: { reason: 'Kuitansi tercatat dua kali' } },
      });
  }
  return steps.slice(0, entries);
}

/** The rule each step runs, with its body parsed as the service's controller parses it. */
function decide(state: FundingState, step: Step, ctx: FundingContext): FundingDecision {
  const command = {
    idempotencyKey: 'bench-load-0',
    actor: step.actor,
    partnershipId: state.partnershipId,
    ...step.body,
  };
  switch (step.subject) {
    case FundingSubject.SetPlan:
      return setPlan(state, setPlanCommandSchema.parse(command).plan, ctx);
    case FundingSubject.RecordCommitment:
      return recordCommitment(state, recordCommitmentCommandSchema.parse(command).commitment, ctx);
    case FundingSubject.RecordReceipt:
      return recordReceipt(state, recordReceiptCommandSchema.parse(command).receipt, ctx);
    case FundingSubject.RequestDisbursement:
      return requestDisbursement(state, requestDisbursementCommandSchema.parse(command).request, ctx);
    case FundingSubject.ApproveDisbursement: {
      const parsed = approveDisbursementCommandSchema.parse(command);
      return approveDisbursement(state, parsed.request, parsed.approval, ctx);
    }
    case FundingSubject.PayDisbursement: {
      const parsed = payDisbursementCommandSchema.parse(command);
      return payDisbursement(state, parsed.request, parsed.payment, ctx);
    }
    case FundingSubject.RecordExpenditure:
      return recordExpenditure(state, recordExpenditureCommandSchema.parse(command).expenditure, ctx);
    case FundingSubject.ReverseEntry: {
      const parsed = reverseEntryCommandSchema.parse(command);
      return reverseEntry(state, parsed.entry, parsed.reversal, ctx);
    }
    case FundingSubject.ReleaseTranche:
    case FundingSubject.GetFunding:
    case FundingSubject.ListLedger:
    case FundingSubject.ListLedgerRecords:
    case FundingSubject.GetBalance:
    case FundingSubject.GetSummary:
    case FundingSubject.GetTrace:
      throw new Error(`the bench does not seed ${step.subject}`);
  }
}

// ------------------------------------------------------------------ the raw driver's figure

interface KindTotal {
  _id: { kind: string; reversedKind?: string };
  amount: number;
}

/**
 * What the raw driver asks: the partnership's entries summed per kind (reversals per the kind they undo).
 * FerretDB v1 sums no field two levels down (`entry.contribution.amount` comes out 0), so the committed
 * total is left out of the comparison.
 */
const rawPipeline = (partnershipId: string) => [
  { $match: { partnershipId } },
  {
    $group: {
      _id: { kind: '$entry.kind', reversedKind: '$entry.reversedKind' },
      amount: { $sum: '$entry.amount' },
    },
  },
];

function rawFigures(groups: KindTotal[]) {
  const of = (kind: string) =>
    groups.filter((g) => g._id.kind === kind && !g._id.reversedKind).reduce((sum, g) => sum + g.amount, 0);
  const undone = (kind: string) =>
    groups
      .filter((g) => g._id.kind === 'reversal' && g._id.reversedKind === kind)
      .reduce((sum, g) => sum + g.amount, 0);
  const received = of('receipt') - undone('receipt');
  const disbursed = of('payment') - undone('payment');
  const reserved = of('disbursement_request') - undone('disbursement_request') - disbursed;
  const balance: MoneyBalance = { received, reserved, disbursed, available: received - reserved - disbursed };
  return { balance, totals: { ...balance, spent: of('expenditure') - undone('expenditure') } };
}

// ------------------------------------------------------------------ the run

interface Row {
  figure: string;
  ledgers: string;
  service: Summary;
  raw: Summary;
  ratio: Ratios;
}

async function main(): Promise<void> {
  const dataDir = path.join(dataRoot, `bench-funding-${process.pid}`);
  const cleanups: Array<() => Promise<unknown>> = [
    async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  ];
  let cleaning: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      for (const step of cleanups.reverse()) await step().catch((error) => console.error(error));
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void cleanUp().finally(() => process.exit(130)));

  try {
    const [natsPort, mongoPort] = await freePorts(2);
    const servers: ManagedProcess[] = await Promise.all([
      startNats(path.join(dataDir, 'nats'), natsPort),
      ...(config.MONGO_URL ? [] : [startFerretDb(path.join(dataDir, 'ferretdb'), mongoPort)]),
    ]);
    cleanups.push(...servers.map((server) => () => server.stop()));
    const mongoUrl = config.MONGO_URL ?? `mongodb://127.0.0.1:${mongoPort}/`;
    const env = {
      NATS_URL: `nats://127.0.0.1:${natsPort}`,
      MONGO_URL: mongoUrl,
      NATS_REQUEST_TIMEOUT_MS: String(Math.min(config.BENCH_TIMEOUT_MS, 60_000)),
    };
    const connection = await mongoose.createConnection(mongoUrl, { dbName: 'mitra_funding' }).asPromise();
    cleanups.push(() => connection.close());
    if (config.MONGO_URL) {
      await connection.dropDatabase();
      cleanups.push(() => connection.dropDatabase());
    }
    const apps = await Promise.all(
      (['stakeholders', 'funding'] as const).map((app) =>
        startApp(app, { env, logDir: path.join(dataDir, 'logs') }),
      ),
    );
    cleanups.push(...apps.map((app) => () => app.stop()));

    const client: ClientProxy = ClientProxyFactory.create({
      transport: Transport.NATS,
      options: { servers: [env.NATS_URL] },
    });
    await client.connect();
    cleanups.push(() => client.close());
    const send = <T>(subject: string, payload: unknown) =>
      firstValueFrom(client.send<T>(subject, payload).pipe(timeout(config.BENCH_TIMEOUT_MS)));

    const sectors = new Map<string, Sector>();
    const register = async (name: string, sector: Sector) => {
      const organisation = { name, sector, region: { province: 'Jawa Barat', regency: 'Kota Bandung' } };
      const id = (
        await send<Organisation>(StakeholdersSubject.CreateOrganisation, {
          idempotencyKey: `bench-org-${sectors.size}`,
          actor: admin,
          organisation,
          acknowledgeDuplicate: true,
        })
      ).id;
      sectors.set(id, sector);
      return id;
    };
    const org: Organisations = {
      city: await register('Pemerintah Kota Bandung', 'government_regency'),
      company: await register('PT Bank Daerah', 'business'),
      donor: await register('Program Donor Gizi', 'international_donor'),
      vendor: await register('CV Penyedia Barang', 'business'),
      cso: await register('Yayasan Pengelola Dana', 'cso'),
    };

    // One partnership through the service, timed; the rest straight into their collections, written by
    // the same rules in the shape the service writes (checked below against the service's record).
    const partnershipIds = Array.from({ length: config.BENCH_PARTNERSHIPS }, (_, i) =>
      i.toString(16).padStart(20, '0'),
    );
    const ledgerOf = (partnershipId: string) =>
      connection.collection<Record<string, unknown> & { _id: string }>(`ledger_${partnershipId}`);
    const commands: Summary[] = [];
    {
      const timings: number[] = [];
      for (const [sequence, step] of stepsOf(0, config.BENCH_ENTRIES, org).entries()) {
        const started = performance.now();
        const entry = await send<LedgerEntry>(step.subject, {
          idempotencyKey: `bench-step-${sequence + 1}`,
          actor: step.actor,
          partnershipId: partnershipIds[0],
          ...step.body,
        });
        timings.push(performance.now() - started);
        if (entry.sequence !== sequence + 1)
          throw new Error(`step ${sequence + 1} was written as entry ${entry.sequence}`);
      }
      commands.push(summarize([{ latenciesMs: timings, elapsedMs: timings.reduce((a, b) => a + b, 0) }], 1));
    }
    const template = await ledgerOf(partnershipIds[0]).findOne({ _id: `${partnershipIds[0]}:1` });

    const seedStarted = performance.now();
    const now = new Date('2026-11-01T00:00:00.000Z');
    let stored = config.BENCH_ENTRIES;
    for (let index = 1; index < config.BENCH_PARTNERSHIPS; index++) {
      const partnershipId = partnershipIds[index];
      const state = emptyFundingState(partnershipId);
      const records = stepsOf(index, config.BENCH_ENTRIES, org).map((step) => {
        const { entry } = decide(state, step, { actor: step.actor, now: now.toISOString(), sectors });
        applyEntry(state, entry);
        return {
          _id: `${partnershipId}:${entry.sequence}`,
          partnershipId,
          sequence: entry.sequence,
          entry: JSON.parse(JSON.stringify(entry)) as LedgerEntry,
          command: { key: `bench-load-${entry.sequence}`, subject: step.subject, inputHash: 'bench-load' },
          outbox: [],
          eventsPublished: true,
        };
      });
      const missing = Object.keys(template ?? {}).filter((field) => !(field in records[0]));
      if (!template || missing.length > 0)
        throw new Error(`the loaded records lack fields the service writes: ${missing.join(', ')}`);
      await ledgerOf(partnershipId).insertMany(records);
      stored += await ledgerOf(partnershipId).countDocuments();
    }
    if (stored !== config.BENCH_PARTNERSHIPS * config.BENCH_ENTRIES)
      throw new Error(
        `seeded ${stored} ledger entries, expected ${config.BENCH_PARTNERSHIPS * config.BENCH_ENTRIES}`,
      );
    console.log(
      `Ledgers: ${config.BENCH_PARTNERSHIPS} partnerships × ${config.BENCH_ENTRIES} entries = ${stored} entries; one partnership through the service ` +
        `(command p50 ${commands[0].p50Ms.toFixed(1)} ms, p99 ${commands[0].p99Ms.toFixed(1)} ms), the rest loaded directly in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s.\n`,
    );

    const balanceOf = (partnershipId: string) =>
      send<FundingBalance>(FundingSubject.GetBalance, { actor: admin, partnershipId });
    const summaryOf = (partnershipId: string) =>
      send<FundingSummary>(FundingSubject.GetSummary, { actor: admin, partnershipId });
    const raw = async (partnershipId: string) =>
      rawFigures(await ledgerOf(partnershipId).aggregate<KindTotal>(rawPipeline(partnershipId)).toArray());

    // Both must give the same figures before anything is timed, the service-written partnership included.
    for (const partnershipId of [partnershipIds[0], partnershipIds[1], partnershipIds.at(-1)!]) {
      const [balance, summary, fromDriver] = await Promise.all([
        balanceOf(partnershipId),
        summaryOf(partnershipId),
        raw(partnershipId),
      ]);
      const { received, reserved, disbursed, available, spent } = summary.totals;
      const totals = { received, reserved, disbursed, available, spent };
      if (
        JSON.stringify(balance.total) !== JSON.stringify(fromDriver.balance) ||
        JSON.stringify(sorted(totals)) !== JSON.stringify(sorted(fromDriver.totals))
      ) {
        throw new Error(
          `${partnershipId}: the service and the driver disagree: ${JSON.stringify({ balance: balance.total, totals, driver: fromDriver })}`,
        );
      }
    }

    const warm = partnershipIds.slice(0, config.BENCH_WARM_PARTNERSHIPS);
    const cold = partnershipIds.slice(config.BENCH_WARM_PARTNERSHIPS);
    /** A and B each walk the same list of partnerships, in the same order. */
    const walker = (list: string[]) => {
      let index = 0;
      return () => list[index++ % list.length];
    };
    const rows: Row[] = [];
    const measure = async (
      figure: string,
      ledgers: 'warm' | 'cold',
      list: string[],
      service: (id: string) => Promise<unknown>,
      iterations: number,
    ) => {
      const [pickA, pickB] = [walker(list), walker(list)];
      const { a, b } = await compare(
        () => service(pickA()),
        () => raw(pickB()),
        {
          iterations,
          concurrency: config.BENCH_CONCURRENCY,
          warmup: ledgers === 'warm' ? config.BENCH_WARMUP : 0,
          rounds: Math.min(config.BENCH_ROUNDS, iterations),
        },
      );
      rows.push({ figure, ledgers, service: a, raw: b, ratio: ratios(a, b) });
      console.log(`measured: ${figure}, ${ledgers}`);
    };
    // Untimed: the warm ledgers are read once, as a service in use would have.
    for (const partnershipId of warm) await balanceOf(partnershipId);
    await measure('balance', 'warm', warm, balanceOf, config.BENCH_ITERATIONS);
    await measure('summary', 'warm', warm, summaryOf, config.BENCH_ITERATIONS);
    // Each cold call reads a ledger the service has not read yet (none is read twice).
    const coldIterations = Math.min(config.BENCH_ITERATIONS, Math.floor(cold.length / 2));
    await measure('balance', 'cold', cold.splice(0, coldIterations), balanceOf, coldIterations);
    await measure('summary', 'cold', cold.splice(0, coldIterations), summaryOf, coldIterations);

    console.log(`\n${formatTable(rows)}`);
    console.log(
      '\nA = funding service over NATS (Nest client → service → the partnership’s ledger collection → the rules recompute the figure), ' +
        'B = one aggregation ($match partnershipId, $group per kind) through mongoose’s connection. The balance is the same figure; ' +
        'for the summary, B computes only its money totals while A computes every breakdown. "warm": ledgers the service has read before; "cold": first reads.',
    );
    const timestamp = new Date().toISOString();
    const setup = {
      partnerships: config.BENCH_PARTNERSHIPS,
      entriesPerPartnership: config.BENCH_ENTRIES,
      warmPartnerships: warm.length,
      commandThroughService: commands[0],
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
    const file = path.join(resultsDir, `funding-ledger-${timestamp.replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(
      file,
      `${JSON.stringify({ benchmark: 'funding-ledger', timestamp, setup, results: rows }, null, 2)}\n`,
    );
    console.log(`Results written to ${path.relative(workspaceRoot, file)}`);
  } finally {
    await cleanUp();
  }
}

const sorted = (value: Record<string, number>) =>
  Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));

function formatTable(rows: Row[]): string {
  const ms = (value: number) => value.toFixed(2);
  const table: string[][] = [['figure', 'ledgers', 'variant', 'p50 ms', 'p99 ms', 'req/s']];
  for (const row of rows) {
    table.push([
      row.figure,
      row.ledgers,
      'A service',
      ms(row.service.p50Ms),
      ms(row.service.p99Ms),
      row.service.requestsPerSecond.toFixed(1),
    ]);
    table.push([
      row.figure,
      row.ledgers,
      'B driver',
      ms(row.raw.p50Ms),
      ms(row.raw.p99Ms),
      row.raw.requestsPerSecond.toFixed(1),
    ]);
    table.push([
      row.figure,
      row.ledgers,
      'A/B',
      `${row.ratio.p50.toFixed(3)}x`,
      `${row.ratio.p99.toFixed(3)}x`,
      `${row.ratio.requestsPerSecond.toFixed(2)}x`,
    ]);
  }
  const widths = table[0].map((_, column) => Math.max(...table.map((line) => line[column].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column < 3 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join('  ');
  return [
    line(table[0]),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...table.slice(1).map(line),
  ].join('\n');
}

// Exit explicitly: ManagedProcess.stop() leaves its kill-timeout timer holding the event loop.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
