// An auditor's replay of 1,000 partnership histories (A: what the api and the command line do for each
// partnership) against the bare Temporal replayer (B: one `Worker.runReplayHistories` over all of them), on
// the same histories with the same workflow bundle, in the same run. Not a test: run with
//   nice -n 10 node -r @swc-node/register tools/bench/audit-replay.bench.ts
// and see tools/bench/README.md.
//
// The histories are the replay tests' recorded scenarios (apps/worker/test/histories) fanned out to
// BENCH_HISTORIES workflows, scenarios in turn, each with its own workflow and run id (the partnership id is
// the one the recorded start names, from which the hash chain starts). Running 1,000 real cycles on a dev
// server would take about an hour on the 2-core machine before anything is measured: a full cycle is 64
// decisions at 48-78 ms each (lifecycle.bench.ts, decision latency p50). What replay and audit cost depends
// on the events, which are real; nothing in either caches by id.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DefaultLogger, Runtime, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { z } from 'zod';
import type { ChainLink, StoredRecordDigest } from '@mitra/contracts';
import { auditHistory } from '@mitra/domain';
import {
  chainDivergences,
  lifecycleWorkflowBundle,
  partnershipChain,
  partnershipSteps,
  replayPartnership,
  verifyPartnershipChain,
  type PartnershipHistory,
} from '@mitra/platform/temporal';
import { workspaceRoot } from '@mitra/stack';
import { fanOutHistories, readScenarioHistories, type FannedOutHistory } from './audit-replay-histories';
import { ratios, run, summarize, type Ratios, type Summary, type Timing } from './measure';

const count = z.coerce.number().int().min(1);
const config = z
  .object({
    BENCH_HISTORIES: count.default(1000),
    /** The histories are split into this many slices; each is replayed by A and B, alternating who goes first. */
    BENCH_ROUNDS: count.default(4),
    /** Histories audited and replayed before anything is measured (7: one of each scenario). */
    BENCH_WARMUP: z.coerce.number().int().min(0).default(7),
  })
  .parse(process.env);

const historiesDir = path.join(workspaceRoot, 'apps', 'worker', 'test', 'histories');

/** A history and the chained records the services store for its partnership. */
interface Partnership {
  history: FannedOutHistory;
  records: StoredRecordDigest[];
}

/**
 * The records an untampered store holds: every ledger entry and signature the chain linked. The api
 * reads them from the services over NATS; like the history fetch, that is I/O and not measured here.
 */
function untamperedRecords(history: PartnershipHistory): StoredRecordDigest[] {
  return (
    partnershipChain(history)
      .links.filter(
        (link): link is ChainLink & { kind: StoredRecordDigest['kind'] } => link.kind !== 'decision',
      )
      // When a record was written only matters for one the chain has not linked.
      .map(({ kind, recordId, recordHash }) => ({
        kind,
        recordId,
        recordHash,
        at: new Date(0).toISOString(),
      }))
  );
}

/** The verify step: the hash chain rebuilt from the history against its checkpoints and the stored records. */
function verify({ history, records }: Partnership): void {
  const verification = verifyPartnershipChain(history, records);
  if (!verification.intact)
    throw new Error(`${history.workflowId}: chain not intact: ${JSON.stringify(verification.findings[0])}`);
}

/**
 * A: one partnership's audit as the api and the command line make it once its history is read:
 * replayPartnership (a replay worker with the workflow code in force, the chain's checkpoints,
 * `auditHistory`'s timeline and divergences), then verify.
 */
async function auditPartnership(partnership: Partnership): Promise<void> {
  const { history } = partnership;
  const report = await replayPartnership(history);
  if (!report.agrees)
    throw new Error(`${history.workflowId} diverges: ${JSON.stringify(report.divergences[0])}`);
  verify(partnership);
}

/**
 * A without the replay: what replayPartnership computes besides the replay worker, and verify. Tells
 * how much of A - B is the rules and the chain, and how much a replay worker per partnership.
 */
function auditWithoutReplay(partnership: Partnership): void {
  auditHistory(partnershipSteps(partnership.history));
  chainDivergences(partnership.history);
  verify(partnership);
}

