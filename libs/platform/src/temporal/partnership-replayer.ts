import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { ReplayReport, RunReplay } from '@mitra/contracts';
import type { LifecycleRules } from '@mitra/domain';
import type { PartnershipHistory } from './history-steps';
import { replayReport } from './partnership-replay';
import { freeSourceMapsOfStoppedReplayWorkers } from './replay-memory';
import { skipPromiseStackTracesInReplay } from './replay-stack-traces';

type History = PartnershipHistory['runs'][number]['history'];

interface QueuedRun {
  runId: string;
  history: History;
  resolve: (replay: RunReplay) => void;
  reject: (error: unknown) => void;
}

/**
 * One replay worker, started once with a bundle built beforehand, that replays every run handed to
 * it, one after the other: starting a replay worker per partnership costs more than most replays
 * (sdk-typescript#770). Many auditors at once queue here instead of starting workers of their own.
 * Should the worker stop (a history it cannot read), the run it held fails and the next run starts
 * a new one.
 */
export class PartnershipReplayer {
  private readonly queue: QueuedRun[] = [];
  /** The reports being made with today's rules, by the runs they replay. */
  private readonly pendingReports = new Map<string, Promise<ReplayReport>>();
  private inFlight: QueuedRun | undefined;
  private wakeFeed: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private closed = false;
  private workersStarted = 0;
  private runsReplayed = 0;

  private constructor(
    private readonly workflowBundle: Promise<WorkflowBundleWithSourceMap>,
    private readonly replayName: string,
  ) {}

  /** Starts the replay worker now, as soon as `workflowBundle` is built; replays wait for it. */
  static start(
    workflowBundle: Promise<WorkflowBundleWithSourceMap>,
    replayName = 'audit',
  ): PartnershipReplayer {
    freeSourceMapsOfStoppedReplayWorkers();
    skipPromiseStackTracesInReplay();
    const replayer = new PartnershipReplayer(workflowBundle, replayName);
    replayer.ensureRunning();
    return replayer;
  }

  /** Replay workers started so far: one, unless a worker stopped on a history it could not read. */
  get workers(): number {
    return this.workersStarted;
  }

  /** Runs the workers replayed: fewer than asked for when auditors shared a replay. */
  get replayedRuns(): number {
    return this.runsReplayed;
  }

  /**
   * Replays each run with the workflow code of the bundle and audits the history with today's rules.
   * Auditors asking at once for the same partnership share one report: a run's history only grows, so
   * the same runs with as many events are the same history.
   */
  replay(
    history: PartnershipHistory,
    options: { rules?: Partial<LifecycleRules> } = {},
  ): Promise<ReplayReport> {
    if (options.rules) return this.report(history, options);
    const key = [
      history.partnershipId,
      ...history.runs.map((run) => `${run.runId}:${run.history.events?.length ?? 0}`),
    ].join(' ');
    const pending = this.pendingReports.get(key);
    if (pending) return pending;
    const report = this.report(history, options).finally(() => this.pendingReports.delete(key));
    this.pendingReports.set(key, report);
    return report;
  }

  private async report(
    history: PartnershipHistory,
    options: { rules?: Partial<LifecycleRules> },
  ): Promise<ReplayReport> {
    const runs = await Promise.all(history.runs.map((run) => this.replayRun(run.runId, run.history)));
    return replayReport(history, runs, options);
  }

  /** The SDK's replay of one workflow run: deterministic, or the failure that says where it stopped. */
  replayRun(runId: string, history: History): Promise<RunReplay> {
    if (this.closed) return Promise.reject(new Error('The partnership replayer is closed.'));
    return new Promise<RunReplay>((resolve, reject) => {
      this.queue.push({ runId, history, resolve, reject });
      this.wakeFeed?.();
      this.ensureRunning();
    });
  }

  /** Lets the worker finish the queued runs, then stops it. */
  async close(): Promise<void> {
    this.closed = true;
    this.wakeFeed?.();
    await this.running;
  }

  private ensureRunning(): void {
    if (this.running || this.closed) return;
    this.running = this.run().finally(() => {
      this.running = undefined;
      if (this.queue.length > 0) this.ensureRunning();
    });
  }

  private async run(): Promise<void> {
    try {
      const workflowBundle = await this.workflowBundle;
      this.workersStarted++;
      for await (const result of Worker.runReplayHistories(
        { workflowBundle, replayName: this.replayName },
        this.feed(),
      )) {
        const run = this.inFlight!;
        this.inFlight = undefined;
        this.runsReplayed++;
        run.resolve({
          runId: run.runId,
          historyEvents: run.history.events?.length ?? 0,
          deterministic: !result.error,
          ...(result.error ? { failure: String(result.error) } : {}),
        });
      }
    } catch (error) {
      // No bundle, or the worker stopped: the run it held fails; without a bundle (or once closed), so does every queued run.
      this.inFlight?.reject(error);
      this.inFlight = undefined;
      const bundleFailed = await this.workflowBundle.then(
        () => false,
        () => true,
      );
      if (bundleFailed || this.closed) for (const run of this.queue.splice(0)) run.reject(error);
    }
  }

  /** The runs as they are queued, for as long as the replayer is open; a run's id serves as its workflow id. */
  private async *feed(): AsyncGenerator<{ workflowId: string; history: History }> {
    for (;;) {
      const run = this.queue.shift();
      if (run) {
        this.inFlight = run;
        yield { workflowId: run.runId, history: run.history };
        continue;
      }
      if (this.closed) return;
      await new Promise<void>((resolve) => (this.wakeFeed = resolve));
      this.wakeFeed = undefined;
    }
  }
}
