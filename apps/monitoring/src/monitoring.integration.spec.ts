import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { connect, JSONCodec, type NatsConnection } from 'nats';
import { eventStreamName, MonitoringEventType, type DomainEvent } from '@mitra/contracts';
import { natsConnectionOptions, RevisionStore } from '@mitra/platform';
import { startApp, type ManagedProcess } from '@mitra/stack';
import { systemEnv, systemKeysDir } from '@mitra/testing';
import { planLog } from './plans/plan.schema';

const targetsChosen = (partnershipId: string, revision: number, targets: string[]): DomainEvent => ({
  eventId: `monitoring:${partnershipId}:${revision}:0`,
  type: MonitoringEventType.TargetsChosen,
  occurredAt: new Date().toISOString(),
  partnershipId,
  organisationIds: [],
  data: { targets },
});

describe('a monitoring instance starting', () => {
  let database: mongoose.Connection;
  let nats: NatsConnection;
  let restarted: ManagedProcess | undefined;

  beforeAll(async () => {
    database = await mongoose.createConnection(systemEnv().MONGO_URL, { dbName: 'mitra_monitoring' }).asPromise();
    nats = await connect(natsConnectionOptions(systemEnv()));
  });
  afterAll(async () => {
    await restarted?.stop();
    await database.close();
    await nats.close();
  });

  /** The events of these ids in JetStream, waiting up to ~10 s for them. */
  async function streamed(eventIds: string[]): Promise<Map<string, DomainEvent>> {
    const codec = JSONCodec<DomainEvent>();
    const found = new Map<string, DomainEvent>();
    for (let attempt = 0; attempt < 40 && found.size < eventIds.length; attempt++) {
      const consumer = await nats.jetstream().consumers.get(eventStreamName, { filterSubjects: ['events.monitoring.targets.chosen'] });
      const messages = await consumer.fetch({ max_messages: 10_000, expires: 1000 });
      for await (const message of messages) {
        const decoded = codec.decode(message.data);
        if (eventIds.includes(decoded.eventId)) found.set(decoded.eventId, decoded);
        if (message.info.pending === 0) break;
      }
      if (found.size < eventIds.length) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return found;
  }

  it('publishes events a crash left pending, and moves a plan of the previous layout with its pending events', async () => {
    // A revision written just before the process died: its events never reached JetStream.
    const crashed = `p-${randomUUID()}`;
    const store = new RevisionStore(database, planLog.revisions);
    const pending = targetsChosen(crashed, 1, ['2.2']);
    await store.importRevision({
      aggregateId: crashed,
      revision: 1,
      idempotencyKey: `k-${randomUUID()}`,
      inputHash: 'h',
      change: { subject: 'monitoring.targets.choose', patch: { set: { sdgTargets: ['2.2'] } }, result: { kind: 'document' } },
      events: [pending],
      published: false,
      recordedAt: new Date(),
    });
    // A plan the previous version wrote (whole plan per revision, in `plan_revisions`), its event unpublished.
    const legacy = `p-${randomUUID()}`;
    const legacyEvent = targetsChosen(legacy, 1, ['3.2']);
    await database.collection<{ _id: string; [field: string]: unknown }>('plan_revisions').insertOne({
      _id: `${legacy}:1`,
      partnershipId: legacy,
      revision: 1,
      plan: { partnershipId: legacy, sdgTargets: ['3.2'], indicators: [], reports: [] },
      commands: [],
      outbox: [legacyEvent],
      eventsPublished: false,
      writtenAt: legacyEvent.occurredAt,
    });

    const { NATS_URL, MONGO_URL, MITRA_TEST_DATA_DIR, MITRA_TEST_NATS_CREDENTIALS_DIR } = systemEnv();
    restarted = await startApp('monitoring', {
      env: { NATS_URL, MONGO_URL },
      natsCredentialsDir: MITRA_TEST_NATS_CREDENTIALS_DIR,
      keysDir: systemKeysDir(),
      logDir: path.join(MITRA_TEST_DATA_DIR, `monitoring-restart-${randomUUID().slice(0, 8)}`),
    });

    const found = await streamed([pending.eventId, legacyEvent.eventId]);
    expect(found.get(pending.eventId)).toMatchObject({ type: 'monitoring.targets.chosen', partnershipId: crashed, data: { targets: ['2.2'] } });
    expect(found.get(legacyEvent.eventId)).toMatchObject({ type: 'monitoring.targets.chosen', partnershipId: legacy, data: { targets: ['3.2'] } });
    let left: unknown[] = [];
    for (let attempt = 0; attempt < 40; attempt++) {
      left = [...(await store.pendingEvents({ aggregateId: crashed, limit: 10 })), ...(await store.pendingEvents({ aggregateId: legacy, limit: 10 }))];
      if (left.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(left).toEqual([]);
    // Moved before the instance answered: the old layout is gone, the plan is in the log.
    expect((await database.db!.listCollections({ name: 'plan_revisions' }).toArray()).length).toBe(0);
    expect(await store.history(legacy)).toEqual([expect.objectContaining({ id: `${legacy}:1`, idempotencyKey: 'legacy-revision-1' })]);
  }, 180_000);
});
