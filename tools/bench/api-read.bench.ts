// An authenticated read of a partnership through the api (NestJS on its Fastify adapter) next to a
// bare Fastify route doing the same database reads, in the same run, on the same Fastify. Not a test.
// Run: node -r @swc-node/register tools/bench/api-read.bench.ts
//   BENCH_ITERATIONS=2000 BENCH_WARMUP=200 BENCH_ROUNDS=5 BENCH_CONCURRENCY=8 BENCH_REPORTS=20
// A = GET /api/v1/monitoring/partnerships/:id as the partnership's coordinator: session lookup (by
//     the token's digest), user lookup, role and membership check (the workflow's state query in
//     Temporal), NATS request to the monitoring service, zod, its plan load (mongoose connection,
//     FerretDB), the plan's JSON.
// B = Fastify + the MongoDB driver, the same cookie and the same database reads in the same order:
//     mitra_api.sessions by `_id` (SHA-256 of the cookie's token, expiry checked), mitra_api.users by
//     `_id` (disabled checked), then the monitoring plan load as `DocumentLog.current` does it since
//     b0151fd: mitra_monitoring.plan_snapshots by `_id`, then the revisions after the snapshot's in
//     plan_changes (`{aggregateId, revision: {$gte}}` sorted by `revision`, without state and events),
//     the same JSON.
//     Not in B, because they are not database reads: the membership check (a Temporal query of the
//     workflow's state) and the NATS hop to the monitoring service; they are the rest of what A
//     adds, and tools/bench/api-sustained.bench.ts shows how they behave over time.
// Then the same pair for the session check alone, where A − B is the HTTP layer (Nest on Fastify,
// the guard, the cookie, the hooks): A = GET /api/v1/auth/me, B = the session and user reads above.
// Starts the whole system (servers and apps) on free ports under .data/test-*, removed afterwards.
import 'reflect-metadata';
import Fastify from 'fastify';
import mongoose from 'mongoose';
import { createHash } from 'node:crypto';
import * as os from 'node:os';
import { z } from 'zod';
import type { LifecycleState, MonitoringPlan, PartnershipIndicator } from '@mitra/contracts';
import { freePorts } from '@mitra/stack';
import { ApiClient, demoAccounts, startSystem } from '@mitra/testing';
import { compare, ratios, type Ratios, type Summary } from './measure';

/** As the api's SessionsService: however active, a session ends this long after sign-in. */
const maxSessionMs = 7 * 24 * 60 * 60 * 1000;

const count = z.coerce.number().int().min(1);
const config = z
  .object({
    BENCH_ITERATIONS: count.default(2000),
    BENCH_WARMUP: z.coerce.number().int().min(0).default(200),
    BENCH_CONCURRENCY: count.default(8),
    BENCH_ROUNDS: count.default(5),
    BENCH_REPORTS: count.default(20),
  })
  .parse(process.env);

async function seed(coordinator: ApiClient): Promise<string> {
  const started = await coordinator.post<LifecycleState>('partnerships', { name: 'Kemitraan Tolok Ukur' });
  if (started.status !== 201)
    throw new Error(`start gave ${started.status}: ${JSON.stringify(started.body)}`);
  const id = started.body.partnershipId;
  const base = `monitoring/partnerships/${id}`;
  await coordinator.post(`${base}/sdg-targets`, { targets: ['2.2', '3.2'] });
  const indicator = await coordinator.post<PartnershipIndicator>(`${base}/indicators`, {
    name: 'Balita ditimbang',
    sdg: { kind: 'target', code: '2.2' },
    unit: 'anak',
    direction: 'higher_is_better',
    accumulation: 'cumulative',
    disaggregations: ['sex'],
  });
  for (let period = 1; period <= config.BENCH_REPORTS; period++) {
    const report = await coordinator.post(`${base}/reports`, {
      periodNumber: period,
      organisationId: 'org-posyandu',
      values: [
        {
          indicatorId: indicator.body.id,
          value: 100 + period,
          breakdown: [
            { dimensions: { sex: 'perempuan' }, value: 50 },
            { dimensions: { sex: 'laki-laki' }, value: 50 + period },
          ],
        },
      ],
      narrative: `Penimbangan periode ${period}.`,
    });
    if (report.status !== 201)
      throw new Error(`report gave ${report.status}: ${JSON.stringify(report.body)}`);
  }
  return id;
}

