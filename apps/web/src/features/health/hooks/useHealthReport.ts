import type { HealthReport } from '@mitra/contracts';
import { useCallback, useEffect, useState } from 'react';
import { fetchHealthReport, HealthFetchError, type HealthFetchFailure } from '../api/health-api';

export const healthRefreshIntervalMs = 10_000;

export interface HealthReportState {
  /** The last report received; kept while a later check fails, so the page can show it as stale. */
  report?: HealthReport;
  /** Why the latest check failed, if it did. */
  failure?: HealthFetchFailure;
  /** A check is in flight. */
  loading: boolean;
}

/**
 * Fetches the health report now, then again `intervalMs` after each check completes.
 * `refresh()` checks at once (cancelling a check in flight) and restarts the countdown.
 */
export function useHealthReport(
  intervalMs: number = healthRefreshIntervalMs,
): HealthReportState & { refresh: () => void } {
  const [state, setState] = useState<HealthReportState>({ loading: true });
  const [round, setRound] = useState(0);

  const refresh = useCallback(() => {
    setState((previous) => ({ ...previous, loading: true }));
    setRound((previous) => previous + 1);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    fetchHealthReport({ signal: controller.signal })
      .then(
        (report) => {
          if (!controller.signal.aborted) setState({ report, loading: false });
        },
        (error: unknown) => {
          if (controller.signal.aborted) return; // Unmounted, or superseded by a newer check.
          const failure: HealthFetchFailure =
            error instanceof HealthFetchError ? error.failure : { reason: 'unreachable' };
          setState((previous) => ({ report: previous.report, failure, loading: false }));
        },
      )
      .finally(() => {
        if (!controller.signal.aborted) timer = setTimeout(refresh, intervalMs);
      });
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [round, intervalMs, refresh]);

  return { ...state, refresh };
}
