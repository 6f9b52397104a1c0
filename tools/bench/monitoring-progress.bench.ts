// Indicator progress with 10,000 progress reports in the database: the monitoring service's
// `monitoring.plan.progress` over NATS (A) next to a raw MongoDB driver aggregation computing the
// same per-indicator figure (B), on the same FerretDB, in the same run. Not a test.
// Run: node -r @swc-node/register tools/bench/monitoring-progress.bench.ts
//   BENCH_PARTNERSHIPS=100 BENCH_REPORTS=100 BENCH_ITERATIONS=300 BENCH_WARMUP=30 BENCH_ROUNDS=5 BENCH_CONCURRENCY=1
// (BENCH_PARTNERSHIPS=1 BENCH_REPORTS=10000 puts all reports in one plan.)
// Starts its own NATS, FerretDB and monitoring service under .data/bench-monitoring-<pid>, removed afterwards.
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ClientProxy } from '@nestjs/microservices';
import mongoose from 'mongoose';
import { firstValueFrom, timeout } from 'rxjs';
import { z } from 'zod';
import {
  type Actor,
  type IndicatorProgress,
  type MonitoringPlan,
  type PartnershipIndicator,
  type PlanProgress,
  type ProgressReport,
  MonitoringContracts,
} from '@mitra/contracts';
import { dataRoot, freePorts, natsSeedFile, startApp, startFerretDb, startNats, workspaceRoot, type ManagedProcess } from '@mitra/stack';
import { signingNatsClientProxy } from '@mitra/platform';
import { ensureTestKeys, testCallerConfig } from '@mitra/testing';
import { compare, ratios, type Ratios, type Summary } from './measure';

const count = z.coerce.number().int().min(1);
const config = z
  .object({
    BENCH_PARTNERSHIPS: count.default(100),
    BENCH_REPORTS: count.default(100),
    BENCH_WARMUP: z.coerce.number().int().min(0).default(30),
    BENCH_ITERATIONS: count.default(300),
    BENCH_CONCURRENCY: count.default(1),
    BENCH_ROUNDS: count.default(5),
    BENCH_TIMEOUT_MS: count.default(30_000),
  })
  .parse(process.env);

const actor: Actor = { userId: 'bench-auditor', role: 'auditor' };
const organisations = ['org-puskesmas', 'org-pkk', 'org-forum-csr', 'org-kampus'];
const at = '2026-01-01T00:00:00.000Z';

function indicators(periods: number): PartnershipIndicator[] {
  const base = { unit: 'anak', targets: [] as { periodNumber: number; value: number }[], definedAt: at, definedBy: 'bench' };
  return [
    { ...base, id: 'balita-ditimbang', name: 'Balita ditimbang', sdg: { kind: 'target', code: '2.2' }, direction: 'higher_is_better', accumulation: 'cumulative', disaggregations: ['sex'], targets: [{ periodNumber: periods, value: 200 * periods }], baseline: { value: 0, date: '2026-01-01', fixedAt: at, fixedBy: 'bench' } },
    { ...base, id: 'prevalensi-stunting', name: 'Prevalensi stunting', unit: '%', sdg: { kind: 'indicator', code: '2.2.1' }, direction: 'lower_is_better', accumulation: 'per_period', disaggregations: ['sex'], targets: Array.from({ length: periods }, (_, i) => ({ periodNumber: i + 1, value: 30 - (i * 10) / periods })), baseline: { value: 30, date: '2026-01-01', fixedAt: at, fixedBy: 'bench' } },
    { ...base, id: 'kelas-gizi', name: 'Kelas gizi', sdg: { kind: 'target', code: '3.2' }, direction: 'higher_is_better', accumulation: 'per_period', disaggregations: [], targets: [{ periodNumber: 1, value: 40 }], baseline: { value: 5, date: '2026-01-01', fixedAt: at, fixedBy: 'bench' } },
  ];
}

