import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { connect, JSONCodec, type NatsConnection } from 'nats';
import { eventStreamName, MonitoringEventType, type DomainEvent } from '@mitra/contracts';
import { startApp, type ManagedProcess } from '@mitra/stack';
import { systemEnv } from '@mitra/testing';

describe('monitoring events left pending by a crash', () => {
  let database: mongoose.Connection;
  let nats: NatsConnection;
  let restarted: ManagedProcess | undefined;

  beforeAll(async () => {
    database = await mongoose.createConnection(systemEnv().MONGO_URL, { dbName: 'mitra_monitoring' }).asPromise();
    nats = await connect({ servers: systemEnv().NATS_URL });
  });
  afterAll(async () => {
    await restarted?.stop();
    await database.close();
    await nats.close();
  });

  it('are published when a monitoring instance starts, and the revision is marked published', async () => {
    // A revision written just before the process died: its events never reached JetStream.
    const partnershipId = `p-${randomUUID()}`;
    const event: DomainEvent = {
      eventId: `monitoring:${partnershipId}:1:0`,
      type: MonitoringEventType.TargetsChosen,
      occurredAt: new Date().toISOString(),
      partnershipId,
      organisationIds: [],
      data: { targets: ['2.2'] },
    };
    const revisions = database.collection<{ _id: string; [field: string]: unknown }>('plan_revisions');
    await revisions.insertOne({
      _id: `${partnershipId}:1`,
      partnershipId,
      revision: 1,
      plan: { partnershipId, sdgTargets: ['2.2'], indicators: [], reports: [] },
      commands: [],
      outbox: [event],
      eventsPublished: false,
      writtenAt: event.occurredAt,
    });

    const { NATS_URL, MONGO_URL, MITRA_TEST_DATA_DIR } = systemEnv();
    restarted = await startApp('monitoring', { env: { NATS_URL, MONGO_URL }, logDir: path.join(MITRA_TEST_DATA_DIR, `monitoring-restart-${randomUUID().slice(0, 8)}`) });

    const codec = JSONCodec<DomainEvent>();
    let found: DomainEvent | undefined;
    for (let attempt = 0; attempt < 40 && !found; attempt++) {
      const consumer = await nats.jetstream().consumers.get(eventStreamName, { filterSubjects: ['events.monitoring.targets.chosen'] });
      const messages = await consumer.fetch({ max_messages: 10_000, expires: 1000 });
      for await (const message of messages) {
        const decoded = codec.decode(message.data);
        if (decoded.eventId === event.eventId) found = decoded;
        if (message.info.pending === 0) break;
      }
      if (!found) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(found).toMatchObject({ type: 'monitoring.targets.chosen', partnershipId, data: { targets: ['2.2'] } });
    let published = false;
    for (let attempt = 0; attempt < 40 && !published; attempt++) {
      published = (await revisions.findOne({ _id: `${partnershipId}:1` }))?.eventsPublished === true;
      if (!published) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(published).toBe(true);
  }, 180_000);
});
