// The partnershipLifecycle workflow (A) against a trivial workflow with one counting Update (B), on one real
// Temporal dev server. Not a test: run with `npm run bench:lifecycle`; see tools/bench/README.md.
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import {
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { z } from 'zod';
import {
  lifecycleStateQuery,
  partnershipLifecycleWorkflowName,
  type DecisionKind,
  type DecisionResult,
} from '@mitra/contracts';
import { stages, stageTasks } from '@mitra/domain';
import { dataRoot, freePort, startTemporal, workspaceRoot } from '@mitra/stack';
// eslint-disable-next-line no-restricted-imports, @nx/enforce-module-boundaries
import { coordinator, lifecycleInput, LifecycleDriver } from '../../apps/worker/test/lifecycle-driver';
// eslint-disable-next-line no-restricted-imports, @nx/enforce-module-boundaries
import { lifecycleBundle } from '../../apps/worker/test/workflow-bundle';
import type { MemoryCommand, MemoryReport, MemorySnapshot } from './lifecycle-memory-worker';
import { ratios, run, summarize, type Operation, type Ratios, type Summary, type Timing } from './measure';
import {
  countQuery,
  incrementUpdate,
  trivialUpdatesWorkflowName,
} from './workflows/trivial-updates.workflow';

const count = z.coerce.number().int().min(1);
const config = z
  .object({
    // The defaults fit in about 3 minutes on a busy 2-core machine; see tools/bench/README.md for the full-size run.
    /** 1. Workflows started per variant in the `start` mode, and in the `start + first query` mode. */
    BENCH_PARTNERSHIPS: count.default(100),
    BENCH_QUERIED_PARTNERSHIPS: count.default(50),
    BENCH_START_CONCURRENCY: count.default(16),
    BENCH_START_WARMUP: z.coerce.number().int().min(0).default(8),
    BENCH_ROUNDS: count.default(2),
    /** 2, 3, 5. Full cycles driven per variant after one warm-up cycle; their decisions are the latency samples. */
    BENCH_CYCLES: count.default(2),
    BENCH_REPLAY_ROUNDS: count.default(3),
    /**
     * 4. Open workflows in the memory measurement, after BENCH_MEMORY_WARMUP that are not counted. Figures for 1,000
     * are projected from this many when it is fewer (memory per workflow is linear); set 1000 to measure them.
     */
    BENCH_OPEN_PARTNERSHIPS: count.default(250),
    BENCH_MEMORY_WARMUP: count.default(10),
    BENCH_MEMORY_START_CONCURRENCY: count.default(32),
    /** 1: the memory worker runs workflows in its main thread (debugMode) so heapUsed counts them; 0: as in production. */
    BENCH_MEMORY_MAIN_THREAD: z.enum(['0', '1']).default('1'),
    /** 4. The memory worker's maxCachedWorkflows; Temporal's default (from the heap limit) when unset. */
    BENCH_MAX_CACHED_WORKFLOWS: count.optional(),
    BENCH_SETTLE_TIMEOUT_MS: count.default(300_000),
  })
  .parse(process.env);

/** Temporal's default per-run history limits (dynamic config limit.historyCount.* and limit.historySize.*). */
const temporalLimits = {
  eventsWarn: 10_240,
  eventsError: 51_200,
  bytesWarn: 10 * 1024 * 1024,
  bytesError: 50 * 1024 * 1024,
};

const variants = {
  a: { label: 'A  partnershipLifecycle', workflow: partnershipLifecycleWorkflowName },
  b: { label: 'B  trivialUpdates', workflow: trivialUpdatesWorkflowName },
} as const;

/** The decisions of one full cycle as LifecycleDriver makes them: every task and question, five gates, the closure. */
const decisionsPerCycle =
  stages.reduce((total, stage) => total + stageTasks(stage.id).length + stage.questions.length, 0) + 4 + 2;

type History = temporal.api.history.v1.IHistory;

/** One of each: A the lifecycle, B the trivial baseline. */
interface Pair<T> {
  a: T;
  b: T;
}

interface RecordedHistory {
  workflowId: string;
  history: History;
  events: number;
  /** Events by type, e.g. WORKFLOW_EXECUTION_UPDATE_ACCEPTED: 66. */
  eventTypes: Record<string, number>;
  protoBytes: number;
  jsonBytes: number;
}

interface CycleResults {
  decisionsPerCycle: number;
  latency: { a: Summary; b: Summary; ratio: Ratios };
  histories: { a: RecordedHistory[]; b: RecordedHistory[] };
}

interface MemoryVariantResult {
  variant: string;
  openWorkflows: number;
  warmupWorkflows: number;
  maxCachedWorkflows: number;
  heapSizeLimit: number;
  debugMode: boolean;
  cachedWorkflows: number;
  startSeconds: number;
  settleMs: number;
  /** Wall time of each step, to see where a long run goes. */
  stepsMs: { boot: number; warmup: number; start: number; settle: number; stop: number };
  before: MemorySnapshot;
  after: MemorySnapshot;
}

/** A worker process that died (out of memory, most likely) is a result too, not a reason to drop the other. */
type MemoryOutcome = MemoryVariantResult | { variant: string; failed: string };

// ---------------------------------------------------------------- output

function table(header: string[], rows: string[][], leftColumns: number, ruleEvery?: number): string {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) =>
        column < leftColumns ? cell.padEnd(widths[column]) : cell.padStart(widths[column]),
      )
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  const body: string[] = [];
  rows.forEach((row, index) => {
    if (ruleEvery && index > 0 && index % ruleEvery === 0) body.push(rule);
    body.push(line(row));
  });
  return [line(header), rule, ...body].join('\n');
}

