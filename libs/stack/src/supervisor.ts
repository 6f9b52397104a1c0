import * as fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ManagedProcess } from './managed-process';

export interface RestartPolicy {
  /** Restarts allowed within `windowMs`; one more death in that window gives up. */
  maxRestarts: number;
  windowMs: number;
  /** Waited before the first restart, doubled for each further one in the window. */
  backoffMs: number;
}

/** What `npm start` allows an app: a crash now and then is survived, a crash loop is not. */
export const devRestartPolicy: RestartPolicy = { maxRestarts: 5, windowMs: 5 * 60_000, backoffMs: 1000 };

export interface SupervisorEvents {
  restarting?: (name: string, code: number | null, attempt: number, logFile: string) => void;
  /** It died once too often (or could not be started again): the caller decides what stops with it. */
  gaveUp?: (name: string, reason: string) => void;
}

export interface SupervisedProcess {
  readonly name: string;
  /** The process running now. */
  readonly current: ManagedProcess;
  /** How many times it was started again. */
  readonly restarts: number;
  stop(): Promise<void>;
}

/**
 * Keeps an app running: when it exits without being asked to, it is started again (its last log kept beside the
 * new one as `<log>.previous`), with a growing pause, until it dies more than the policy allows in its window.
 */
export async function supervise(
  start: () => Promise<ManagedProcess>,
  policy: RestartPolicy,
  events: SupervisorEvents = {},
): Promise<SupervisedProcess> {
  let current = await start();
  let stopping = false;
  let restarts = 0;
  const deaths: number[] = [];

  const watch = (process: ManagedProcess): void => {
    void process.exited.then(async (code) => {
      if (stopping) return;
      const now = Date.now();
      deaths.push(now);
      while (deaths.length > 0 && deaths[0]! < now - policy.windowMs) deaths.shift();
      const attempt = deaths.length;
      if (attempt > policy.maxRestarts) {
        events.gaveUp?.(
          process.name,
          `exited with code ${code}, ${attempt} exits within ${policy.windowMs / 1000} s`,
        );
        return;
      }
      events.restarting?.(process.name, code, attempt, process.logFile);
      await sleep(policy.backoffMs * 2 ** (attempt - 1));
      if (stopping) return;
      try {
        fs.renameSync(process.logFile, `${process.logFile}.previous`);
      } catch {
        // no log to keep
      }
      try {
        current = await start();
      } catch (error) {
        events.gaveUp?.(process.name, `could not be started again: ${String(error)}`);
        return;
      }
      restarts++;
      if (stopping) await current.stop();
      else watch(current);
    });
  };
  watch(current);

  return {
    get name() {
      return current.name;
    },
    get current() {
      return current;
    },
    get restarts() {
      return restarts;
    },
    async stop() {
      stopping = true;
      await current.stop();
    },
  };
}