/** B: the bare replayer over a slice, timing each history from hand-over to result (it replays one at a time). */
async function replayAll(
  workflowBundle: WorkflowBundleWithSourceMap,
  partnerships: Partnership[],
): Promise<Timing> {
  let handedOver = 0;
  async function* feed() {
    for (const { history } of partnerships) {
      handedOver = performance.now();
      yield { workflowId: history.workflowId, history: history.runs[0]!.history };
    }
  }
  const latenciesMs: number[] = [];
  const started = performance.now();
  for await (const result of Worker.runReplayHistories({ workflowBundle }, feed())) {
    latenciesMs.push(performance.now() - handedOver);
    if (result.error) throw new Error(`replay of ${result.workflowId} failed: ${String(result.error)}`);
  }
  if (latenciesMs.length !== partnerships.length)
    throw new Error(`replayed ${latenciesMs.length} of ${partnerships.length}`);
  return { latenciesMs, elapsedMs: performance.now() - started };
}

/** One after the other, as the command line goes through partnerships. */
function each(partnerships: Partnership[], audit: (partnership: Partnership) => unknown): Promise<Timing> {
  let next = 0;
  return run(async () => audit(partnerships[next++]!), { iterations: partnerships.length, concurrency: 1 });
}

/** Contiguous slices, the remainder spread over the first ones (as `compare` splits its iterations). */
function slices<T>(items: T[], parts: number): T[][] {
  const result: T[][] = [];
  let start = 0;
  for (let part = 0; part < parts; part++) {
    const size = Math.floor(items.length / parts) + (part < items.length % parts ? 1 : 0);
    result.push(items.slice(start, (start += size)));
  }
  return result;
}

function table(rows: string[][], leftColumns: number): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) =>
        column < leftColumns ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join('  ')
      .trimEnd();
  return [
    line(rows[0]!),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...rows.slice(1).map(line),
  ].join('\n');
}

const ms = (value: number) => value.toFixed(1);
const times = (value: number) => `${value.toFixed(2)}x`;
const seconds = (valueMs: number) => (valueMs / 1000).toFixed(1);

