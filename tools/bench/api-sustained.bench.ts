// Sustained load on the two screens a coordinator opens most: the partnerships list and a
// partnership's page, through the api, for minutes. Not a test.
// Run: npm run bench:sustained
//   BENCH_DURATION_S=120 BENCH_CONCURRENCY=16 BENCH_PARTNERSHIPS=5 BENCH_REPORTS=4 BENCH_WINDOW_S=30 npm run bench:sustained
//   BENCH_HOPS_S=15 npm run bench:sustained   # then each hop of those routes alone, to see where the time goes
// Starts the whole system (servers and apps) on free ports under .data/test-*, removed afterwards,
// as api-read.bench.ts does. The demo coordinator starts BENCH_PARTNERSHIPS partnerships led by its
// own organisation, each with two SDG targets, an indicator and BENCH_REPORTS progress reports.
// Then, signed in as that coordinator (one session cookie), BENCH_CONCURRENCY requests stay in
// flight for BENCH_DURATION_S seconds, alternating the routes the web calls for those screens:
//   list = GET /api/v1/partnerships (apps/web/src/shared/partnerships/partnership-list.ts): session and
//          user lookup, a Temporal visibility query for the coordinator's partnerships, then per
//          partnership the workflow's state query and, in parallel, monitoring.plan.get,
//          monitoring.plan.progress and stakeholders.organisation.get over NATS;
//   page = GET /api/v1/partnerships/:id (useLifecycleState in partnerships-api.ts, the page's header
//          and its first tab), the seeded partnerships in turn: session and user lookup, the membership
//          check (a state query) and the state query itself.
// An error is any answer other than 2xx, a network error, or no answer within BENCH_TIMEOUT_MS. A list
// that answers 200 but names services as `unavailable` is counted apart as degraded.
// Printed: throughput, p50/p95/p99/max and errors overall and per route, per BENCH_WINDOW_S window (so
// a degradation over time shows) and PASS/FAIL against issue 12's goal: p99 ≤ 200 ms and 0 errors.
// Also printed: the CPU milliseconds per request each process of the system spent (api, worker,
// services, Temporal, FerretDB, NATS, this client; read from /proc, Linux only): on a 2-core machine
// 16 in flight are CPU-bound, so this says where the time goes.
// With BENCH_HOPS_S > 0, afterwards each hop runs alone for that long at the same concurrency, with
// its CPU per call: the two routes, api-read's monitoring route and GET auth/me (session and user
// lookup only) for comparison, the Temporal state query and visibility list, the three NATS requests,
// and the session and plan snapshot reads through the driver.
// Results also go to tools/bench/results/api-sustained-<timestamp>.json (git-ignored).
import 'reflect-metadata';
import { Client, Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import {
  lifecycleSearchAttributes,
  lifecycleStateQuery,
  memberKeys,
  partnershipLifecycleWorkflowName,
  partnershipWorkflowId,
  type Actor,
  type LifecycleState,
  type PartnershipIndicator,
  type PartnershipList,
  MonitoringContracts,
  StakeholdersContracts,
} from '@mitra/contracts';
import { createServiceClient } from '@mitra/platform';
import { keysDirOf, workspaceRoot } from '@mitra/stack';
import { ApiClient, demoAccounts, startSystem, testCallerConfig, type Session } from '@mitra/testing';
import { percentile, summarize, type Timing } from './measure';

const count = z.coerce.number().int().min(1);
const config = z
  .object({
    BENCH_DURATION_S: z.coerce.number().positive().default(120),
    BENCH_CONCURRENCY: count.default(16),
    BENCH_PARTNERSHIPS: count.default(5),
    BENCH_REPORTS: z.coerce.number().int().min(0).default(4),
    BENCH_WINDOW_S: z.coerce.number().positive().default(30),
    /** Requests of the same mix before the clock starts, not measured (connections, JIT, caches). */
    BENCH_WARMUP: z.coerce.number().int().min(0).default(200),
    BENCH_TIMEOUT_MS: count.default(10_000),
    /** Seconds per hop in the breakdown after the run; 0 leaves it out. */
    BENCH_HOPS_S: z.coerce.number().min(0).default(0),
  })
  .parse(process.env);

/** Issue 12: "16 in flight on the partnerships list and a partnership page for 2 minutes. p99 ≤ 200 ms, 0 errors." */
const goalP99Ms = 200;

type Route = 'list' | 'page';

interface Sample {
  route: Route;
  /** From the start of the measured run. */
  startMs: number;
  latencyMs: number;
  /** Why the request failed; absent when it answered 2xx. */
  error?: string;
  /** A list that answered but named services it could not read. */
  degraded?: string[];
}

interface Stats {
  count: number;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  degraded: number;
}

const loadAverage = () => os.loadavg().map((value) => value.toFixed(2)).join(' ');

/** CPU seconds so far of this process and everything it started, by part of the system (Linux /proc; empty elsewhere). */
function cpuByPart(): Map<string, number> {
  const parts = new Map<string, number>();
  const ticks = 100; // USER_HZ
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return parts;
  }
  const stats = new Map<number, string[]>();
  for (const entry of entries) {
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(entry), fields);
      const parent = Number(fields[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const pending = [process.pid];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    pending.push(...(children.get(pid) ?? []));
    const fields = stats.get(pid);
    if (!fields) continue;
    let command = '';
    try {
      command = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      continue;
    }
    const app = /apps\/(\w+)\/src\/main/.exec(command)?.[1];
    const part =
      pid === process.pid ? 'bench client' : app ?? (command.includes('temporal') ? 'temporal' : command.includes('ferretdb') ? 'ferretdb' : command.includes('nats-server') ? 'nats' : 'other');
    parts.set(part, (parts.get(part) ?? 0) + (Number(fields[11]) + Number(fields[12])) / ticks);
  }
  return parts;
}

/** CPU milliseconds per call by part, between two `cpuByPart` readings, largest first (parts under 0.05 ms left out). */
function cpuPerCall(before: Map<string, number>, after: Map<string, number>, calls: number): Array<[string, number]> {
  return [...after]
    .map(([part, seconds]): [string, number] => [part, ((seconds - (before.get(part) ?? 0)) * 1000) / Math.max(1, calls)])
    .filter(([, ms]) => ms >= 0.05)
    .sort((a, b) => b[1] - a[1]);
}

const formatCpu = (perCall: Array<[string, number]>) =>
  perCall.length === 0 ? 'n/a' : `${perCall.reduce((total, [, ms]) => total + ms, 0).toFixed(1)} = ${perCall.map(([part, ms]) => `${part} ${ms.toFixed(1)}`).join(', ')}`;

async function seed(coordinator: ApiClient, leadOrganisationId: string | undefined): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 1; index <= config.BENCH_PARTNERSHIPS; index++) {
    const started = await coordinator.post<LifecycleState>('partnerships', {
      name: `Kemitraan Beban ${index}`,
      ...(leadOrganisationId ? { leadOrganisationId } : {}),
    });
    if (started.status !== 201) throw new Error(`start gave ${started.status}: ${JSON.stringify(started.body)}`);
    const id = started.body.partnershipId;
    const base = `monitoring/partnerships/${id}`;
    const targets = await coordinator.post(`${base}/sdg-targets`, { targets: ['2.2', '3.2'] });
    if (targets.status >= 300) throw new Error(`sdg-targets gave ${targets.status}: ${JSON.stringify(targets.body)}`);
    const indicator = await coordinator.post<PartnershipIndicator>(`${base}/indicators`, {
      name: 'Balita ditimbang',
      sdg: { kind: 'target', code: '2.2' },
      unit: 'anak',
      direction: 'higher_is_better',
      accumulation: 'cumulative',
      disaggregations: ['sex'],
    });
    if (indicator.status !== 201) throw new Error(`indicator gave ${indicator.status}: ${JSON.stringify(indicator.body)}`);
    for (let period = 1; period <= config.BENCH_REPORTS; period++) {
      const report = await coordinator.post(`${base}/reports`, {
        periodNumber: period,
        organisationId: 'org-posyandu',
        values: [{ indicatorId: indicator.body.id, value: 100 + period, breakdown: [{ dimensions: { sex: 'perempuan' }, value: 50 }, { dimensions: { sex: 'laki-laki' }, value: 50 + period }] }],
        narrative: `Penimbangan periode ${period}.`,
      });
      if (report.status !== 201) throw new Error(`report gave ${report.status}: ${JSON.stringify(report.body)}`);
    }
    ids.push(id);
  }
  return ids;
}