const ms = (value: number) => value.toFixed(2);
const times = (value: number) => `${value.toFixed(2)}x`;
const int = (value: number) => Math.round(value).toLocaleString('en-US');
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const kib = (bytes: number) => (bytes / 1024).toFixed(1);
const share = (value: number) => `${value.toFixed(4)} (${(value * 100).toFixed(2)}%)`;

// ---------------------------------------------------------------- 1. starts

interface StartMode {
  mode: 'start' | 'start + first query';
  a: Summary;
  b: Summary;
  ratio: Ratios;
}

/** Resolves once no worker has a workflow task or activity in flight, and has had none for `quietMs`. */
async function workersIdle(workers: Worker[], quietMs = 500): Promise<void> {
  const deadline = Date.now() + config.BENCH_SETTLE_TIMEOUT_MS;
  let quietSince: number | undefined;
  for (;;) {
    const idle = workers.every((worker) => {
      const status = worker.getStatus();
      return status.numInFlightWorkflowActivations === 0 && status.numInFlightActivities === 0;
    });
    quietSince = idle ? (quietSince ?? Date.now()) : undefined;
    if (quietSince !== undefined && Date.now() - quietSince >= quietMs) return;
    if (Date.now() > deadline)
      throw new Error(`workers still busy after ${config.BENCH_SETTLE_TIMEOUT_MS} ms`);
    await sleep(50);
  }
}

async function measureStarts(client: Client, queues: Pair<string>, workers: Worker[]): Promise<StartMode[]> {
  let next = 0;
  // The last workflows started per variant: once they have no pending task, the worker has caught up.
  const recent: Pair<WorkflowHandle[]> = { a: [], b: [] };
  const keep = <T extends WorkflowHandle>(key: 'a' | 'b', handle: T): T => {
    recent[key].push(handle);
    if (recent[key].length > config.BENCH_START_CONCURRENCY) recent[key].shift();
    return handle;
  };
  const startA = async () =>
    keep(
      'a',
      await client.workflow.start(partnershipLifecycleWorkflowName, {
        workflowId: `bench-start-a-${process.pid}-${next++}`,
        taskQueue: queues.a,
        args: [lifecycleInput()],
      }),
    );
  const startB = async () =>
    keep(
      'b',
      await client.workflow.start(trivialUpdatesWorkflowName, {
        workflowId: `bench-start-b-${process.pid}-${next++}`,
        taskQueue: queues.b,
        args: [{}],
      }),
    );
  // Between runs, untimed: the first tasks one run leaves behind must not land on the next (or time its queries out).
  const drain = async () => {
    await serverSettled([...recent.a, ...recent.b]);
    await workersIdle(workers);
  };
  const modes: Array<{ mode: StartMode['mode']; iterations: number; a: Operation; b: Operation }> = [
    { mode: 'start', iterations: config.BENCH_PARTNERSHIPS, a: startA, b: startB },
    {
      // The query waits for the worker's first workflow task: the partnership can show its state.
      mode: 'start + first query',
      iterations: config.BENCH_QUERIED_PARTNERSHIPS,
      a: async () => (await startA()).query(lifecycleStateQuery),
      b: async () => (await startB()).query(countQuery),
    },
  ];
  const concurrency = config.BENCH_START_CONCURRENCY;
  const results: StartMode[] = [];
  // As compare() from measure.ts, with a drain after every run.
  for (const { mode, iterations, a, b } of modes) {
    const rounds = Math.min(config.BENCH_ROUNDS, iterations);
    const operations = { a, b };
    if (config.BENCH_START_WARMUP > 0) {
      for (const key of ['a', 'b'] as const) {
        await run(operations[key], { iterations: config.BENCH_START_WARMUP, concurrency });
        await drain();
      }
    }
    const timings: Pair<Timing[]> = { a: [], b: [] };
    for (let round = 0; round < rounds; round++) {
      const share = Math.floor(iterations / rounds) + (round < iterations % rounds ? 1 : 0);
      const order = round % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const);
      for (const key of order) {
        timings[key].push(await run(operations[key], { iterations: share, concurrency }));
        await drain();
      }
    }
    const summaries = { a: summarize(timings.a, concurrency), b: summarize(timings.b, concurrency) };
    results.push({ mode, ...summaries, ratio: ratios(summaries.a, summaries.b) });
  }
  return results;
}

