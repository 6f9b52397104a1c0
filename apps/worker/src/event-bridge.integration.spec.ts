import { randomUUID } from 'node:crypto';
import { AckPolicy, connect, DeliverPolicy, type NatsConnection } from 'nats';
import { eventStreamName } from '@mitra/contracts';
import { ensureEventStream, natsConnectionOptions } from '@mitra/platform';
import { systemEnv } from '@mitra/testing';
import { ensureBridgeConsumer } from './event-bridge';

describe("the event bridge's durable consumer", () => {
  let nats: NatsConnection;

  beforeAll(async () => {
    nats = await connect(natsConnectionOptions(systemEnv()));
    await ensureEventStream(nats);
  });
  afterAll(async () => {
    await nats?.close();
  });

  it('widens a consumer an earlier release created to the record announcements the hash chain links', async () => {
    const manager = await nats.jetstreamManager();
    const durableName = `lifecycle-bridge-test-${randomUUID().slice(0, 8)}`;
    await manager.consumers.add(eventStreamName, {
      durable_name: durableName,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subjects: ['events.agreements.mou.effective', 'events.funding.plan.committed'],
    });
    try {
      await ensureBridgeConsumer(manager, durableName);
      await ensureBridgeConsumer(manager, durableName);
      const { config } = await manager.consumers.info(eventStreamName, durableName);
      expect(config.filter_subjects).toEqual(expect.arrayContaining(['events.agreements.mou.effective', 'events.funding.ledger.appended', 'events.agreements.*.signed']));
    } finally {
      await manager.consumers.delete(eventStreamName, durableName);
    }
  });
});
