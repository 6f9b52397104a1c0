import type { DependencyHealth, HealthReport } from '@mitra/contracts';

export const healthPath = '/api/v1/health';

/** Why no report could be shown: the api did not answer, or answered with something else than a report. */
export type HealthFetchFailure =
  { reason: 'unreachable' } | { reason: 'invalid-response'; httpStatus: number };

export class HealthFetchError extends Error {
  readonly failure: HealthFetchFailure;

  constructor(failure: HealthFetchFailure, options?: { cause?: unknown }) {
    super(
      failure.reason === 'unreachable'
        ? 'health api unreachable'
        : `unexpected health response (HTTP ${failure.httpStatus})`,
      options,
    );
    this.name = 'HealthFetchError';
    this.failure = failure;
  }
}

// Kept here rather than imported from the contracts' zod schemas, so the bundle stays free of zod.
const reportStatuses: Record<HealthReport['status'], true> = { up: true, degraded: true };
const dependencyKinds: Record<DependencyHealth['kind'], true> = { server: true, service: true, worker: true };
const dependencyStatuses: Record<DependencyHealth['status'], true> = { up: true, down: true };

const isOneOf = <T extends string>(allowed: Record<T, true>, value: unknown): value is T =>
  typeof value === 'string' && Object.hasOwn(allowed, value);

function isDependencyHealth(value: unknown): value is DependencyHealth {
  if (typeof value !== 'object' || value === null) return false;
  const dependency = value as Record<string, unknown>;
  return (
    typeof dependency.name === 'string' &&
    isOneOf(dependencyKinds, dependency.kind) &&
    isOneOf(dependencyStatuses, dependency.status) &&
    typeof dependency.latencyMs === 'number' &&
    (dependency.detail === undefined || typeof dependency.detail === 'string')
  );
}

export function isHealthReport(value: unknown): value is HealthReport {
  if (typeof value !== 'object' || value === null) return false;
  const report = value as Record<string, unknown>;
  return (
    isOneOf(reportStatuses, report.status) &&
    typeof report.checkedAt === 'string' &&
    Array.isArray(report.dependencies) &&
    report.dependencies.every(isDependencyHealth)
  );
}

export interface FetchHealthOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

/**
 * `GET /api/v1/health`. The api answers 200 when everything is up and 503 when degraded, with a
 * report either way; anything else is an error. Rejects with the caller's abort reason when aborted.
 */
export async function fetchHealthReport({
  signal,
  timeoutMs = 8_000,
  fetchImpl = fetch,
}: FetchHealthOptions = {}): Promise<HealthReport> {
  const signals = [AbortSignal.timeout(timeoutMs), ...(signal ? [signal] : [])];
  let response: Response;
  try {
    response = await fetchImpl(healthPath, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.any(signals),
      cache: 'no-store',
    });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw new HealthFetchError({ reason: 'unreachable' }, { cause: error });
  }
  const invalid = (cause?: unknown) =>
    new HealthFetchError({ reason: 'invalid-response', httpStatus: response.status }, { cause });
  if (response.status !== 200 && response.status !== 503) throw invalid();
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw invalid(error);
  }
  if (!isHealthReport(body)) throw invalid();
  return body;
}