async function main(): Promise<void> {
  const benchStarted = performance.now();
  // No shutdown on SIGINT: the Runtime would stop the current replay worker and the next would start.
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
  const scenarios = readScenarioHistories(historiesDir);
  const partnershipsOf = (histories: FannedOutHistory[]): Partnership[] =>
    histories.map((history) => ({ history, records: untamperedRecords(history) }));
  const partnerships = partnershipsOf(fanOutHistories(scenarios, config.BENCH_HISTORIES));
  const eventsOf = ({ history }: Partnership) => history.runs[0]!.history.events!.length;
  const totalEvents = partnerships.reduce((total, partnership) => total + eventsOf(partnership), 0);
  const load = () =>
    os
      .loadavg()
      .map((value) => value.toFixed(1))
      .join(' ');
  console.log(
    `${partnerships.length} histories from ${scenarios.length} recorded scenarios (` +
      `${scenarios.map(({ scenario, history }) => `${scenario} ${history.events!.length}`).join(', ')} events), ` +
      `${totalEvents.toLocaleString('en-US')} events in all; ${config.BENCH_ROUNDS} rounds, ${config.BENCH_WARMUP} ` +
      `warm-up; node ${process.version}, ${os.cpus().length} cpus, load ${load()}`,
  );

  const bundleStarted = performance.now();
  // The one bundle A and B use: replayPartnership takes it from lifecycleWorkflowBundle(), which bundles once per process.
  const workflowBundle = await lifecycleWorkflowBundle();
  const bundleMs = performance.now() - bundleStarted;
  console.log(`Bundled the workflow code in ${seconds(bundleMs)} s`);

  // Copies beyond the measured ones, so that no history is measured warm.
  const warmup = partnershipsOf(
    fanOutHistories(scenarios, config.BENCH_HISTORIES + config.BENCH_WARMUP).slice(config.BENCH_HISTORIES),
  );
  if (warmup.length > 0) {
    await each(warmup, auditPartnership);
    await replayAll(workflowBundle, warmup);
    await each(warmup, auditWithoutReplay);
  }

  const rounds = slices(partnerships, config.BENCH_ROUNDS);
  const timings: { a: Timing[]; b: Timing[]; pure: Timing[] } = { a: [], b: [], pure: [] };
  for (const [round, slice] of rounds.entries()) {
    const order = round % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const);
    for (const key of order) {
      const started = performance.now();
      timings[key].push(
        key === 'a' ? await each(slice, auditPartnership) : await replayAll(workflowBundle, slice),
      );
      console.log(
        `round ${round + 1}/${rounds.length}: ${key === 'a' ? 'A audit' : 'B raw replay'} of ${slice.length} ` +
          `in ${seconds(performance.now() - started)} s`,
      );
    }
    timings.pure.push(await each(slice, auditWithoutReplay));
  }

  const summaries = {
    a: summarize(timings.a, 1),
    b: summarize(timings.b, 1),
    pure: summarize(timings.pure, 1),
  };
  const ratio: Ratios = ratios(summaries.a, summaries.b);
  // Both replay every history once, so the ratio of totals is also that of the means and of us/event.
  const totalRatio = summaries.a.elapsedMs / summaries.b.elapsedMs;
  const maxRatio = summaries.a.maxMs / summaries.b.maxMs;
  const row = (label: string, summary: Summary) => [
    label,
    String(summary.count),
    seconds(summary.elapsedMs),
    ms(summary.elapsedMs / summary.count),
    ms(summary.p50Ms),
    ms(summary.p99Ms),
    ms(summary.maxMs),
    ((summary.elapsedMs * 1000) / totalEvents).toFixed(0),
  ];
  console.log(
    `\n${table(
      [
        ['variant', 'histories', 'total s', 'ms/history', 'p50 ms', 'p99 ms', 'max ms', 'us/event'],
        row('A  audit + verify', summaries.a),
        row('B  raw runReplayHistories', summaries.b),
        [
          'A/B',
          '',
          times(totalRatio),
          times(totalRatio),
          times(ratio.p50),
          times(ratio.p99),
          times(maxRatio),
          times(totalRatio),
        ],
        row('   A without the replay', summaries.pure),
      ],
      1,
    )}`,
  );

  // Per scenario: each round's latencies are in the order of its slice.
  const ordered = rounds.flat();
  const latencies = (key: 'a' | 'b') => timings[key].flatMap((timing) => timing.latenciesMs);
  const [aLatencies, bLatencies] = [latencies('a'), latencies('b')];
  const scenarioRows = scenarios.map(({ scenario, history }) => {
    const indices = ordered.flatMap((partnership, index) =>
      partnership.history.scenario === scenario ? [index] : [],
    );
    const mean = (values: number[]) =>
      indices.reduce((total, index) => total + values[index]!, 0) / indices.length;
    return {
      scenario,
      histories: indices.length,
      events: history.events!.length,
      meanMsA: mean(aLatencies),
      meanMsB: mean(bLatencies),
    };
  });
  console.log(
    `\n${table(
      [
        ['scenario', 'histories', 'events', 'A mean ms', 'B mean ms', 'A/B'],
        ...scenarioRows.map((entry) => [
          entry.scenario,
          String(entry.histories),
          String(entry.events),
          ms(entry.meanMsA),
          ms(entry.meanMsB),
          times(entry.meanMsA / entry.meanMsB),
        ]),
      ],
      1,
    )}`,
  );
  // What the replay workers left behind: flat when their source maps are freed, about 10 MiB a worker when not.
  const externalMemoryMiB = Math.round(process.memoryUsage().external / 2 ** 20);
  console.log(
    `\nA: replayPartnership (a replay worker per partnership, chain checkpoints, auditHistory) then ` +
      `verifyPartnershipChain; B: one replay worker for all ${partnerships.length}. Each history timed from ` +
      `hand-over to result, one at a time. External memory now ${externalMemoryMiB} MiB. ` +
      `Total ${seconds(performance.now() - benchStarted)} s; load average now ${load()}.`,
  );

  const timestamp = new Date().toISOString();
  const resultsDir = path.join(workspaceRoot, 'tools', 'bench', 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `audit-replay-${timestamp.replace(/[:.]/g, '-')}.json`);
  const setup = {
    histories: partnerships.length,
    scenarios: scenarios.map(({ scenario, history }) => ({ scenario, events: history.events!.length })),
    totalEvents,
    chainedRecords: partnerships.reduce((total, { records }) => total + records.length, 0),
    rounds: config.BENCH_ROUNDS,
    warmup: config.BENCH_WARMUP,
    bundleMs,
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
  };
  const results = {
    ...summaries,
    ratio,
    totalRatio,
    externalMemoryMiB,
    perScenario: scenarioRows,
  };
  fs.writeFileSync(
    file,
    `${JSON.stringify({ benchmark: 'audit-replay', timestamp, setup, results }, null, 2)}\n`,
  );
  console.log(`Results written to ${path.relative(workspaceRoot, file)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