// ---------------------------------------------------------------- 2, 3, 5. full cycles

/** LifecycleDriver whose decisions are timed from sending the Update until the state query shows it. */
class TimedDriver extends LifecycleDriver {
  readonly latenciesMs: number[] = [];
  decisions = 0;
  timed = true;

  override async decide(
    kind: DecisionKind,
    payload: Record<string, unknown>,
    idempotencyKey: string = `key-${randomUUID()}`,
  ): Promise<DecisionResult> {
    this.decisions++;
    if (!this.timed) return super.decide(kind, payload, idempotencyKey);
    const start = performance.now();
    const result = await super.decide(kind, payload, idempotencyKey);
    const state = await this.state();
    const elapsed = performance.now() - start;
    if (!state.processedKeys[idempotencyKey])
      throw new Error(`the state query does not show ${kind} ${idempotencyKey}`);
    this.latenciesMs.push(elapsed);
    return result;
  }
}

async function record(handle: WorkflowHandle): Promise<RecordedHistory> {
  const history = await handle.fetchHistory();
  const json = historyToJSON(history);
  const eventTypes: Record<string, number> = {};
  for (const event of history.events ?? []) {
    const type = (temporal.api.enums.v1.EventType[event.eventType ?? 0] ?? String(event.eventType)).replace(
      /^EVENT_TYPE_/,
      '',
    );
    eventTypes[type] = (eventTypes[type] ?? 0) + 1;
  }
  return {
    workflowId: handle.workflowId,
    // Replayed from its JSON, as a recorded fixture would be.
    history: historyFromJSON(JSON.parse(json)),
    events: history.events?.length ?? 0,
    eventTypes,
    protoBytes: temporal.api.history.v1.History.encode(history).finish().byteLength,
    jsonBytes: Buffer.byteLength(json),
  };
}

/** Initiation to closure. The closing approval is not timed: the query after it would replay a closed workflow. */
async function lifecycleCycle(
  client: Client,
  taskQueue: string,
): Promise<{ timing: Timing; history: RecordedHistory }> {
  const input = lifecycleInput();
  const handle = await client.workflow.start(partnershipLifecycleWorkflowName, {
    workflowId: `bench-cycle-a-${input.partnershipId}`,
    taskQueue,
    args: [input],
  });
  const driver = new TimedDriver(handle);
  const started = performance.now();
  await driver.driveToMaturation();
  await driver.decide('decideMaturation', {
    actor: coordinator,
    outcome: 'close',
    closureReport: { summary: 'Tujuan tercapai; kegiatan diteruskan oleh pemerintah desa.' },
  });
  const elapsedMs = performance.now() - started;
  driver.timed = false;
  await driver.approve();
  const closed = await handle.result();
  if (closed.status !== 'closed') throw new Error(`the partnership ended ${closed.status}, not closed`);
  if (driver.decisions !== decisionsPerCycle) {
    throw new Error(
      `a full cycle took ${driver.decisions} decisions, expected ${decisionsPerCycle}: update decisionsPerCycle`,
    );
  }
  return { timing: { latenciesMs: driver.latenciesMs, elapsedMs }, history: await record(handle) };
}

/** As many Updates as a partnership's cycle, each followed by a query; the last one completes the workflow. */
async function trivialCycle(
  client: Client,
  taskQueue: string,
): Promise<{ timing: Timing; history: RecordedHistory }> {
  const handle = await client.workflow.start(trivialUpdatesWorkflowName, {
    workflowId: `bench-cycle-b-${randomUUID()}`,
    taskQueue,
    args: [{ closeAfter: decisionsPerCycle }],
  });
  let counted = 0;
  const timing = await run(
    async () => {
      await handle.executeUpdate(incrementUpdate, { args: [1], updateId: `key-${randomUUID()}` });
      const shown = await handle.query(countQuery);
      if (shown !== ++counted) throw new Error(`the count query shows ${shown}, expected ${counted}`);
    },
    { iterations: decisionsPerCycle - 1, concurrency: 1 },
  );
  await handle.executeUpdate(incrementUpdate, { args: [1], updateId: `key-${randomUUID()}` });
  const total = await handle.result();
  if (total !== decisionsPerCycle)
    throw new Error(`trivialUpdates counted ${total}, expected ${decisionsPerCycle}`);
  return { timing, history: await record(handle) };
}

async function measureCycles(client: Client, queues: Pair<string>): Promise<CycleResults> {
  const timings: { a: Timing[]; b: Timing[] } = { a: [], b: [] };
  const histories: CycleResults['histories'] = { a: [], b: [] };
  // Round 0 warms up (its latencies are dropped, its histories kept); then alternate A B, B A, ...
  for (let round = 0; round <= config.BENCH_CYCLES; round++) {
    const order = round % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const);
    for (const key of order) {
      const { timing, history } =
        key === 'a' ? await lifecycleCycle(client, queues.a) : await trivialCycle(client, queues.b);
      if (round > 0) timings[key].push(timing);
      histories[key].push(history);
    }
  }
  const a = summarize(timings.a, 1);
  const b = summarize(timings.b, 1);
  return { decisionsPerCycle, latency: { a, b, ratio: ratios(a, b) }, histories };
}

