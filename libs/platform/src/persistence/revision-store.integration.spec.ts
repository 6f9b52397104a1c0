import { randomUUID } from 'node:crypto';
import type { Logger } from '@nestjs/common';
import mongoose from 'mongoose';
import { connect, JSONCodec, type NatsConnection } from 'nats';
import { eventStreamName, organisationEventTypes, type DomainEvent } from '@mitra/contracts';
import { systemEnv } from '@mitra/testing';
import { EventPublisher } from '../events/event-publisher';
import { natsConnectionOptions } from '../nats';
import { OutboxRelay } from '../events/outbox-relay';
import { RevisionStore } from './revision-store';

interface Change {
  note: string;
  refersTo?: number;
}
interface Figures {
  total: number;
}

// A declared type (publishing refuses any other) that no workflow acts on: the outbox is what is tested here.
const eventType = organisationEventTypes.updated;
const quietLogger = {
  warn: () => undefined,
  log: () => undefined,
  error: () => undefined,
} as unknown as Logger;

describe('the revision store on the real database', () => {
  const collectionName = `revision_store_test_${randomUUID().slice(0, 8)}`;
  let connections: mongoose.Connection[];
  /** A store as another process would have it: its own connection, its own instance. */
  const storeOf = (connection: mongoose.Connection) =>
    new RevisionStore<Change, DomainEvent, Figures>(connection, collectionName, {
      changeIndexes: ['refersTo'],
    });
  let store: RevisionStore<Change, DomainEvent, Figures>;
  const aggregate = () => `agg-${randomUUID()}`;
  const options = (idempotencyKey: string, inputHash = 'h') => ({ idempotencyKey, inputHash });
  const event = (aggregateId: string, revision: number, i: number): DomainEvent => ({
    eventId: `test:${aggregateId}:${revision}:${i}`,
    type: eventType,
    occurredAt: new Date().toISOString(),
    organisationIds: [],
    data: { aggregateId, revision },
  });

  beforeAll(async () => {
    const { MONGO_URL } = systemEnv();
    connections = await Promise.all(
      [0, 1].map(() => mongoose.createConnection(MONGO_URL, { dbName: 'mitra_platform_test' }).asPromise()),
    );
    store = storeOf(connections[0]!);
    await store.ready();
  });
  afterAll(async () => {
    await connections[0]?.db?.dropCollection(collectionName).catch(() => undefined);
    await Promise.all(connections.map((connection) => connection.close()));
  });

  it('declares the unique (aggregate, revision) and (aggregate, key) indexes and the outbox index', async () => {
    const indexes = await connections[0]!.collection(collectionName).indexes();
    const byName = new Map(indexes.map((index) => [index.name, index]));
    expect(byName.get('aggregate_revision')).toMatchObject({
      key: { aggregateId: 1, revision: 1 },
      unique: true,
    });
    expect(byName.get('aggregate_idempotency_key')).toMatchObject({
      key: { aggregateId: 1, idempotencyKey: 1 },
      unique: true,
    });
    expect(byName.get('pending_events')).toMatchObject({
      key: { published: 1, aggregateId: 1, revision: 1 },
    });
    expect(byName.get('aggregate_change_refersTo')).toMatchObject({
      key: { aggregateId: 1, 'change.refersTo': 1 },
    });
  });

  it('lets exactly one of twenty writers racing for the same revision in, from two processes, and tells the others', async () => {
    const aggregateId = aggregate();
    await store.append(aggregateId, 0, { note: 'first' }, [], options('k-0'));
    const stores = [storeOf(connections[0]!), storeOf(connections[1]!)];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        stores[i % 2]!.append(aggregateId, 1, { note: `racer ${i}` }, [], options(`k-${i + 1}`)),
      ),
    );
    expect(results.filter((r) => r.status === 'appended')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'conflict')).toHaveLength(19);
    const history = await store.history(aggregateId);
    expect(history.map((r) => r.revision)).toEqual([1, 2]);
    const winner = results.find((r) => r.status === 'appended');
    expect(history[1]!.change).toEqual(winner?.status === 'appended' ? winner.revision.change : undefined);
  });

  it('refuses a second document for a taken revision whatever its id (the compound unique index, not only _id)', async () => {
    const aggregateId = aggregate();
    await store.append(aggregateId, 0, { note: 'first' }, [], options('k-1'));
    const imported = {
      aggregateId,
      revision: 1,
      idempotencyKey: 'k-other',
      inputHash: 'h',
      change: { note: 'slipped in' },
      events: [],
      published: true,
      recordedAt: new Date(),
    };
    expect(await store.importRevision({ ...imported, id: `${aggregateId}:another-id` })).toBe('taken');
    expect(await store.importRevision({ ...imported, id: `${aggregateId}:1` })).toBe('exists');
    expect((await store.history(aggregateId)).map((r) => r.change.note)).toEqual(['first']);
  });

  it('writes one revision per idempotency key: a replay gets the stored revision, other input with the same key is refused', async () => {
    const aggregateId = aggregate();
    await store.append(aggregateId, 0, { note: 'first' }, [], options('k-1'));
    // The same key again on a free revision: only the (aggregate, key) index stops it.
    const replay = await store.append(aggregateId, 1, { note: 'first, sent again' }, [], options('k-1'));
    expect(replay).toMatchObject({
      status: 'replayed',
      revision: { revision: 1, change: { note: 'first' } },
    });
    const reused = await store.append(
      aggregateId,
      1,
      { note: 'something else' },
      [],
      options('k-1', 'other input'),
    );
    expect(reused).toMatchObject({ status: 'keyReused', revision: { revision: 1 } });

    const racing = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        storeOf(connections[i % 2]!).append(aggregateId, 1, { note: 'second' }, [], options('k-2')),
      ),
    );
    expect(racing.filter((r) => r.status === 'appended')).toHaveLength(1);
    expect(racing.filter((r) => r.status === 'replayed')).toHaveLength(9);
    expect((await store.history(aggregateId)).map((r) => [r.revision, r.idempotencyKey])).toEqual([
      [1, 'k-1'],
      [2, 'k-2'],
    ]);
    expect(await store.byIdempotencyKey(aggregateId, 'k-2')).toMatchObject({ revision: 2 });
    expect(await store.byIdempotencyKey(aggregateId, 'k-3')).toBeNull();
  });

  it('reads the latest revision with its state, and ranges of the history in revision order without it', async () => {
    const aggregateId = aggregate();
    expect(await store.latest(aggregateId)).toBeNull();
    for (let n = 0; n < 12; n++)
      await store.append(aggregateId, n, { note: `r${n + 1}`, ...(n === 9 ? { refersTo: 3 } : {}) }, [], {
        ...options(`k-${n}`),
        state: { total: (n + 1) * 10 },
      });
    // Another aggregate's revisions never show.
    await store.append(aggregate(), 0, { note: 'elsewhere' }, [], options('k-0'));

    expect(await store.latest(aggregateId)).toMatchObject({
      revision: 12,
      change: { note: 'r12' },
      state: { total: 120 },
    });
    // Only the latest keeps its state, so reading a history reads small documents.
    const withState = await connections[0]!
      .collection(collectionName)
      .countDocuments({ aggregateId, state: { $exists: true } });
    expect(withState).toBe(1);
    const range = await store.history(aggregateId, { fromRevision: 4, limit: 3 });
    expect(range.map((r) => r.revision)).toEqual([4, 5, 6]);
    expect(range[0]).not.toHaveProperty('state');
    expect((await store.history(aggregateId, { fromRevision: 11 })).map((r) => r.revision)).toEqual([11, 12]);
    expect(
      (await store.history(aggregateId, { fromRevision: 2, toRevision: 3 })).map((r) => r.revision),
    ).toEqual([2, 3]);
    expect((await store.withChange(aggregateId, 'refersTo', [3, 4])).map((r) => r.revision)).toEqual([10]);
  });

  it('refuses an aggregate id that is not a string before it reaches the database', async () => {
    await expect(store.latest({ $ne: null } as unknown as string)).rejects.toThrow(
      'aggregateId must be a non-empty string',
    );
    await expect(store.history({ $gt: '' } as unknown as string)).rejects.toThrow(TypeError);
  });

  describe('the outbox', () => {
    let nats: NatsConnection;
    let publisher: EventPublisher;
    beforeAll(async () => {
      nats = await connect(natsConnectionOptions(systemEnv()));
      publisher = new EventPublisher();
    });
    afterAll(async () => {
      await publisher.onApplicationShutdown();
      await nats.close();
    });

    /** Every message in the stream for these aggregates, by event id. */
    async function stored(aggregateIds: string[]): Promise<Map<string, number>> {
      const codec = JSONCodec<DomainEvent>();
      const counts = new Map<string, number>();
      const consumer = await nats
        .jetstream()
        .consumers.get(eventStreamName, { filterSubjects: [`events.${eventType}`] });
      const messages = await consumer.fetch({ max_messages: 100_000, expires: 2000 });
      for await (const message of messages) {
        const event = codec.decode(message.data);
        if (aggregateIds.includes(event.data.aggregateId as string))
          counts.set(event.eventId, (counts.get(event.eventId) ?? 0) + 1);
        if (message.info.pending === 0) break;
      }
      return counts;
    }

    it('publishes every event exactly once, after a crash between insert and publish and one between publish and mark', async () => {
      const [a, b] = [aggregate(), aggregate()];
      const eventIds: string[] = [];
      // Written, then the writer died before publishing: nothing of these is in the stream.
      for (const aggregateId of [a, b])
        for (let revision = 1; revision <= 3; revision++) {
          const events = [event(aggregateId, revision, 0), event(aggregateId, revision, 1)];
          eventIds.push(...events.map((e) => e.eventId));
          expect(
            (
              await store.append(
                aggregateId,
                revision - 1,
                { note: `r${revision}` },
                events,
                options(`k-${revision}`),
              )
            ).status,
          ).toBe('appended');
        }
      // A revision without events is published from the start.
      await store.append(a, 3, { note: 'quiet' }, [], options('k-4'));
      // Revision 1 of `a` reached the stream, then the process died before marking it.
      const [first] = await store.pendingEvents({ aggregateId: a, limit: 1 });
      expect(await publisher.publishAll(first!.events)).toHaveLength(2);
      expect((await store.pendingEvents({ aggregateId: a, limit: 10 })).map((p) => p.revision)).toEqual([
        1, 2, 3,
      ]);

      // Two processes sweep at once, and a command's flush runs too.
      const relays = connections.map(
        (connection) => new OutboxRelay(storeOf(connection), publisher, quietLogger, { pageSize: 2 }),
      );
      await Promise.all([relays[0]!.sweepOnce(), relays[1]!.sweepOnce(), relays[0]!.flush(b)]);
      await relays[1]!.sweepOnce();

      expect(await store.pendingEvents({ aggregateId: a, limit: 10 })).toEqual([]);
      expect(await store.pendingEvents({ aggregateId: b, limit: 10 })).toEqual([]);
      const counts = await stored([a, b]);
      expect([...counts.keys()].sort()).toEqual([...eventIds].sort());
      expect([...counts.values()].every((count) => count === 1)).toBe(true);
    });

    it('leaves a revision pending when NATS refuses one of its events, and publishes it at the next sweep', async () => {
      const aggregateId = aggregate();
      const events = [event(aggregateId, 1, 0), event(aggregateId, 1, 1)];
      await store.append(aggregateId, 0, { note: 'r1' }, events, options('k-1'));
      await store.append(aggregateId, 1, { note: 'r2' }, [event(aggregateId, 2, 0)], options('k-2'));
      let refuse = true;
      const flaky = {
        publishAll: async (batch: DomainEvent[]) => (refuse ? [] : publisher.publishAll(batch)),
      };
      const relay = new OutboxRelay(storeOf(connections[0]!), flaky, quietLogger);
      expect(await relay.flush(aggregateId)).toBe(false);
      expect((await store.pendingEvents({ aggregateId, limit: 10 })).map((p) => p.revision)).toEqual([1, 2]);
      refuse = false;
      await relay.sweepOnce();
      expect(await store.pendingEvents({ aggregateId, limit: 10 })).toEqual([]);
      expect([...(await stored([aggregateId])).keys()].sort()).toEqual(
        [...events.map((e) => e.eventId), `test:${aggregateId}:2:0`].sort(),
      );
    });
  });
});
