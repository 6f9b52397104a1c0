import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { LifecycleState } from '@mitra/contracts';
import { freePorts, startApp, type ManagedProcess } from '@mitra/stack';
import { ApiClient, demoAccounts, systemEnv, systemKeysDir } from '@mitra/testing';

/** Until `check` holds, for at most `ms` (another api process hears a lifecycle event a moment later). */
async function within(ms: number, check: () => Promise<boolean>): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`still not so after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('remembered members, on two api processes', () => {
  let secondApi: ManagedProcess;
  let secondUrl: string;

  beforeAll(async () => {
    const { MONGO_URL, NATS_URL, TEMPORAL_ADDRESS, MITRA_TEST_DATA_DIR, MITRA_TEST_NATS_CREDENTIALS_DIR } = systemEnv();
    const [port] = await freePorts(1);
    secondUrl = `http://127.0.0.1:${port}`;
    secondApi = await startApp('api', {
      env: { MONGO_URL, NATS_URL, TEMPORAL_ADDRESS, API_PORT: String(port) },
      logDir: path.join(MITRA_TEST_DATA_DIR, 'second-api'),
      keysDir: systemKeysDir(),
      natsCredentialsDir: MITRA_TEST_NATS_CREDENTIALS_DIR,
    });
  }, 180_000);

  afterAll(async () => {
    await secondApi?.stop();
  });

  it('turns a withdrawn partner away at once, on the api that recorded it and on another', async () => {
    const coordinator = ApiClient.signedInAs(demoAccounts.coordinator.email);
    const forum = ApiClient.signedInAs(demoAccounts.forumCsr.email);
    const forumOnSecond = ApiClient.signedInAs(demoAccounts.forumCsr.email, { baseUrl: secondUrl });
    const forumId = (await forum.user()).organisationId!;
    const id = (
      await coordinator.post<LifecycleState>('partnerships', { name: `Kemitraan Ingatan ${randomUUID().slice(0, 6)}` })
    ).body.partnershipId;
    expect(
      (await coordinator.post(`partnerships/${id}/decisions/addPartner`, { organisationId: forumId, role: 'partner' }))
        .status,
    ).toBe(200);
    // Both processes read the members, and remember them.
    for (let i = 0; i < 3; i++) {
      expect((await forum.get(`partnerships/${id}`)).status).toBe(200);
      expect((await forumOnSecond.get(`monitoring/partnerships/${id}`)).status).toBe(200);
    }

    const withdrawn = await coordinator.post(`partnerships/${id}/decisions/withdrawPartner`, {
      organisationId: forumId,
      reason: 'Forum CSR mengundurkan diri dari kemitraan.',
    });
    expect(withdrawn.status).toBe(200);

    expect((await forum.get(`partnerships/${id}`)).status).toBe(404);
    // The other process forgets on the lifecycle event, not after its 30 s of trust.
    await within(5_000, async () => (await forumOnSecond.get(`partnerships/${id}`)).status === 404);
    expect((await forumOnSecond.get(`monitoring/partnerships/${id}`)).status).toBe(404);
  });

  it('lets a partner in at once when it joins, though it was turned away a moment before', async () => {
    const coordinator = ApiClient.signedInAs(demoAccounts.coordinator.email);
    const lpmOnSecond = ApiClient.signedInAs(demoAccounts.lpmCibangkong.email, { baseUrl: secondUrl });
    const lpmId = (await lpmOnSecond.user()).organisationId!;
    const id = (
      await coordinator.post<LifecycleState>('partnerships', { name: `Kemitraan Baru ${randomUUID().slice(0, 6)}` })
    ).body.partnershipId;
    expect((await lpmOnSecond.get(`partnerships/${id}`)).status).toBe(404);

    expect(
      (await coordinator.post(`partnerships/${id}/decisions/addPartner`, { organisationId: lpmId, role: 'partner' }))
        .status,
    ).toBe(200);
    expect((await lpmOnSecond.get(`partnerships/${id}`)).status).toBe(200);
  });
});
