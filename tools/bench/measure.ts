import { performance } from 'node:perf_hooks';

export type Operation = () => Promise<unknown>;

export interface RunOptions {
  iterations: number;
  /** Calls in flight at once; 1 means strictly sequential. */
  concurrency: number;
}

/** The raw outcome of one run: a latency per call and the run's wall time. */
export interface Timing {
  latenciesMs: number[];
  elapsedMs: number;
}

export interface Summary {
  count: number;
  concurrency: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  minMs: number;
  maxMs: number;
  elapsedMs: number;
  requestsPerSecond: number;
}

export interface Ratios {
  /** A's latency over B's: above 1 means A is slower. */
  p50: number;
  p99: number;
  /** A's throughput over B's: below 1 means A serves fewer requests per second. */
  requestsPerSecond: number;
}

export interface CompareOptions extends RunOptions {
  /** Calls of each operation, at the same concurrency, before anything is measured. */
  warmup: number;
  /** The iterations are split into this many rounds, alternating A and B. */
  rounds: number;
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile must be within 0..100, got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** Pools the latencies of several runs; throughput is all calls over the summed wall time. */
export function summarize(timings: readonly Timing[], concurrency: number): Summary {
  const latencies = timings.flatMap((timing) => timing.latenciesMs);
  if (latencies.length === 0) throw new Error('summary of no samples');
  const elapsedMs = timings.reduce((total, timing) => total + timing.elapsedMs, 0);
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const value of latencies) {
    sum += value;
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  return {
    count: latencies.length,
    concurrency,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    meanMs: sum / latencies.length,
    minMs: min,
    maxMs: max,
    elapsedMs,
    requestsPerSecond: elapsedMs > 0 ? (latencies.length * 1000) / elapsedMs : Infinity,
  };
}

function assertPositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, got ${value}`);
}

/**
 * Calls `operation` `iterations` times with at most `concurrency` calls in flight, timing each call
 * and the whole run. The first failure rejects the run.
 */
export async function run(operation: Operation, options: RunOptions): Promise<Timing> {
  const { iterations, concurrency } = options;
  assertPositiveInteger('iterations', iterations);
  assertPositiveInteger('concurrency', concurrency);

  const latencies = new Array<number>(iterations);
  let next = 0;
  let failed = false;
  // Each worker keeps one call in flight and takes the next index when it finishes.
  const worker = async () => {
    while (!failed && next < iterations) {
      const index = next++;
      const start = performance.now();
      try {
        await operation();
      } catch (error) {
        failed = true; // the other workers stop after their current call
        throw error;
      }
      latencies[index] = performance.now() - start;
    }
  };

  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, iterations) }, worker));
  return { latenciesMs: latencies, elapsedMs: performance.now() - started };
}

/**
 * Measures A and B under the same load. Rounds alternate which goes first (A B, B A, ...) so that
 * drifting background load and ordering effects fall on both alike.
 */
export async function compare(
  a: Operation,
  b: Operation,
  options: CompareOptions,
): Promise<{ a: Summary; b: Summary }> {
  const { iterations, concurrency, warmup, rounds } = options;
  assertPositiveInteger('rounds', rounds);
  if (rounds > iterations) throw new Error(`rounds (${rounds}) must not exceed iterations (${iterations})`);
  if (warmup > 0) {
    await run(a, { iterations: warmup, concurrency });
    await run(b, { iterations: warmup, concurrency });
  }
  const timings: { a: Timing[]; b: Timing[] } = { a: [], b: [] };
  for (let round = 0; round < rounds; round++) {
    // Spread the remainder over the first rounds so the total is exactly `iterations`.
    const share = Math.floor(iterations / rounds) + (round < iterations % rounds ? 1 : 0);
    const order = round % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const);
    for (const key of order)
      timings[key].push(await run(key === 'a' ? a : b, { iterations: share, concurrency }));
  }
  return { a: summarize(timings.a, concurrency), b: summarize(timings.b, concurrency) };
}

export function ratios(a: Summary, b: Summary): Ratios {
  return {
    p50: a.p50Ms / b.p50Ms,
    p99: a.p99Ms / b.p99Ms,
    requestsPerSecond: a.requestsPerSecond / b.requestsPerSecond,
  };
}
