import type { Logger } from '@nestjs/common';

export interface PendingEventSweep {
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>;
}

/**
 * Republishes what a crash or an unreachable NATS left in an outbox: once at start-up, then every
 * `intervalMs`. Sweeps never overlap, and a failed one is logged and retried at the next interval.
 */
export function startPendingEventSweep(sweep: () => Promise<void>, logger: Logger, intervalMs = 30_000): PendingEventSweep {
  let running: Promise<void> | undefined;
  const runOnce = (): Promise<void> => {
    running ??= sweep()
      .catch((error: unknown) => logger.warn(`republishing pending events failed: ${String(error)}`))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  void runOnce();
  const timer = setInterval(() => void runOnce(), intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
