import { setTimeout as sleep } from 'node:timers/promises';
import { compare, percentile, ratios, run, summarize, type Summary } from './measure';

describe('percentile', () => {
  const oneToHundred = Array.from({ length: 100 }, (_, i) => 100 - i); // unsorted on purpose

  it('takes the nearest rank', () => {
    expect(percentile(oneToHundred, 50)).toBe(50);
    expect(percentile(oneToHundred, 99)).toBe(99);
    expect(percentile(oneToHundred, 100)).toBe(100);
    expect(percentile(oneToHundred, 0)).toBe(1);
    expect(percentile([3, 1, 2], 50)).toBe(2);
    expect(percentile([7], 99)).toBe(7);
  });

  it('does not reorder its input', () => {
    const samples = [3, 1, 2];
    percentile(samples, 50);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('rejects no samples and out-of-range p', () => {
    expect(() => percentile([], 50)).toThrow('no samples');
    expect(() => percentile([1], 101)).toThrow('0..100');
    expect(() => percentile([1], Number.NaN)).toThrow('0..100');
  });
});

describe('summarize', () => {
  it('derives throughput from the count and the elapsed time', () => {
    const summary = summarize([{ latenciesMs: [1, 2, 3, 4], elapsedMs: 2 }], 1);
    expect(summary).toMatchObject({
      count: 4,
      concurrency: 1,
      p50Ms: 2,
      p99Ms: 4,
      meanMs: 2.5,
      minMs: 1,
      maxMs: 4,
    });
    expect(summary.requestsPerSecond).toBe(2000);
  });

  it('pools the latencies of several runs and sums their wall time', () => {
    const summary = summarize(
      [
        { latenciesMs: [4, 3], elapsedMs: 1 },
        { latenciesMs: [2, 1], elapsedMs: 3 },
      ],
      2,
    );
    expect(summary).toMatchObject({
      count: 4,
      p50Ms: 2,
      minMs: 1,
      maxMs: 4,
      elapsedMs: 4,
      requestsPerSecond: 1000,
    });
  });

  it('rejects no samples', () => {
    expect(() => summarize([], 1)).toThrow('no samples');
  });
});

describe('run', () => {
  it('runs every iteration once, sequentially at concurrency 1', async () => {
    let inFlight = 0;
    let peak = 0;
    let calls = 0;
    const timing = await run(
      async () => {
        calls++;
        peak = Math.max(peak, ++inFlight);
        await sleep(0);
        inFlight--;
      },
      { iterations: 20, concurrency: 1 },
    );
    expect(calls).toBe(20);
    expect(peak).toBe(1);
    expect(timing.latenciesMs).toHaveLength(20);
  });

  it('keeps at most `concurrency` calls in flight and reaches that limit', async () => {
    let inFlight = 0;
    let peak = 0;
    const timing = await run(
      async () => {
        peak = Math.max(peak, ++inFlight);
        await sleep(1);
        inFlight--;
      },
      { iterations: 50, concurrency: 8 },
    );
    expect(peak).toBe(8);
    expect(timing.latenciesMs).toHaveLength(50);
  });

  it('records a latency for each call', async () => {
    const timing = await run(() => sleep(5), { iterations: 4, concurrency: 2 });
    expect(timing.latenciesMs).toHaveLength(4);
    for (const latency of timing.latenciesMs) expect(latency).toBeGreaterThanOrEqual(4); // timers may fire a hair early
    expect(timing.elapsedMs).toBeGreaterThanOrEqual(8);
  });

  it('rejects on the first failure and stops taking new work', async () => {
    let calls = 0;
    await expect(
      run(
        async () => {
          calls++;
          await sleep(0);
          if (calls === 3) throw new Error('boom');
        },
        { iterations: 1000, concurrency: 2 },
      ),
    ).rejects.toThrow('boom');
    expect(calls).toBeLessThan(10);
  });

  it('rejects bad options', async () => {
    await expect(run(async () => undefined, { iterations: 0, concurrency: 1 })).rejects.toThrow('iterations');
    await expect(run(async () => undefined, { iterations: 1, concurrency: 0 })).rejects.toThrow(
      'concurrency',
    );
  });
});

describe('compare', () => {
  it('warms both up, then alternates which goes first in each round', async () => {
    const calls: string[] = [];
    const op = (name: string) => async () => {
      calls.push(name);
    };
    const { a, b } = await compare(op('a'), op('b'), { iterations: 7, concurrency: 1, warmup: 2, rounds: 3 });
    // warm-up a a b b; rounds of 3, 2 and 2 calls: A B, B A, A B
    expect(calls.join('')).toBe('aabb' + 'aaabbb' + 'bbaa' + 'aabb');
    expect(a.count).toBe(7);
    expect(b.count).toBe(7);
  });

  it('skips the warm-up when it is 0', async () => {
    let calls = 0;
    const op = async () => {
      calls++;
    };
    await compare(op, op, { iterations: 4, concurrency: 2, warmup: 0, rounds: 1 });
    expect(calls).toBe(8);
  });

  it('rejects more rounds than iterations', async () => {
    const op = async () => undefined;
    await expect(compare(op, op, { iterations: 2, concurrency: 1, warmup: 0, rounds: 3 })).rejects.toThrow(
      'rounds',
    );
  });
});

describe('ratios', () => {
  const summary = (p50Ms: number, p99Ms: number, requestsPerSecond: number) =>
    ({ p50Ms, p99Ms, requestsPerSecond }) as Summary;

  it('divides A by B', () => {
    expect(ratios(summary(2, 6, 500), summary(1, 3, 1000))).toEqual({
      p50: 2,
      p99: 2,
      requestsPerSecond: 0.5,
    });
  });
});