/** `reports` approved reports spread over periods × organisations, deterministic. */
function plan(partnershipId: string, reports: number, seed: number): MonitoringPlan {
  const periods = Math.ceil(reports / organisations.length);
  const list: ProgressReport[] = Array.from({ length: reports }, (_, i) => {
    const periodNumber = Math.floor(i / organisations.length) + 1;
    const weighed = 40 + ((i * 7 + seed) % 20);
    const stunting = 28 - (periodNumber * 8) / periods + ((i + seed) % 3) / 10;
    return {
      id: `r-${i}`,
      periodNumber,
      organisationId: organisations[i % organisations.length],
      revision: 1,
      status: 'approved',
      values: [
        { indicatorId: 'balita-ditimbang', value: weighed, breakdown: [{ dimensions: { sex: 'perempuan' }, value: Math.floor(weighed / 2) }, { dimensions: { sex: 'laki-laki' }, value: weighed - Math.floor(weighed / 2) }] },
        // A rate is reported by the health centre alone; the others report counts.
        ...(i % organisations.length === 0 ? [{ indicatorId: 'prevalensi-stunting', value: stunting, breakdown: [{ dimensions: { sex: 'perempuan' }, value: stunting - 0.5 }, { dimensions: { sex: 'laki-laki' }, value: stunting + 0.5 }] }] : []),
        { indicatorId: 'kelas-gizi', value: 3, breakdown: [] },
      ],
      narrative: `Laporan periode ${periodNumber}.`,
      evidenceLinks: [],
      submittedAt: at,
      submittedBy: 'bench',
      reviewedAt: at,
      reviewedBy: 'bench',
    };
  });
  return { partnershipId, sdgTargets: ['2.2', '3.2'], indicators: indicators(periods), reports: list, evaluations: [] };
}

/**
 * B: the plan's snapshot read by the driver, summed per indicator and period in a loop, then the
 * same progress formula as the domain's. Not an aggregation pipeline: FerretDB v1.24 unwinds a
 * nested array to the wrong path (`$unwind: '$document.reports'` yields a top-level `reports`) and
 * does not evaluate field paths in `$project`, so no pipeline computes this figure there.
 */
async function rawProgress(snapshots: mongoose.mongo.Collection, partnershipId: string): Promise<IndicatorProgress[]> {
  const snapshot = await snapshots.findOne<{ document: Pick<MonitoringPlan, 'indicators' | 'reports'> }>({ _id: partnershipId as never }, { projection: { 'document.indicators': 1, 'document.reports': 1 } });
  const plan = snapshot!.document;
  const sums = new Map<string, Map<number, number>>();
  for (const report of plan.reports) {
    if (report.status !== 'approved') continue;
    for (const value of report.values) {
      const byPeriod = sums.get(value.indicatorId) ?? new Map<number, number>();
      byPeriod.set(report.periodNumber, (byPeriod.get(report.periodNumber) ?? 0) + value.value);
      sums.set(value.indicatorId, byPeriod);
    }
  }
  return plan.indicators.map((indicator) => {
    const byPeriod = [...(sums.get(indicator.id) ?? new Map<number, number>())].sort(([a], [b]) => a - b);
    const period = byPeriod.at(-1)?.[0] ?? null;
    const current = period === null ? null : indicator.accumulation === 'cumulative' ? byPeriod.reduce((total, [, value]) => total + value, 0) : byPeriod.at(-1)![1];
    const target = period === null ? null : ([...indicator.targets].filter((t) => t.periodNumber <= period).sort((x, y) => y.periodNumber - x.periodNumber)[0]?.value ?? null);
    const baseline = indicator.baseline?.value ?? null;
    const progress = current !== null && target !== null && baseline !== null && target !== baseline ? Math.round(((current - baseline) / (target - baseline)) * 10_000) / 10_000 : null;
    return { indicatorId: indicator.id, baseline, period, current, target, progress };
  });
}

