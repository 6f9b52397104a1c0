// The worker process of tools/bench/lifecycle.bench.ts's memory measurement: a Temporal Worker alone in a fresh
// Node process, so that its memory is not mixed with the bench's client, the other variant or an earlier phase.
// Forked by the bench (with --expose-gc and an IPC channel); not meant to be run by hand.
import { setTimeout as sleep } from 'node:timers/promises';
import * as v8 from 'node:v8';
import { DefaultLogger, NativeConnection, Runtime, Worker, type WorkerStatus } from '@temporalio/worker';
import { z } from 'zod';

export interface MemorySnapshot {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

/** Bench to worker process. */
export type MemoryCommand =
  | {
      type: 'measure';
      /** Workflows started so far on this task queue: all must be cached (up to the cache size) before measuring. */
      workflows: number;
      /** Activity calls to wait for: the lifecycle publishes its start notifications in its first task. */
      activities: number;
    }
  | { type: 'stop' };

/** Worker process to bench. */
export type MemoryReport =
  | {
      type: 'ready';
      maxCachedWorkflows: number;
      /** V8's heap limit, from which the default maxCachedWorkflows is computed. */
      heapSizeLimit: number;
      debugMode: boolean;
      reuseV8Context: boolean;
    }
  | {
      type: 'measured';
      memory: MemorySnapshot;
      status: WorkerStatus;
      activityCalls: number;
      settleMs: number;
    }
  | { type: 'failed'; error: string };

const env = z
  .object({
    BENCH_TEMPORAL_ADDRESS: z.string().min(1),
    BENCH_TASK_QUEUE: z.string().min(1),
    BENCH_BUNDLE_PATH: z.string().min(1),
    BENCH_SETTLE_TIMEOUT_MS: z.coerce.number().int().min(1).default(120_000),
    /**
     * 1: the workflows run in this process's main thread (the Worker's debugMode), so that gc() reaches them and
     * heapUsed counts them. 0: in the workflow thread, as in production; RSS still counts them, heapUsed does not.
     */
    BENCH_MEMORY_MAIN_THREAD: z.enum(['0', '1']).default('1'),
    /** Temporal's default (from the heap limit) when unset; below the open workflows, the cache evicts. */
    BENCH_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(2).optional(),
  })
  .parse(process.env);

/** How long the worker must have been idle (nothing in flight, no activity call) to count as settled. */
const quietMs = 1000;
const pollMs = 100;

function send(report: MemoryReport): void {
  process.send?.(report);
}

function snapshot(): MemorySnapshot {
  // Twice: the first pass can leave garbage that only the second finds (weak references, finalizers).
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  gc();
  const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapUsed, heapTotal, external, arrayBuffers };
}

async function main(): Promise<void> {
  if (!process.send) throw new Error('lifecycle-memory-worker runs as a forked child of lifecycle.bench.ts');
  // Core's warnings (e.g. "workflow task duration exceeded 5 seconds" on a loaded machine) would drown the output.
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
  });
  const connection = await NativeConnection.connect({ address: env.BENCH_TEMPORAL_ADDRESS });
  let activityCalls = 0;
  let lastActivityAt = 0;
  const worker = await Worker.create({
    connection,
    taskQueue: env.BENCH_TASK_QUEUE,
    workflowBundle: { codePath: env.BENCH_BUNDLE_PATH },
    debugMode: env.BENCH_MEMORY_MAIN_THREAD === '1',
    maxCachedWorkflows: env.BENCH_MAX_CACHED_WORKFLOWS,
    activities: {
      publishNotifications: async () => {
        activityCalls++;
        lastActivityAt = Date.now();
      },
    },
  });
  const running = worker.run();

  /** Resolves once every started workflow is cached and the worker has been idle for `quietMs`. */
  async function settle(workflows: number, activities: number): Promise<number> {
    const started = Date.now();
    const cached = Math.min(workflows, worker.options.maxCachedWorkflows);
    let quietSince: number | undefined;
    for (;;) {
      const status = worker.getStatus();
      const idle =
        status.numCachedWorkflows >= cached &&
        status.numInFlightWorkflowActivations === 0 &&
        status.numInFlightActivities === 0 &&
        activityCalls >= activities;
      quietSince = idle ? (quietSince ?? Date.now()) : undefined;
      if (quietSince !== undefined && Date.now() - Math.max(quietSince, lastActivityAt) >= quietMs)
        return Date.now() - started;
      if (Date.now() - started > env.BENCH_SETTLE_TIMEOUT_MS) {
        throw new Error(
          `worker not settled after ${env.BENCH_SETTLE_TIMEOUT_MS} ms: ${JSON.stringify({ ...status, activityCalls, expected: { cached, activities } })}`,
        );
      }
      await sleep(pollMs);
    }
  }

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      worker.shutdown();
      await running;
      await connection.close();
    })());

  process.on('message', (command: MemoryCommand) => {
    if (command.type === 'stop') {
      void stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
      return;
    }
    settle(command.workflows, command.activities).then(
      (settleMs) =>
        send({ type: 'measured', memory: snapshot(), status: worker.getStatus(), activityCalls, settleMs }),
      (error: unknown) => send({ type: 'failed', error: String(error) }),
    );
  });
  // The bench went away (crash, Ctrl-C): do not linger.
  process.on('disconnect', () => {
    void stop().finally(() => process.exit(1));
  });

  send({
    type: 'ready',
    maxCachedWorkflows: worker.options.maxCachedWorkflows,
    heapSizeLimit: v8.getHeapStatistics().heap_size_limit,
    debugMode: worker.options.debugMode,
    reuseV8Context: worker.options.reuseV8Context,
  });
  await running;
}

main().catch((error: unknown) => {
  send({ type: 'failed', error: String(error) });
  console.error(error);
  process.exit(1);
});