/** Temporal's visibility store catches up a moment after the starts: wait until the list shows every partnership. */
async function untilListed(coordinator: ApiClient, ids: readonly string[], timeoutMs = 60_000): Promise<PartnershipList> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const list = await coordinator.get<PartnershipList>('partnerships');
    const listed = new Set(list.status === 200 ? list.body.items.map((item) => item.partnershipId) : []);
    if (ids.every((id) => listed.has(id)) && list.body.unavailable.length === 0) return list.body;
    if (Date.now() > deadline) throw new Error(`the list shows ${listed.size} of ${ids.length} partnerships after ${timeoutMs} ms (${list.status}: ${JSON.stringify(list.body).slice(0, 300)})`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** One request of a route; never throws: a failure is the sample's `error`. */
function requester(apiUrl: string, session: Session, ids: readonly string[]) {
  let page = 0;
  return async (route: Route): Promise<Pick<Sample, 'error' | 'degraded'>> => {
    const url = route === 'list' ? `${apiUrl}/api/v1/partnerships` : `${apiUrl}/api/v1/partnerships/${ids[page++ % ids.length]!}`;
    try {
      const response = await fetch(url, { headers: { cookie: session.cookie }, signal: AbortSignal.timeout(config.BENCH_TIMEOUT_MS) });
      const text = await response.text();
      if (response.status < 200 || response.status >= 300) return { error: `${response.status} ${text.slice(0, 200)}` };
      if (route === 'list') {
        const body = JSON.parse(text) as PartnershipList;
        if (body.unavailable.length > 0) return { degraded: body.unavailable };
        if (body.items.length !== ids.length) return { error: `200 with ${body.items.length} of ${ids.length} partnerships` };
      }
      return {};
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      return { error: `${error instanceof Error ? error.name : 'Error'}: ${error instanceof Error ? error.message : String(error)}${cause ? ` (${cause})` : ''}` };
    }
  };
}

/**
 * Keeps `concurrency` requests in flight until `durationMs` has passed (or `total` were sent),
 * alternating list and page in the order they are sent.
 */
async function drive(
  send: (route: Route) => Promise<Pick<Sample, 'error' | 'degraded'>>,
  options: { concurrency: number; durationMs?: number; total?: number },
): Promise<{ samples: Sample[]; elapsedMs: number }> {
  const samples: Sample[] = [];
  let next = 0;
  const started = performance.now();
  const more = () =>
    (options.durationMs === undefined || performance.now() - started < options.durationMs) && (options.total === undefined || next < options.total);
  const worker = async () => {
    while (more()) {
      const route: Route = next++ % 2 === 0 ? 'list' : 'page';
      const start = performance.now();
      const outcome = await send(route);
      samples.push({ route, startMs: start - started, latencyMs: performance.now() - start, ...outcome });
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { samples, elapsedMs: performance.now() - started };
}

function statsOf(samples: readonly Sample[], elapsedMs: number): Stats | undefined {
  if (samples.length === 0) return undefined;
  const latencies = samples.map((sample) => sample.latencyMs);
  const summary = summarize([{ latenciesMs: latencies, elapsedMs }], config.BENCH_CONCURRENCY);
  return {
    count: summary.count,
    requestsPerSecond: summary.requestsPerSecond,
    p50Ms: summary.p50Ms,
    p95Ms: percentile(latencies, 95),
    p99Ms: summary.p99Ms,
    maxMs: summary.maxMs,
    errors: samples.filter((sample) => sample.error !== undefined).length,
    degraded: samples.filter((sample) => sample.degraded !== undefined).length,
  };
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ')).join('\n');
}

const statsHeader = ['', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors', 'degraded'];
const statsRow = (label: string, stats: Stats | undefined): string[] =>
  stats
    ? [label, String(stats.count), stats.requestsPerSecond.toFixed(1), stats.p50Ms.toFixed(1), stats.p95Ms.toFixed(1), stats.p99Ms.toFixed(1), stats.maxMs.toFixed(1), String(stats.errors), String(stats.degraded)]
    : [label, '0', '-', '-', '-', '-', '-', '0', '0'];

/**
 * Each hop of the two routes alone, at the same concurrency, for `seconds` each: what a route costs
 * set against its parts. The parts run in the bench's process, so they pay the same client costs the
 * api does (a Temporal client, a Nest NATS client, the MongoDB driver).
 */
async function hops(
  system: { dataDir: string; env: { MITRA_API_URL: string; TEMPORAL_ADDRESS: string; NATS_URL: string; NATS_NKEY_SEED_FILE: string; MONGO_URL: string } },
  session: Session,
  ids: readonly string[],
  actor: Actor,
  leadOrganisationId: string | undefined,
  seconds: number,
): Promise<Array<{ hop: string; timing: Timing; errors: number; cpuMsPerCall: Array<[string, number]> }>> {
  const connection = await Connection.connect({ address: system.env.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: 'default' });
  const services = createServiceClient(testCallerConfig(system.env, keysDirOf(system.dataDir)));
  const driver = new mongoose.mongo.MongoClient(system.env.MONGO_URL);
  await driver.connect();
  const sessions = driver.db('mitra_api').collection<{ _id: string }>('sessions');
  const snapshots = driver.db('mitra_monitoring').collection<{ _id: string }>('plan_snapshots');
  const sessionId = createHash('sha256').update(session.cookie.slice(session.cookie.indexOf('=') + 1)).digest('hex');
  const visibility = [
    `WorkflowType = '${partnershipLifecycleWorkflowName}'`,
    `ExecutionStatus = 'Running'`,
    `${lifecycleSearchAttributes.members} IN (${[memberKeys.user(actor.userId), ...(actor.organisationId ? [memberKeys.organisation(actor.organisationId)] : [])].map((key) => `'${key}'`).join(', ')})`,
  ].join(' AND ');
  let turn = 0;
  const nextId = () => ids[turn++ % ids.length]!;
  const send = requester(system.env.MITRA_API_URL, session, ids);
  const ok = async (outcome: Promise<Pick<Sample, 'error' | 'degraded'>>) => {
    const { error } = await outcome;
    if (error) throw new Error(error);
  };
  const get = async (route: string) => {
    const response = await fetch(`${system.env.MITRA_API_URL}/api/v1/${route}`, { headers: { cookie: session.cookie }, signal: AbortSignal.timeout(config.BENCH_TIMEOUT_MS) });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${route} gave ${response.status}`);
  };
  const parts: Array<[string, () => Promise<unknown>]> = [
    ['http list (whole route)', () => ok(send('list'))],
    ['http page (whole route)', () => ok(send('page'))],
    // For comparison: api-read's route (one NATS request after the state query) and the guard's reads alone.
    ['http GET monitoring/partnerships/:id', () => get(`monitoring/partnerships/${nextId()}`)],
    ['http GET auth/me (session + user)', () => get('auth/me')],
    ['temporal state query', () => temporal.workflow.getHandle(partnershipWorkflowId(nextId())).query(lifecycleStateQuery)],
    [
      'temporal visibility list',
      async () => {
        const found: string[] = [];
        for await (const execution of temporal.workflow.list({ query: visibility })) found.push(execution.workflowId);
        if (found.length !== ids.length) throw new Error(`visibility found ${found.length} of ${ids.length}`);
      },
    ],
    ['nats monitoring.plan.get', () => services.send(MonitoringContracts.GetPlan, { actor, partnershipId: nextId() })],
    ['nats monitoring.plan.progress', () => services.send(MonitoringContracts.GetProgress, { actor, partnershipId: nextId() })],
    ...(leadOrganisationId
      ? [['nats stakeholders.organisation.get', () => services.send(StakeholdersContracts.GetOrganisation, { actor, id: leadOrganisationId })] as [string, () => Promise<unknown>]]
      : []),
    [
      'db session findOne (_id)',
      async () => {
        if (!(await sessions.findOne({ _id: sessionId }))) throw new Error('no session');
      },
    ],
    [
      'db plan snapshot findOne (_id)',
      async () => {
        if (!(await snapshots.findOne({ _id: nextId() }))) throw new Error('no plan snapshot');
      },
    ],
  ];
  const results: Array<{ hop: string; timing: Timing; errors: number; cpuMsPerCall: Array<[string, number]> }> = [];
  try {
    for (const [hop, call] of parts) {
      process.stderr.write(`  ${hop}…\n`);
      const latencies: number[] = [];
      let errors = 0;
      const cpuBefore = cpuByPart();
      const started = performance.now();
      await Promise.all(
        Array.from({ length: config.BENCH_CONCURRENCY }, async () => {
          while (performance.now() - started < seconds * 1000) {
            const start = performance.now();
            try {
              await call();
            } catch {
              errors++;
            }
            latencies.push(performance.now() - start);
          }
        }),
      );
      const elapsedMs = performance.now() - started;
      results.push({ hop, timing: { latenciesMs: latencies, elapsedMs }, errors, cpuMsPerCall: cpuPerCall(cpuBefore, cpuByPart(), latencies.length) });
    }
  } finally {
    await driver.close();
    await connection.close();
    await services.onApplicationShutdown();
  }
  return results;
}

async function main(): Promise<void> {
  const loadBefore = loadAverage();
  process.stderr.write(`Load average ${loadBefore}. Starting the system…\n`);
  const system = await startSystem();
  Object.assign(process.env, system.env);
  try {
    const coordinator = ApiClient.signedInAs(demoAccounts.coordinator.email);
    const session = await coordinator.signedIn();
    const leadOrganisationId = session.user.organisationId;
    const actor: Actor = { userId: session.user.id, role: session.user.role, ...(leadOrganisationId ? { organisationId: leadOrganisationId } : {}) };
    process.stderr.write(`Seeding ${config.BENCH_PARTNERSHIPS} partnerships of ${config.BENCH_REPORTS} reports each…\n`);
    const ids = await seed(coordinator, leadOrganisationId);
    const list = await untilListed(coordinator, ids);
    const listBytes = JSON.stringify(list).length;
    const send = requester(system.env.MITRA_API_URL, session, ids);

    if (config.BENCH_WARMUP > 0) {
      process.stderr.write(`Warm-up: ${config.BENCH_WARMUP} requests…\n`);
      const warmup = await drive(send, { concurrency: config.BENCH_CONCURRENCY, total: config.BENCH_WARMUP });
      const failed = warmup.samples.filter((sample) => sample.error !== undefined).length;
      if (failed > 0) process.stderr.write(`  ${failed} of them failed (not counted)\n`);
    }

    const loadAtStart = loadAverage();
    process.stderr.write(`Measuring for ${config.BENCH_DURATION_S} s, ${config.BENCH_CONCURRENCY} in flight (load average ${loadAtStart})…\n`);
    const windowMs = config.BENCH_WINDOW_S * 1000;
    const windowLoads: string[] = [];
    const loadSampler = setInterval(() => windowLoads.push(os.loadavg()[0]!.toFixed(2)), windowMs);
    const cpuBefore = cpuByPart();
    const { samples, elapsedMs } = await drive(send, { concurrency: config.BENCH_CONCURRENCY, durationMs: config.BENCH_DURATION_S * 1000 });
    clearInterval(loadSampler);
    const runCpu = cpuPerCall(cpuBefore, cpuByPart(), samples.length);
    const loadAtEnd = loadAverage();

    const overall = statsOf(samples, elapsedMs)!;
    const byRoute = (route: Route) => samples.filter((sample) => sample.route === route);
    // Every request was sent within the duration; the last ones end a little after it.
    const durationMs = config.BENCH_DURATION_S * 1000;
    const windows = Math.ceil(durationMs / windowMs);
    const windowRows: string[][] = [];
    const windowStats: Array<{ fromS: number; toS: number; load1?: string; stats?: Stats }> = [];
    for (let window = 0; window < windows; window++) {
      const from = window * windowMs;
      const to = Math.min(durationMs, from + windowMs);
      const inWindow = samples.filter((sample) => sample.startMs >= from && sample.startMs < to);
      const stats = statsOf(inWindow, to - from);
      windowStats.push({ fromS: from / 1000, toS: to / 1000, load1: windowLoads[window], stats });
      windowRows.push(statsRow(`${(from / 1000).toFixed(0)}-${(to / 1000).toFixed(0)} s${windowLoads[window] ? ` (load ${windowLoads[window]})` : ''}`, stats));
    }

    console.log(
      `\nSustained read: ${config.BENCH_CONCURRENCY} in flight for ${(elapsedMs / 1000).toFixed(1)} s as the coordinator; ` +
        `${ids.length} partnerships of ${config.BENCH_REPORTS} reports (list ${listBytes} bytes).\n`,
    );
    console.log(table([statsHeader, statsRow('all', overall), statsRow('  list  GET /partnerships', statsOf(byRoute('list'), elapsedMs)), statsRow('  page  GET /partnerships/:id', statsOf(byRoute('page'), elapsedMs))]));
    console.log(`\nPer ${config.BENCH_WINDOW_S} s window (by when the request was sent):\n`);
    console.log(table([['window', ...statsHeader.slice(1)], ...windowRows]));

    console.log(`\nCPU ms per request (list and page alike), by process of the system: ${formatCpu(runCpu)}`);
    const runCpuCores = (runCpu.reduce((total, [, ms]) => total + ms, 0) * samples.length) / elapsedMs;
    console.log(`The system used ${runCpuCores.toFixed(2)} of ${os.cpus().length} cores; the rest went to other work on the machine.`);

    const failures = samples.filter((sample) => sample.error !== undefined).sort((a, b) => a.startMs - b.startMs);
    if (failures.length > 0) {
      console.log(`\nFirst errors (of ${failures.length}):`);
      for (const failure of failures.slice(0, 5)) console.log(`  at ${(failure.startMs / 1000).toFixed(1)} s, ${failure.route}, after ${failure.latencyMs.toFixed(0)} ms: ${failure.error!}`);
    }
    const degraded = samples.filter((sample) => sample.degraded !== undefined);
    if (degraded.length > 0) {
      const named = new Map<string, number>();
      for (const sample of degraded) for (const source of sample.degraded!) named.set(source, (named.get(source) ?? 0) + 1);
      console.log(`\nDegraded lists (200 naming unavailable services): ${degraded.length}; ${[...named].map(([source, times]) => `${source} ×${times}`).join(', ')}`);
    }

    const p99Pass = overall.p99Ms <= goalP99Ms;
    const errorsPass = overall.errors === 0;
    console.log(
      `\nGoal (issue 12): p99 ≤ ${goalP99Ms} ms: ${p99Pass ? 'PASS' : 'FAIL'} (${overall.p99Ms.toFixed(1)} ms); ` +
        `0 errors: ${errorsPass ? 'PASS' : 'FAIL'} (${overall.errors}${overall.degraded > 0 ? `; ${overall.degraded} degraded lists besides` : ''}) => ${p99Pass && errorsPass ? 'PASS' : 'FAIL'}`,
    );
    console.log(
      `${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, the embedded FerretDB v1.24 (patched, SQLite); ` +
        `load average ${loadBefore} before start-up, ${loadAtStart} at the start of the run, ${loadAtEnd} at its end.`,
    );

    let hopResults: Array<{ hop: string; stats: ReturnType<typeof summarize> & { p95Ms: number; errors: number }; cpuMsPerCall: Array<[string, number]> }> = [];
    if (config.BENCH_HOPS_S > 0) {
      process.stderr.write(`\nEach hop alone, ${config.BENCH_HOPS_S} s each, ${config.BENCH_CONCURRENCY} in flight (load average ${loadAverage()})…\n`);
      const measured = await hops(system, session, ids, actor, leadOrganisationId, config.BENCH_HOPS_S);
      hopResults = measured.map(({ hop, timing, errors, cpuMsPerCall }) => ({
        hop,
        stats: { ...summarize([timing], config.BENCH_CONCURRENCY), p95Ms: percentile(timing.latenciesMs, 95), errors },
        cpuMsPerCall,
      }));
      console.log(`\nEach hop alone, ${config.BENCH_CONCURRENCY} in flight, ${config.BENCH_HOPS_S} s each (load average ${loadAverage()} at the end):\n`);
      console.log(
        table([
          ['hop', 'calls', 'calls/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors', 'CPU ms/call'],
          ...hopResults.map(({ hop, stats, cpuMsPerCall }) => [
            hop,
            String(stats.count),
            stats.requestsPerSecond.toFixed(1),
            stats.p50Ms.toFixed(2),
            stats.p95Ms.toFixed(2),
            stats.p99Ms.toFixed(2),
            stats.maxMs.toFixed(1),
            String(stats.errors),
            cpuMsPerCall.reduce((total, [, ms]) => total + ms, 0).toFixed(1),
          ]),
        ]),
      );
      console.log('\nCPU ms per call by process:');
      for (const { hop, cpuMsPerCall } of hopResults) console.log(`  ${hop.padEnd(38)} ${formatCpu(cpuMsPerCall)}`);
      console.log(`\nA list is 1 visibility list + ${ids.length} state queries + ${ids.length * (leadOrganisationId ? 3 : 2)} NATS requests (${Math.min(ids.length, 8)} partnerships at a time) + the session and user lookups; a page is 2 state queries + the lookups.`);
    }

    const timestamp = new Date().toISOString();
    const resultsDir = path.join(workspaceRoot, 'tools', 'bench', 'results');
    fs.mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `api-sustained-${timestamp.replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(
      file,
      `${JSON.stringify(
        {
          benchmark: 'api-sustained',
          timestamp,
          setup: { ...config, cpus: os.cpus().length, node: process.version, load: { beforeStartUp: loadBefore, atStart: loadAtStart, atEnd: loadAtEnd } },
          overall,
          cpuMsPerRequest: Object.fromEntries(runCpu),
          list: statsOf(byRoute('list'), elapsedMs),
          page: statsOf(byRoute('page'), elapsedMs),
          windows: windowStats,
          errors: failures.slice(0, 20).map(({ route, startMs, latencyMs, error }) => ({ route, startMs, latencyMs, error })),
          hops: hopResults,
          pass: p99Pass && errorsPass,
        },
        null,
        2,
      )}\n`,
    );
    process.stderr.write(`Results: ${path.relative(workspaceRoot, file)}\n`);
  } finally {
    await system.stop();
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