async function main(): Promise<void> {
  const dataDir = path.join(dataRoot, `bench-monitoring-${process.pid}`);
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
    const servers: ManagedProcess[] = await Promise.all([nats.then((server) => server.process), startFerretDb(path.join(dataDir, 'ferretdb'), mongoPort)]);
    const { credentialsDir: natsCredentialsDir } = await nats;
    cleanups.push(...servers.map((server) => () => server.stop()));
    const env = { NATS_URL: `nats://127.0.0.1:${natsPort}`, MONGO_URL: `mongodb://127.0.0.1:${mongoPort}/` };
    const keysDir = ensureTestKeys(dataDir);
    const monitoring = await startApp('monitoring', { env, logDir: path.join(dataDir, 'logs'), keysDir, natsCredentialsDir });
    cleanups.push(() => monitoring.stop());

    const client: ClientProxy = signingNatsClientProxy(testCallerConfig({ NATS_URL: env.NATS_URL, NATS_NKEY_SEED_FILE: natsSeedFile(natsCredentialsDir, 'api') }, keysDir));
    await client.connect();
    cleanups.push(() => client.close());
    const driver = new mongoose.mongo.MongoClient(env.MONGO_URL);
    await driver.connect();
    cleanups.push(() => driver.close());
    const database = driver.db('mitra_monitoring');
    const snapshots = database.collection('plan_snapshots');
    const changes = database.collection('plan_changes');

    // Each plan loaded as the service stores it: one revision setting the plan, and its snapshot.
    const ids = Array.from({ length: config.BENCH_PARTNERSHIPS }, (_, i) => `bench-${String(i).padStart(5, '0')}`);
    for (let start = 0; start < ids.length; start += 20) {
      const batch = ids.slice(start, start + 20).map((partnershipId, i) => ({ partnershipId, plan: plan(partnershipId, config.BENCH_REPORTS, start + i) }));
      await changes.insertMany(
        batch.map(({ partnershipId, plan }) => ({
          _id: `${partnershipId}:1` as never,
          aggregateId: partnershipId,
          revision: 1,
          idempotencyKey: 'bench-seed',
          inputHash: 'bench-seed',
          change: { subject: 'bench.seed', patch: { set: plan }, result: { kind: 'document' } },
          events: [],
          published: true,
          recordedAt: new Date(at),
        })),
      );
      await snapshots.insertMany(batch.map(({ partnershipId, plan }) => ({ _id: partnershipId as never, revision: 1, format: 1, document: plan, writtenAt: new Date(at) })));
    }
    const reportsStored = config.BENCH_PARTNERSHIPS * config.BENCH_REPORTS;
    console.log(`Database: ${config.BENCH_PARTNERSHIPS} partnerships × ${config.BENCH_REPORTS} approved reports = ${reportsStored} reports, 3 indicators each.\n`);

    let next = 0;
    const pick = () => ids[(next = (next * 48_271 + 11) % ids.length)];
    const service = () => firstValueFrom(client.send<PlanProgress>(MonitoringContracts.GetProgress.subject, { actor, partnershipId: pick() }).pipe(timeout(config.BENCH_TIMEOUT_MS)));
    const raw = () => rawProgress(snapshots, pick());

    // Both must compute the same figure before anything is timed.
    for (const partnershipId of [ids[0], ids.at(-1)!]) {
      const fromService = await firstValueFrom(client.send<PlanProgress>(MonitoringContracts.GetProgress.subject, { actor, partnershipId }).pipe(timeout(config.BENCH_TIMEOUT_MS)));
      const fromDriver = await rawProgress(snapshots, partnershipId);
      if (JSON.stringify(fromService.indicators) !== JSON.stringify(fromDriver)) {
        throw new Error(`${partnershipId}: the service and the driver disagree\n${JSON.stringify(fromService.indicators)}\n${JSON.stringify(fromDriver)}`);
      }
    }

    const { a, b } = await compare(service, raw, {
      iterations: config.BENCH_ITERATIONS,
      concurrency: config.BENCH_CONCURRENCY,
      warmup: config.BENCH_WARMUP,
      rounds: Math.min(config.BENCH_ROUNDS, config.BENCH_ITERATIONS),
    });
    const ratio = ratios(a, b);
    console.log(formatTable(a, b, ratio));
    console.log(
      '\nA = monitoring.plan.progress over NATS (Nest client → service → zod → mongoose → FerretDB → indicator progress, punctuality, disaggregation, health),' +
        '\nB = MongoDB driver findOne of the same snapshot + sums per indicator and period in a loop + the progress formula (see rawProgress).',
    );

    const timestamp = new Date().toISOString();
    const setup = {
      partnerships: config.BENCH_PARTNERSHIPS,
      reportsPerPartnership: config.BENCH_REPORTS,
      reports: reportsStored,
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      warmup: config.BENCH_WARMUP,
      iterations: config.BENCH_ITERATIONS,
      concurrency: config.BENCH_CONCURRENCY,
      rounds: config.BENCH_ROUNDS,
      database: 'FerretDB v1.24 (SQLite), embedded',
    };
    const resultsDir = path.join(workspaceRoot, 'tools', 'bench', 'results');
    fs.mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `monitoring-progress-${timestamp.replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(file, `${JSON.stringify({ benchmark: 'monitoring-progress', timestamp, setup, service: a, raw: b, ratio }, null, 2)}\n`);
    console.log(`Results written to ${path.relative(workspaceRoot, file)}`);
  } finally {
    await cleanUp();
  }
}

function formatTable(a: Summary, b: Summary, ratio: Ratios): string {
  const ms = (value: number) => value.toFixed(2);
  const rows = [
    ['variant', 'p50 ms', 'p99 ms', 'req/s'],
    ['A service', ms(a.p50Ms), ms(a.p99Ms), a.requestsPerSecond.toFixed(0)],
    ['B driver', ms(b.p50Ms), ms(b.p99Ms), b.requestsPerSecond.toFixed(0)],
    ['A/B', `${ratio.p50.toFixed(2)}x`, `${ratio.p99.toFixed(2)}x`, `${ratio.requestsPerSecond.toFixed(2)}x`],
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ')).join('\n');
}

// Exit explicitly: ManagedProcess.stop() leaves its kill-timeout timer holding the event loop.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