// ---------------------------------------------------------------- 3. replay

/** Replays the histories through one replay worker, one after the other, timing each from hand-over to result. */
async function replayTiming(
  workflowBundle: WorkflowBundleWithSourceMap,
  histories: RecordedHistory[],
): Promise<Timing> {
  let handedOver = 0;
  async function* feed() {
    for (const { workflowId, history } of histories) {
      handedOver = performance.now();
      yield { workflowId, history };
    }
  }
  const latenciesMs: number[] = [];
  const started = performance.now();
  for await (const result of Worker.runReplayHistories({ workflowBundle }, feed())) {
    latenciesMs.push(performance.now() - handedOver);
    if (result.error) throw new Error(`replay of ${result.workflowId} failed: ${String(result.error)}`);
  }
  if (latenciesMs.length !== histories.length)
    throw new Error(`replayed ${latenciesMs.length} of ${histories.length} histories`);
  return { latenciesMs, elapsedMs: performance.now() - started };
}

async function measureReplay(
  bundles: Pair<WorkflowBundleWithSourceMap>,
  histories: CycleResults['histories'],
): Promise<{ a: Summary; b: Summary; ratio: Ratios }> {
  // One unmeasured pass each, then rounds alternating A B, B A, ...
  await replayTiming(bundles.a, histories.a);
  await replayTiming(bundles.b, histories.b);
  const timings: { a: Timing[]; b: Timing[] } = { a: [], b: [] };
  for (let round = 0; round < config.BENCH_REPLAY_ROUNDS; round++) {
    const order = round % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const);
    for (const key of order) timings[key].push(await replayTiming(bundles[key], histories[key]));
  }
  const a = summarize(timings.a, 1);
  const b = summarize(timings.b, 1);
  return { a, b, ratio: ratios(a, b) };
}

// ---------------------------------------------------------------- 4. memory

function nextReport(child: ChildProcess): Promise<MemoryReport> {
  return new Promise((resolve, reject) => {
    const onMessage = (report: MemoryReport) => {
      child.off('exit', onExit);
      if (report.type === 'failed') reject(new Error(`memory worker: ${report.error}`));
      else resolve(report);
    };
    const onExit = (code: number | null) => {
      child.off('message', onMessage);
      reject(new Error(`memory worker exited with code ${code}`));
    };
    child.once('message', onMessage);
    child.once('exit', onExit);
  });
}

async function measured(
  child: ChildProcess,
  command: MemoryCommand,
): Promise<Extract<MemoryReport, { type: 'measured' }>> {
  child.send(command);
  const report = await nextReport(child);
  if (report.type !== 'measured') throw new Error(`memory worker answered ${report.type} to ${command.type}`);
  return report;
}

/** Waits until the server shows no pending workflow task or activity on these workflows. */
async function serverSettled(handles: WorkflowHandle[]): Promise<void> {
  const deadline = Date.now() + config.BENCH_SETTLE_TIMEOUT_MS;
  let waiting = handles;
  for (;;) {
    const pending = await Promise.all(
      waiting.map(async (handle) => {
        const { raw } = await handle.describe();
        return raw.pendingWorkflowTask || (raw.pendingActivities?.length ?? 0) > 0 ? [handle] : [];
      }),
    );
    waiting = pending.flat();
    if (waiting.length === 0) return;
    if (Date.now() > deadline) throw new Error(`${waiting[0].workflowId} still has pending tasks`);
    await sleep(100);
  }
}

