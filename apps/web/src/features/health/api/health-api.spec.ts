import type { HealthReport } from '@mitra/contracts';
import { fetchHealthReport, HealthFetchError, healthPath, isHealthReport } from './health-api';

const report: HealthReport = {
  status: 'degraded',
  checkedAt: '2026-01-05T08:04:05.000Z',
  dependencies: [
    { name: 'nats', kind: 'server', status: 'up', latencyMs: 1.25 },
    { name: 'worker', kind: 'worker', status: 'down', latencyMs: 1500, detail: 'no answer within 1500 ms' },
  ],
};

const respondWith = (response: Response | Error) =>
  jest.fn<Promise<Response>, Parameters<typeof fetch>>(async () => {
    if (response instanceof Error) throw response;
    return response;
  });

const failureOf = async (promise: Promise<unknown>) => {
  const error: unknown = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(HealthFetchError);
  return (error as HealthFetchError).failure;
};

describe('isHealthReport', () => {
  it('accepts a report', () => {
    expect(isHealthReport(report)).toBe(true);
  });

  it.each([
    ['null', null],
    ['an unknown overall status', { ...report, status: 'ok' }],
    ['a missing checkedAt', { ...report, checkedAt: undefined }],
    ['an unknown kind', { ...report, dependencies: [{ ...report.dependencies[0], kind: 'cache' }] }],
    [
      'a latency that is not a number',
      { ...report, dependencies: [{ ...report.dependencies[0], latencyMs: '1' }] },
    ],
  ])('rejects %s', (_, value) => {
    expect(isHealthReport(value)).toBe(false);
  });
});

describe('fetchHealthReport', () => {
  it('returns the report on 200 and on 503', async () => {
    for (const status of [200, 503]) {
      const fetchImpl = respondWith(Response.json(report, { status }));
      await expect(fetchHealthReport({ fetchImpl })).resolves.toEqual(report);
      expect(fetchImpl.mock.calls[0][0]).toBe(healthPath);
    }
  });

  it('reports an unreachable api', async () => {
    const fetchImpl = respondWith(new TypeError('Failed to fetch'));
    expect(await failureOf(fetchHealthReport({ fetchImpl }))).toEqual({ reason: 'unreachable' });
  });

  it('reports another status or a body that is not a report', async () => {
    expect(
      await failureOf(
        fetchHealthReport({ fetchImpl: respondWith(new Response('Bad gateway', { status: 502 })) }),
      ),
    ).toEqual({
      reason: 'invalid-response',
      httpStatus: 502,
    });
    expect(
      await failureOf(fetchHealthReport({ fetchImpl: respondWith(new Response('<html>', { status: 200 })) })),
    ).toEqual({
      reason: 'invalid-response',
      httpStatus: 200,
    });
    expect(
      await failureOf(fetchHealthReport({ fetchImpl: respondWith(Response.json({ status: 'up' })) })),
    ).toEqual({
      reason: 'invalid-response',
      httpStatus: 200,
    });
  });

  it('rethrows the abort reason when the caller aborts', async () => {
    const controller = new AbortController();
    controller.abort(new Error('unmounted'));
    const fetchImpl = jest.fn<Promise<Response>, Parameters<typeof fetch>>(async () => {
      throw new DOMException('This operation was aborted', 'AbortError');
    });
    await expect(fetchHealthReport({ fetchImpl, signal: controller.signal })).rejects.toThrow('unmounted');
  });
});