async function main(): Promise<void> {
  const loadBefore = loadAverage();
  process.stderr.write(`Load average ${loadBefore}. Starting the system…\n`);
  const system = await startSystem();
  Object.assign(process.env, system.env);
  const driver = new mongoose.mongo.MongoClient(system.env.MONGO_URL);
  const fastify = Fastify({ logger: false });
  try {
    const coordinator = ApiClient.signedInAs(demoAccounts.coordinator.email);
    const partnershipId = await seed(coordinator);

    await driver.connect();
    // The api's own reads of every request (AccessGuard): the session by its token's digest, then its user.
    const apiDatabase = driver.db('mitra_api');
    const sessions = apiDatabase.collection<{
      _id: string;
      userId: string;
      createdAt: Date;
      expiresAt: Date;
    }>('sessions');
    const users = apiDatabase.collection<{ _id: mongoose.mongo.ObjectId; disabled: boolean }>('users');
    // The monitoring service's plan load (DocumentLog.current): the plan's snapshot, then the revisions written after it.
    const monitoring = driver.db('mitra_monitoring');
    const snapshots = monitoring.collection<{ _id: string; revision: number; document: MonitoringPlan }>(
      'plan_snapshots',
    );
    const changes = monitoring.collection<{ _id: string; aggregateId: string; revision: number }>(
      'plan_changes',
    );
    /** The signed-in user's id, or undefined (401), as the AccessGuard finds it. */
    const signedInUser = async (cookieHeader: string | undefined) => {
      const token = sessionTokenOf(cookieHeader);
      const session =
        token === undefined
          ? null
          : await sessions.findOne({ _id: createHash('sha256').update(token).digest('hex') });
      const now = Date.now();
      if (!session || session.expiresAt.getTime() <= now || session.createdAt.getTime() + maxSessionMs <= now)
        return undefined;
      const user = await users.findOne({ _id: new mongoose.mongo.ObjectId(session.userId) });
      return user && !user.disabled ? user._id.toHexString() : undefined;
    };
    fastify.get('/me', async (request, reply) => {
      const userId = await signedInUser(request.headers.cookie);
      return userId === undefined ? reply.code(401).send() : { userId };
    });
    fastify.get<{ Params: { id: string } }>('/plans/:id', async (request, reply) => {
      if ((await signedInUser(request.headers.cookie)) === undefined) return reply.code(401).send();
      const snapshot = await snapshots.findOne({ _id: request.params.id });
      const newer = await changes
        .find(
          { aggregateId: request.params.id, revision: { $gte: (snapshot?.revision ?? 0) + 1 } },
          { projection: { state: 0, events: 0 } },
        )
        .sort({ revision: 1 })
        .toArray();
      // At rest the snapshot is current; folding newer revisions is the service's business.
      if (newer.length > 0) throw new Error('the snapshot is behind');
      return snapshot?.document ?? null;
    });
    const [port] = await freePorts(1);
    await fastify.listen({ port, host: '127.0.0.1' });
    const session = await coordinator.signedIn();

    const viaApi = async () => {
      const response = await fetch(
        `${system.env.MITRA_API_URL}/api/v1/monitoring/partnerships/${partnershipId}`,
        { headers: { cookie: session.cookie } },
      );
      if (response.status !== 200) throw new Error(`api gave ${response.status}`);
      return response.json() as Promise<MonitoringPlan>;
    };
    const viaFastify = async () => {
      const response = await fetch(`http://127.0.0.1:${port}/plans/${partnershipId}`, {
        headers: { cookie: session.cookie },
      });
      if (response.status !== 200) throw new Error(`fastify gave ${response.status}`);
      return response.json() as Promise<MonitoringPlan>;
    };
    const get = (url: string, who: string) => async () => {
      const response = await fetch(url, { headers: { cookie: session.cookie } });
      if (response.status !== 200) throw new Error(`${who} gave ${response.status}`);
      return response.json() as Promise<unknown>;
    };
    const meViaApi = get(`${system.env.MITRA_API_URL}/api/v1/auth/me`, 'api');
    const meViaFastify = get(`http://127.0.0.1:${port}/me`, 'fastify');
    const [a, b] = await Promise.all([viaApi(), viaFastify()]);
    if (JSON.stringify(a) !== JSON.stringify(b))
      throw new Error('the api and the bare route disagree on the plan');
    process.stderr.write(
      `Plan of ${a.reports.length} reports, ${JSON.stringify(a).length} bytes. Measuring…\n`,
    );

    const options = {
      iterations: config.BENCH_ITERATIONS,
      concurrency: config.BENCH_CONCURRENCY,
      warmup: config.BENCH_WARMUP,
      rounds: Math.min(config.BENCH_ROUNDS, config.BENCH_ITERATIONS),
    };
    const result = await compare(viaApi, viaFastify, options);
    const ratio = ratios(result.a, result.b);
    console.log(formatTable(result.a, result.b, ratio));
    const sessionOnly = await compare(meViaApi, meViaFastify, options);
    console.log(`\nThe session check alone (A GET /api/v1/auth/me, B the session and user reads):`);
    console.log(formatTable(sessionOnly.a, sessionOnly.b, ratios(sessionOnly.a, sessionOnly.b)));
    const verdict = (pass: boolean) => (pass ? 'PASS' : 'FAIL');
    console.log(
      `\nGoals (issue 16): A ≥ 0.75x B req/s: ${verdict(ratio.requestsPerSecond >= 0.75)} (${ratio.requestsPerSecond.toFixed(2)}x); ` +
        `A p99 ≤ 1.5x B: ${verdict(ratio.p99 <= 1.5)} (${ratio.p99.toFixed(2)}x). ` +
        `(Issue 12: A ≥ 300 req/s: ${verdict(result.a.requestsPerSecond >= 300)} (${result.a.requestsPerSecond.toFixed(0)}).)`,
    );
    console.log(
      `\n${config.BENCH_CONCURRENCY} requests in flight; ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, ` +
        `the embedded FerretDB v1.24 (patched, SQLite); load average ${loadBefore} before, ${loadAverage()} after.` +
        '\nA = the api on Fastify, signed in as the coordinator (session, user, policy, membership (remembered between lifecycle events), NATS, monitoring service); B = bare Fastify + MongoDB driver, no Nest, the same session, user and plan reads.',
    );
  } finally {
    await fastify.close();
    await driver.close();
    await system.stop();
  }
}

const loadAverage = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

/** The session token from a Cookie header, as the api's cookie parser reads `mitra_session`. */
function sessionTokenOf(cookieHeader: string | undefined): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === 'mitra_session') return decodeURIComponent(value.join('='));
  }
  return undefined;
}

function formatTable(a: Summary, b: Summary, ratio: Ratios): string {
  const ms = (value: number) => value.toFixed(2);
  const rows = [
    ['variant', 'req/s', 'p50 ms', 'p99 ms'],
    ['A api', a.requestsPerSecond.toFixed(0), ms(a.p50Ms), ms(a.p99Ms)],
    ['B fastify', b.requestsPerSecond.toFixed(0), ms(b.p50Ms), ms(b.p99Ms)],
    ['A/B', `${ratio.requestsPerSecond.toFixed(2)}x`, `${ratio.p50.toFixed(2)}x`, `${ratio.p99.toFixed(2)}x`],
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
        .join('  '),
    )
    .join('\n');
}

// Exit explicitly: ManagedProcess.stop() leaves its kill-timeout timer holding the event loop.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