async function measureMemory(
  client: Client,
  address: string,
  bundlePath: string,
  key: 'a' | 'b',
  register: (cleanup: () => Promise<unknown>) => void,
): Promise<MemoryVariantResult> {
  const taskQueue = `bench-memory-${key}-${process.pid}`;
  let stepStarted = performance.now();
  const step = () => {
    const now = performance.now();
    const elapsed = now - stepStarted;
    stepStarted = now;
    return elapsed;
  };
  const child = fork(path.join(__dirname, 'lifecycle-memory-worker.ts'), [], {
    execArgv: [...process.execArgv, '--expose-gc'],
    env: {
      ...process.env,
      BENCH_TEMPORAL_ADDRESS: address,
      BENCH_TASK_QUEUE: taskQueue,
      BENCH_BUNDLE_PATH: bundlePath,
      BENCH_SETTLE_TIMEOUT_MS: String(config.BENCH_SETTLE_TIMEOUT_MS),
      BENCH_MEMORY_MAIN_THREAD: config.BENCH_MEMORY_MAIN_THREAD,
      ...(config.BENCH_MAX_CACHED_WORKFLOWS
        ? { BENCH_MAX_CACHED_WORKFLOWS: String(config.BENCH_MAX_CACHED_WORKFLOWS) }
        : {}),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  register(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  const ready = await nextReport(child);
  if (ready.type !== 'ready') throw new Error(`memory worker sent ${ready.type} before ready`);
  const boot = step();

  let next = 0;
  const handles: WorkflowHandle[] = [];
  const start: Operation = async () => {
    const id = `bench-memory-${key}-${process.pid}-${next++}`;
    handles.push(
      key === 'a'
        ? await client.workflow.start(partnershipLifecycleWorkflowName, {
            workflowId: id,
            taskQueue,
            args: [lifecycleInput()],
          })
        : await client.workflow.start(trivialUpdatesWorkflowName, { workflowId: id, taskQueue, args: [{}] }),
    );
  };
  const activitiesPer = key === 'a' ? 1 : 0;
  const startMany = (iterations: number) =>
    run(start, { iterations, concurrency: config.BENCH_MEMORY_START_CONCURRENCY });
  const sample = () => handles.slice(-config.BENCH_MEMORY_START_CONCURRENCY);

  // Warm-up: the worker's first workflows load the bundle and fill the pools; that is not per-workflow memory.
  const warmup = config.BENCH_MEMORY_WARMUP;
  await startMany(warmup);
  await serverSettled(sample());
  const before = await measured(child, {
    type: 'measure',
    workflows: warmup,
    activities: warmup * activitiesPer,
  });
  const warmupMs = step();

  const open = config.BENCH_OPEN_PARTNERSHIPS;
  const starts = await startMany(open);
  const startMs = step();
  await serverSettled(sample());
  const after = await measured(child, {
    type: 'measure',
    workflows: warmup + open,
    activities: (warmup + open) * activitiesPer,
  });
  const settle = step();

  // A graceful shutdown evicts every cached workflow first; nothing here needs it, so it gets a few seconds.
  child.send({ type: 'stop' } satisfies MemoryCommand);
  await Promise.race([exited, sleep(5000)]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await exited;
  const stop = step();
  return {
    variant: variants[key].label,
    openWorkflows: open,
    warmupWorkflows: warmup,
    maxCachedWorkflows: ready.maxCachedWorkflows,
    heapSizeLimit: ready.heapSizeLimit,
    debugMode: ready.debugMode,
    cachedWorkflows: after.status.numCachedWorkflows,
    startSeconds: starts.elapsedMs / 1000,
    settleMs: after.settleMs,
    stepsMs: { boot, warmup: warmupMs, start: startMs, settle, stop },
    before: before.memory,
    after: after.memory,
  };
}

// ---------------------------------------------------------------- main

let interrupted = false;

async function main(): Promise<void> {
  const dataDir = path.join(dataRoot, `bench-lifecycle-${process.pid}`);
  const cleanups: Array<() => Promise<unknown>> = [
    async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  ];
  let cleaning: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      // Last registered, first undone; one failure must not leave Temporal running.
      for (const step of cleanups.reverse()) await step().catch((error) => console.error(error));
    })());
  // Temporal runs in its own process group, so Ctrl-C would not reach it.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interrupted = true;
      void cleanUp().finally(() => process.exit(130));
    });
  }
  const benchStarted = performance.now();
  const phase = (name: string) =>
    console.log(`[${((performance.now() - benchStarted) / 1000).toFixed(0).padStart(4)} s] ${name}`);

  try {
    // Core's warnings (e.g. "workflow task duration exceeded 5 seconds" on a loaded machine) would drown the output.
    Runtime.install({
      logger: new DefaultLogger('WARN'),
      telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
    });
    phase('starting Temporal and bundling the workflows');
    const port = await freePort();
    const address = `127.0.0.1:${port}`;
    const bundleStarted = performance.now();
    // Separate bundles: in a shared one, every trivial workflow would evaluate the lifecycle's module graph too
    // (each workflow gets its own webpack module cache), and B would no longer be a baseline.
    const [server, bundleA, bundleB] = await Promise.all([
      startTemporal(dataDir, port),
      lifecycleBundle(), // workflows/src/index.ts, what apps/worker runs
      lifecycleBundle(path.join(__dirname, 'workflows', 'trivial-updates.workflow.ts')),
    ]);
    cleanups.push(() => server.stop());
    const readyMs = performance.now() - bundleStarted;
    const bundles: Pair<WorkflowBundleWithSourceMap> = { a: bundleA, b: bundleB };
    const bundlePaths: Pair<string> = {
      a: path.join(dataDir, 'bundle-a.js'),
      b: path.join(dataDir, 'bundle-b.js'),
    };
    fs.writeFileSync(bundlePaths.a, bundles.a.code);
    fs.writeFileSync(bundlePaths.b, bundles.b.code);

    const clientConnection = await Connection.connect({ address });
    cleanups.push(() => clientConnection.close());
    const client = new Client({ connection: clientConnection });

    // One worker per bundle, each on its own task queue; only one of them is busy at a time.
    const queues: Pair<string> = {
      a: `bench-lifecycle-a-${process.pid}`,
      b: `bench-lifecycle-b-${process.pid}`,
    };
    const workerConnection = await NativeConnection.connect({ address });
    cleanups.push(() => workerConnection.close());
    const workers = await Promise.all(
      (['a', 'b'] as const).map((key) =>
        Worker.create({
          connection: workerConnection,
          taskQueue: queues[key],
          workflowBundle: bundles[key],
          activities: { publishNotifications: async () => undefined },
        }),
      ),
    );
    const running = workers.map((worker) => worker.run());
    let workersStopped = false;
    const stopWorkers = async () => {
      if (!workersStopped) for (const worker of workers) worker.shutdown();
      workersStopped = true;
      await Promise.all(running);
    };
    cleanups.push(stopWorkers);

    const setup = {
      temporalServer: 'temporal server start-dev (sqlite file), started by @mitra/stack startTemporal',
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      loadAverage: os.loadavg(),
      bundleBytes: { a: Buffer.byteLength(bundles.a.code), b: Buffer.byteLength(bundles.b.code) },
      serverAndBundleReadyMs: readyMs,
      decisionsPerCycle,
      ...config,
    };
    console.log(
      [
        'Temporal: A = partnershipLifecycle (workflows/src), B = trivialUpdates (tools/bench/workflows: one counting Update, one query)',
        `temporal server start-dev on ${address} (sqlite file under .data); Node ${setup.node}; ${setup.cpus} x ${setup.cpuModel}; load ${os
          .loadavg()
          .map((load) => load.toFixed(1))
          .join(' ')}`,
        `Bundles: A ${kib(setup.bundleBytes.a)} KiB, B ${kib(setup.bundleBytes.b)} KiB; client and workers in this process, except in 4.`,
        `Server up and bundle built in ${(readyMs / 1000).toFixed(1)} s.`,
        '',
      ].join('\n'),
    );

    phase(
      `1. starting ${config.BENCH_PARTNERSHIPS} + ${config.BENCH_QUERIED_PARTNERSHIPS} workflows per variant, ${config.BENCH_START_CONCURRENCY} in flight`,
    );
    const starts = await measureStarts(client, queues, workers);

    phase(
      `2. driving ${config.BENCH_CYCLES + 1} full cycles per variant (the first warms up), ${decisionsPerCycle} decisions each`,
    );
    const cycles = await measureCycles(client, queues);

    phase(
      `3. replaying ${cycles.histories.a.length} histories per variant, ${config.BENCH_REPLAY_ROUNDS} rounds`,
    );
    const replay = await measureReplay(bundles, cycles.histories);
    await stopWorkers();

    phase(`4. memory of a worker process with ${config.BENCH_OPEN_PARTNERSHIPS} open workflows, per variant`);
    const register = (cleanup: () => Promise<unknown>) => cleanups.push(cleanup);
    const memory: MemoryOutcome[] = [];
    for (const key of ['a', 'b'] as const) {
      memory.push(
        await measureMemory(client, address, bundlePaths[key], key, register).catch((error: unknown) => {
          if (interrupted) throw error;
          return { variant: variants[key].label, failed: String(error) };
        }),
      );
    }

    // ------------------------------------------------------------ report
    console.log('');
    console.log(
      `1. Starts: ${config.BENCH_START_CONCURRENCY} in flight, ${config.BENCH_START_WARMUP} warm-up per variant and mode, then ${config.BENCH_ROUNDS} rounds alternating A and B, each run followed by an untimed wait until the workers caught up`,
    );
    console.log(
      table(
        ['mode', 'variant', 'starts', 'p50 ms', 'p99 ms', 'starts/s'],
        starts.flatMap(({ mode, a, b, ratio }) => [
          [mode, variants.a.label, String(a.count), ms(a.p50Ms), ms(a.p99Ms), int(a.requestsPerSecond)],
          [mode, variants.b.label, String(b.count), ms(b.p50Ms), ms(b.p99Ms), int(b.requestsPerSecond)],
          [mode, 'A/B', '', times(ratio.p50), times(ratio.p99), times(ratio.requestsPerSecond)],
        ]),
        2,
        3,
      ),
    );

    const latency = cycles.latency;
    console.log('');
    console.log(
      `2. Decision latency: executeUpdate + the state query that shows it, 1 in flight; ${config.BENCH_CYCLES} cycles x ${decisionsPerCycle - 1} timed decisions per variant`,
    );
    console.log(
      table(
        ['variant', 'decisions', 'p50 ms', 'p99 ms', 'mean ms', 'max ms'],
        [
          [
            variants.a.label,
            String(latency.a.count),
            ms(latency.a.p50Ms),
            ms(latency.a.p99Ms),
            ms(latency.a.meanMs),
            ms(latency.a.maxMs),
          ],
          [
            variants.b.label,
            String(latency.b.count),
            ms(latency.b.p50Ms),
            ms(latency.b.p99Ms),
            ms(latency.b.meanMs),
            ms(latency.b.maxMs),
          ],
          [
            'A/B',
            '',
            times(latency.ratio.p50),
            times(latency.ratio.p99),
            times(latency.a.meanMs / latency.b.meanMs),
            '',
          ],
        ],
        1,
      ),
    );

    const eventsOf = (histories: RecordedHistory[]) => histories.map((h) => h.events);
    const range = (values: number[]) =>
      Math.min(...values) === Math.max(...values)
        ? String(values[0])
        : `${Math.min(...values)}-${Math.max(...values)}`;
    const meanEvents = (histories: RecordedHistory[]) =>
      eventsOf(histories).reduce((t, e) => t + e, 0) / histories.length;
    console.log('');
    console.log(
      `3. Replay: Worker.runReplayHistories, per history from hand-over to result; ${cycles.histories.a.length} histories x ${config.BENCH_REPLAY_ROUNDS} rounds per variant`,
    );
    console.log(
      table(
        ['variant', 'replays', 'events', 'p50 ms', 'p99 ms', 'mean ms', 'us/event'],
        [
          ...(['a', 'b'] as const).map((key) => [
            variants[key].label,
            String(replay[key].count),
            range(eventsOf(cycles.histories[key])),
            ms(replay[key].p50Ms),
            ms(replay[key].p99Ms),
            ms(replay[key].meanMs),
            ((replay[key].meanMs * 1000) / meanEvents(cycles.histories[key])).toFixed(1),
          ]),
          [
            'A/B',
            '',
            '',
            times(replay.ratio.p50),
            times(replay.ratio.p99),
            times(replay.a.meanMs / replay.b.meanMs),
            '',
          ],
        ],
        1,
      ),
    );

    console.log('');
    const measuredMemory = memory.filter((m): m is MemoryVariantResult => !('failed' in m));
    const mode =
      config.BENCH_MEMORY_MAIN_THREAD === '1'
        ? 'workflows in the main thread (debugMode), so the full GC before each reading and heapUsed cover them'
        : 'workflows in the workflow thread as in production; heapUsed misses them, RSS counts them with their garbage';
    console.log(
      `4. Worker memory: a fresh worker process per variant, ${mode}; ${config.BENCH_MEMORY_WARMUP} warm-up workflows, then ${config.BENCH_OPEN_PARTNERSHIPS} more left open; maxCachedWorkflows ${measuredMemory[0]?.maxCachedWorkflows ?? '?'}${config.BENCH_MAX_CACHED_WORKFLOWS ? '' : ' (default)'}`,
    );
    const rssDelta = (m: MemoryVariantResult) => m.after.rss - m.before.rss;
    const heapDelta = (m: MemoryVariantResult) => m.after.heapUsed - m.before.heapUsed;
    console.log(
      table(
        [
          'variant',
          'cached',
          'RSS MiB before',
          'after',
          'delta',
          'KiB/workflow',
          'heapUsed MiB before',
          'after',
          'delta',
          'KiB/workflow',
        ],
        memory.map((m) =>
          'failed' in m
            ? [m.variant, `failed: ${m.failed}`]
            : [
                m.variant,
                String(m.cachedWorkflows),
                mib(m.before.rss),
                mib(m.after.rss),
                mib(rssDelta(m)),
                kib(rssDelta(m) / m.openWorkflows),
                mib(m.before.heapUsed),
                mib(m.after.heapUsed),
                mib(heapDelta(m)),
                kib(heapDelta(m) / m.openWorkflows),
              ],
        ),
        1,
      ),
    );
    if (measuredMemory.length === 2) {
      const [a, b] = measuredMemory;
      const ratio = (x: number, y: number) => (y > 0 ? times(x / y) : 'n/a (B grew by nothing)');
      console.log(
        `A/B: RSS delta ${ratio(rssDelta(a), rssDelta(b))}, heapUsed delta ${ratio(heapDelta(a), heapDelta(b))}; ` +
          `an open partnership costs ${kib((rssDelta(a) - rssDelta(b)) / config.BENCH_OPEN_PARTNERSHIPS)} KiB RSS, ` +
          `${kib((heapDelta(a) - heapDelta(b)) / config.BENCH_OPEN_PARTNERSHIPS)} KiB heap more than a trivial workflow.`,
      );
      const perWorkflow = heapDelta(a) / a.openWorkflows;
      console.log(
        `A full ${config.BENCH_MAX_CACHED_WORKFLOWS ? '' : 'default '}cache (${a.maxCachedWorkflows} partnerships) at A's heap per workflow: ` +
          `${mib(perWorkflow * a.maxCachedWorkflows)} MiB, against a heap limit of ${mib(a.heapSizeLimit)} MiB ` +
          `(${times((perWorkflow * a.maxCachedWorkflows) / a.heapSizeLimit)}).`,
      );
    }
    const projectTo = 1000;
    for (const m of measuredMemory) {
      if (m.openWorkflows === projectTo) continue;
      const at = (before: number, after: number) => before + ((after - before) / m.openWorkflows) * projectTo;
      console.log(
        `${m.variant}: projected to ${int(projectTo)} open workflows (linear from ${m.openWorkflows}): ` +
          `RSS ${mib(at(m.before.rss, m.after.rss))} MiB, heapUsed ${mib(at(m.before.heapUsed, m.after.heapUsed))} MiB.`,
      );
    }
    for (const m of measuredMemory) {
      const { boot, warmup, start, settle, stop } = m.stepsMs;
      const sec = (value: number) => `${(value / 1000).toFixed(1)} s`;
      console.log(
        `${m.variant}: worker up ${sec(boot)}, warm-up ${sec(warmup)}, ${m.openWorkflows} starts ${sec(start)} ` +
          `(${int(m.openWorkflows / m.startSeconds)}/s), caught up and measured ${sec(settle)}, stopped ${sec(stop)}.`,
      );
    }

    const cycle = cycles.histories.a;
    const events = Math.max(...eventsOf(cycle));
    const protoBytes = Math.max(...cycle.map((h) => h.protoBytes));
    const jsonBytes = Math.max(...cycle.map((h) => h.jsonBytes));
    const trivial = cycles.histories.b;
    console.log('');
    const typesOfCycle = cycle.reduce((most, h) => (h.events > most.events ? h : most)).eventTypes;
    const signals = typesOfCycle.WORKFLOW_EXECUTION_SIGNALED ?? 0;
    console.log(
      `5. History of one full cycle (Initiation -> closure: ${decisionsPerCycle} decisions, ${signals} service events, driven without waiting)`,
    );
    console.log(
      table(
        ['measure', 'one cycle', 'Temporal limit', 'ratio', 'headroom'],
        [
          [
            'events vs warning',
            int(events),
            int(temporalLimits.eventsWarn),
            share(events / temporalLimits.eventsWarn),
            times(temporalLimits.eventsWarn / events),
          ],
          [
            'events vs error',
            int(events),
            int(temporalLimits.eventsError),
            share(events / temporalLimits.eventsError),
            times(temporalLimits.eventsError / events),
          ],
          [
            'bytes (protobuf) vs warning',
            int(protoBytes),
            '10 MB',
            share(protoBytes / temporalLimits.bytesWarn),
            times(temporalLimits.bytesWarn / protoBytes),
          ],
          [
            'bytes (protobuf) vs error',
            int(protoBytes),
            '50 MB',
            share(protoBytes / temporalLimits.bytesError),
            times(temporalLimits.bytesError / protoBytes),
          ],
        ],
        1,
      ),
    );
    console.log(
      `Events per decision: ${(events / decisionsPerCycle).toFixed(1)}; history JSON ${kib(jsonBytes)} KiB. B with the same ${decisionsPerCycle} Updates: ${range(eventsOf(trivial))} events (${(events / Math.max(...eventsOf(trivial))).toFixed(2)}x).`,
    );
    console.log(
      `Event types: ${Object.entries(typesOfCycle)
        .sort(([, x], [, y]) => y - x)
        .map(([type, n]) => `${type.toLowerCase()} ${n}`)
        .join(', ')}.`,
    );
    console.log(
      `\nTotal ${((performance.now() - benchStarted) / 1000).toFixed(0)} s; load average now ${os
        .loadavg()
        .map((load) => load.toFixed(1))
        .join(' ')}.`,
    );

    const timestamp = new Date().toISOString();
    const resultsDir = path.join(workspaceRoot, 'tools', 'bench', 'results');
    fs.mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `${timestamp.replace(/[:.]/g, '-')}-lifecycle.json`);
    const historySizes = (histories: RecordedHistory[]) =>
      histories.map(({ workflowId, events: e, eventTypes, protoBytes: p, jsonBytes: j }) => ({
        workflowId,
        events: e,
        eventTypes,
        protoBytes: p,
        jsonBytes: j,
      }));
    fs.writeFileSync(
      file,
      `${JSON.stringify(
        {
          benchmark: 'lifecycle',
          timestamp,
          setup,
          results: {
            starts,
            decisionLatency: latency,
            replay,
            memory,
            history: {
              events,
              protoBytes,
              jsonBytes,
              limits: temporalLimits,
              ratios: {
                eventsWarn: events / temporalLimits.eventsWarn,
                eventsError: events / temporalLimits.eventsError,
                bytesWarn: protoBytes / temporalLimits.bytesWarn,
                bytesError: protoBytes / temporalLimits.bytesError,
              },
              lifecycle: historySizes(cycles.histories.a),
              trivial: historySizes(cycles.histories.b),
            },
          },
        },
        null,
        2,
      )}\n`,
    );
    console.log(`Results written to ${path.relative(workspaceRoot, file)}`);
  } finally {
    await cleanUp();
  }
}

// Exit explicitly: ManagedProcess.stop() leaves its 10 s kill-timeout timer holding the event loop.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    if (!interrupted) console.error(error);
    process.exit(interrupted ? 130 : 1);
  },
);
