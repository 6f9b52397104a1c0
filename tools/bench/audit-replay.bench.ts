// An auditor's replay + verify of 1,000 partnership histories with the long-lived replayer (C: one
// PartnershipReplayer, as the api and the command line hold, fed one partnership after another) against the
// bare Temporal replayer (B: one `Worker.runReplayHistories` over all of them, the SDK as shipped), on the same
// histories with the same workflow bundle, in the same run; then one partnership's replay as the api makes it
// (p50/p99, alone and with several auditors at once). Not a test: run with
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
import {
  lifecycleWorkflowBundle,
  partnershipChain,
  PartnershipReplayer,
  replayReport,
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
    /** Replays of one partnership as the api makes them, after the 1,000. */
    BENCH_API_REPLAYS: count.default(100),
    /** Auditors asking for a replay at once, in the second api measurement. */
    BENCH_AUDITORS: count.default(8),
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
 * C: one partnership's audit as the api and the command line make it once its history is read: the
 * long-lived replayer replays its runs (no worker started) and reports (the chain's checkpoints,
 * `auditHistory`'s timeline and divergences), then verify.
 */
async function auditPartnership(replayer: PartnershipReplayer, partnership: Partnership): Promise<void> {
  const { history } = partnership;
  const report = await replayer.replay(history);
  if (!report.agrees)
    throw new Error(`${history.workflowId} diverges: ${JSON.stringify(report.divergences[0])}`);
  verify(partnership);
}

/**
 * C without the replay: what the report computes besides the replay, and verify. Tells how much of C is
 * the rules and the hash chain rather than the workflow code.
 */
function auditWithoutReplay({ history, records }: Partnership): void {
  const runs = history.runs.map((run) => ({ runId: run.runId, historyEvents: 0, deterministic: true }));
  if (!replayReport(history, runs).agrees) throw new Error(`${history.workflowId} diverges`);
  verify({ history, records });
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

/** Partnerships' replays as the api makes them after reading the history, `auditors` at a time, in turn. */
function apiReplays(
  replayer: PartnershipReplayer,
  histories: FannedOutHistory[],
  auditors: number,
): Promise<Timing> {
  let next = 0;
  return run(
    async () => {
      const history = histories[next++ % histories.length]!;
      const report = await replayer.replay(history);
      if (!report.agrees) throw new Error(`${history.workflowId} diverges`);
    },
    { iterations: config.BENCH_API_REPLAYS, concurrency: auditors },
  );
}

async function main(): Promise<void> {
  const benchStarted = performance.now();
  // No shutdown on SIGINT: the Runtime would stop the replay worker.
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
  // The one bundle B and C use, built before anything is measured, as the api builds it when it starts.
  const workflowBundle = await lifecycleWorkflowBundle();
  const bundleMs = performance.now() - bundleStarted;
  console.log(`Bundled the workflow code in ${seconds(bundleMs)} s`);

  // Copies beyond the measured ones, so that no history is measured warm.
  const warmup = partnershipsOf(
    fanOutHistories(scenarios, config.BENCH_HISTORIES + config.BENCH_WARMUP).slice(config.BENCH_HISTORIES),
  );
  const rounds = slices(partnerships, config.BENCH_ROUNDS);
  const timings: Record<'b' | 'c' | 'bSkipped' | 'pure', Timing[]> = { b: [], c: [], bSkipped: [], pure: [] };
  const loads: Record<string, string> = {};

  // B first and whole: the replayer stops the SDK's promise stack traces for the rest of the process.
  if (warmup.length > 0) await replayAll(workflowBundle, warmup);
  for (const [round, slice] of rounds.entries()) {
    const started = performance.now();
    timings.b.push(await replayAll(workflowBundle, slice));
    console.log(
      `round ${round + 1}/${rounds.length}: B raw replay of ${slice.length} in ${seconds(performance.now() - started)} s`,
    );
  }
  loads.b = load();

  const replayer = PartnershipReplayer.start(Promise.resolve(workflowBundle));
  if (warmup.length > 0) {
    for (const partnership of warmup) await auditPartnership(replayer, partnership);
    await replayAll(workflowBundle, warmup);
    await each(warmup, auditWithoutReplay);
  }
  for (const [round, slice] of rounds.entries()) {
    const order = round % 2 === 0 ? (['c', 'bSkipped'] as const) : (['bSkipped', 'c'] as const);
    for (const key of order) {
      const started = performance.now();
      timings[key].push(
        key === 'c'
          ? await each(slice, (partnership) => auditPartnership(replayer, partnership))
          : await replayAll(workflowBundle, slice),
      );
      console.log(
        `round ${round + 1}/${rounds.length}: ${key === 'c' ? 'C replayer + verify' : 'B raw replay, stack traces skipped'} of ` +
          `${slice.length} in ${seconds(performance.now() - started)} s`,
      );
    }
    timings.pure.push(await each(slice, auditWithoutReplay));
  }
  loads.c = load();

  // One whole cycle (the longest recorded history), as an auditor opens it in the api; then several auditors at
  // once, on that partnership (they share its replay) and on as many others as long (they queue).
  const longestScenario = [...scenarios].sort(
    (a, b) => b.history.events!.length - a.history.events!.length,
  )[0]!;
  const longest = fanOutHistories([longestScenario], config.BENCH_AUDITORS);
  const api = {
    alone: summarize([await apiReplays(replayer, [longest[0]!], 1)], 1),
    samePartnership: summarize(
      [await apiReplays(replayer, [longest[0]!], config.BENCH_AUDITORS)],
      config.BENCH_AUDITORS,
    ),
    otherPartnerships: summarize(
      [await apiReplays(replayer, longest, config.BENCH_AUDITORS)],
      config.BENCH_AUDITORS,
    ),
  };
  loads.api = load();
  const replayWorkers = replayer.workers;
  const apiRuns = {
    asked: 3 * config.BENCH_API_REPLAYS,
    replayed: replayer.replayedRuns - (partnerships.length + warmup.length),
  };
  await replayer.close();

  const summaries = {
    b: summarize(timings.b, 1),
    c: summarize(timings.c, 1),
    bSkipped: summarize(timings.bSkipped, 1),
    pure: summarize(timings.pure, 1),
  };
  const ratio: Ratios = ratios(summaries.c, summaries.b);
  // All replay every history once, so the ratio of totals is also that of the means and of us/event.
  const totalRatio = summaries.c.elapsedMs / summaries.b.elapsedMs;
  const ratioToSkipped = summaries.c.elapsedMs / summaries.bSkipped.elapsedMs;
  const maxRatio = summaries.c.maxMs / summaries.b.maxMs;
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
        row('C  long-lived replayer + verify', summaries.c),
        row('B  raw runReplayHistories', summaries.b),
        [
          'C/B',
          '',
          times(totalRatio),
          times(totalRatio),
          times(ratio.p50),
          times(ratio.p99),
          times(maxRatio),
          times(totalRatio),
        ],
        row('   B, stack traces skipped', summaries.bSkipped),
        ['   C/that', '', times(ratioToSkipped), times(ratioToSkipped), '', '', '', ''],
        row('   C without the replay', summaries.pure),
      ],
      1,
    )}`,
  );
  console.log(
    `C: ${summaries.c.count} histories replayed and verified in ${seconds(summaries.c.elapsedMs)} s ` +
      `(goal: 60 s), ${times(totalRatio)} the raw runReplayHistories of the same run; ${replayWorkers} replay worker(s). ` +
      `Load after B: ${loads.b}; after C: ${loads.c}.`,
  );

  // Per scenario: each round's latencies are in the order of its slice.
  const ordered = rounds.flat();
  const latencies = (key: 'b' | 'c') => timings[key].flatMap((timing) => timing.latenciesMs);
  const [cLatencies, bLatencies] = [latencies('c'), latencies('b')];
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
      meanMsC: mean(cLatencies),
      meanMsB: mean(bLatencies),
    };
  });
  console.log(
    `\n${table(
      [
        ['scenario', 'histories', 'events', 'C mean ms', 'B mean ms', 'C/B'],
        ...scenarioRows.map((entry) => [
          entry.scenario,
          String(entry.histories),
          String(entry.events),
          ms(entry.meanMsC),
          ms(entry.meanMsB),
          times(entry.meanMsC / entry.meanMsB),
        ]),
      ],
      1,
    )}`,
  );
  const apiRow = (label: string, summary: Summary) => [
    label,
    String(summary.count),
    ms(summary.p50Ms),
    ms(summary.p99Ms),
    ms(summary.maxMs),
  ];
  console.log(
    `\nOne partnership's replay as the api makes it once the history is read (${longestScenario.scenario}, ` +
      `${longestScenario.history.events!.length} events; the long-lived replayer, no HTTP, no history fetch):\n${table(
        [
          ['auditors at once', 'replays', 'p50 ms', 'p99 ms', 'max ms'],
          apiRow('1', api.alone),
          apiRow(`${config.BENCH_AUDITORS}, same partnership`, api.samePartnership),
          apiRow(`${config.BENCH_AUDITORS}, other partnerships`, api.otherPartnerships),
        ],
        1,
      )}\n${apiRuns.replayed} runs replayed for ${apiRuns.asked} requests. Load after: ${loads.api}.`,
  );
  // What the replay workers left behind: flat with one worker.
  const externalMemoryMiB = Math.round(process.memoryUsage().external / 2 ** 20);
  console.log(
    `\nC: one PartnershipReplayer (one replay worker, chain checkpoints, auditHistory) then verifyPartnershipChain; ` +
      `B: one runReplayHistories per round, before the replayer started. Each history timed from hand-over to result, ` +
      `one at a time. External memory now ${externalMemoryMiB} MiB. Total ${seconds(performance.now() - benchStarted)} s; ` +
      `load average now ${load()}.`,
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
    apiReplays: config.BENCH_API_REPLAYS,
    auditors: config.BENCH_AUDITORS,
    bundleMs,
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
  };
  const results = {
    ...summaries,
    ratio,
    totalRatio,
    ratioToSkipped,
    replayWorkers,
    api,
    apiRuns,
    loads,
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
