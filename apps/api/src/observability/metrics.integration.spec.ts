import { randomUUID } from 'node:crypto';
import { connect, JSONCodec } from 'nats';
import type { LifecycleState } from '@mitra/contracts';
import { natsConnectionOptions } from '@mitra/platform';
import { ApiClient, demoAccounts, systemEnv } from '@mitra/testing';

async function metricsOf(app: string): Promise<string> {
  const port = (JSON.parse(systemEnv().MITRA_TEST_METRICS_PORTS) as Record<string, number>)[app];
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(response.status).toBe(200);
  return response.text();
}

/** The value of one series, its labels given in the order they are exposed. */
function valueOf(metrics: string, series: string): number {
  const line = metrics.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('Prometheus metrics on each app', () => {
  const coordinator = ApiClient.signedInAs(demoAccounts.coordinator.email);

  it('counts and times the api request, the NATS request it sent and the message the service handled, refusals by code', async () => {
    const partnershipId = (
      await coordinator.post<LifecycleState>('partnerships', {
        name: `Kemitraan Metrik ${randomUUID().slice(0, 6)}`,
      })
    ).body.partnershipId;
    const route = 'route="/api/v1/partnerships/:partnershipId/funding"';
    const [apiBefore, fundingBefore] = await Promise.all([metricsOf('api'), metricsOf('funding')]);

    expect((await coordinator.fetch(`partnerships/${partnershipId}/funding`)).status).toBe(200);
    // A message without an assertion, straight on the bus: the service's guard refuses it, and it is counted.
    const bus = await connect(natsConnectionOptions(systemEnv()));
    const json = JSONCodec();
    const reply = await bus.request(
      'funding.plan.get',
      json.encode({
        pattern: 'funding.plan.get',
        data: { actor: { userId: 'x', role: 'admin' }, partnershipId },
        id: '1',
      }),
      { timeout: 5000 },
    );
    await bus.close();
    expect(json.decode(reply.data)).toMatchObject({ err: { code: 'UNAUTHENTICATED' } });

    const [api, funding] = await Promise.all([metricsOf('api'), metricsOf('funding')]);
    const grew = (before: string, after: string, series: string) =>
      valueOf(after, series) - valueOf(before, series);
    expect(
      grew(apiBefore, api, `mitra_http_requests_total{method="GET",${route},status="200",app="api"}`),
    ).toBe(1);
    expect(
      grew(apiBefore, api, `mitra_nats_requests_total{subject="funding.plan.get",outcome="ok",app="api"}`),
    ).toBe(1);
    expect(
      grew(
        fundingBefore,
        funding,
        `mitra_nats_messages_handled_total{subject="funding.plan.get",outcome="ok",app="funding"}`,
      ),
    ).toBe(1);
    expect(api).toContain(
      `mitra_http_request_duration_seconds_bucket{le="0.5",app="api",method="GET",${route}}`,
    );
    expect(funding).toContain(
      'mitra_nats_message_duration_seconds_count{app="funding",subject="funding.plan.get"}',
    );
    expect(funding).toMatch(/^process_cpu_seconds_total\{app="funding"\} /m);
    expect(funding).toMatch(/^nodejs_eventloop_lag_seconds\{app="funding"\} /m);
    expect(
      grew(
        fundingBefore,
        funding,
        `mitra_nats_messages_handled_total{subject="funding.plan.get",outcome="UNAUTHENTICATED",app="funding"}`,
      ),
    ).toBe(1);
  });

  it("serves the worker's own series with the Temporal SDK's", async () => {
    const worker = await metricsOf('worker');
    expect(worker).toMatch(/^process_resident_memory_bytes\{app="worker"\} /m);
    expect(worker).toMatch(/^temporal_/m);
  });

  it('answers nothing but /metrics', async () => {
    const port = (JSON.parse(systemEnv().MITRA_TEST_METRICS_PORTS) as Record<string, number>).api;
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
  });
});
