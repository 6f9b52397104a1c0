import { connect, type NatsConnection } from 'nats';
import { createServiceClient, natsConnectionOptions, type ServiceClient } from '@mitra/platform';
import { systemEnv, testCallerConfig, vouchedAsTheApi } from '@mitra/testing';
import { createActivities } from './activities';

/** The activities against the real NATS and agreements service the global setup started. */
describe('lifecycle activities', () => {
  let nats: NatsConnection;
  let services: ServiceClient;
  let activities: ReturnType<typeof createActivities>;
  const amendment = {
    idempotencyKey: 'lifecycle.activity-test-1',
    actor: { userId: 'koordinator-1', role: 'coordinator' as const },
    agreementId: '64b0000000000000000000ff',
    change: { kind: 'leave' as const, organisationId: '64b000000000000000000004' },
    expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  };

  beforeAll(async () => {
    nats = await connect(natsConnectionOptions(systemEnv()));
    services = createServiceClient(testCallerConfig(), vouchedAsTheApi);
    activities = createActivities({ jetstream: nats.jetstream(), services });
  });

  afterAll(async () => {
    await services.onApplicationShutdown();
    await nats.close();
  });

  it("returns the agreements service's refusal as the outcome instead of retrying for ever", async () => {
    await expect(activities.amendMouMembership(amendment)).resolves.toEqual({ refused: expect.stringMatching(/not found/i) });
    await expect(activities.amendMouMembership({ ...amendment, change: { kind: 'leave', organisationId: 'bukan-id' } })).resolves.toEqual({
      refused: expect.stringContaining('change.organisationId'),
    });
  });

  it('throws, so that Temporal retries, when the service does not answer', async () => {
    const unreachable = createServiceClient({ ...testCallerConfig({ NATS_URL: 'nats://127.0.0.1:1' }) });
    try {
      await expect(createActivities({ jetstream: nats.jetstream(), services: unreachable }).amendMouMembership(amendment)).rejects.toThrow(/not available/);
    } finally {
      await unreachable.onApplicationShutdown().catch(() => undefined);
    }
  });
});
