import type { Connection } from 'mongoose';
import { RevisionStore, revisionId, type RevisionDocument } from './revision-store';

type Document = RevisionDocument<{ note: string }, { eventId: string }, { total: number }>;

/**
 * Just enough of a collection to test the store's own decisions: a duplicate of `_id` or of either
 * unique key is refused with code 11000, as the database does. The database itself is tested in
 * revision-store.integration.spec.ts.
 */
function fakeCollection() {
  const documents: Document[] = [];
  const createIndexes = jest.fn(async (specs: unknown[]) => specs.map((_, i) => `index-${i}`));
  const duplicate = () => Object.assign(new Error('E11000 duplicate key'), { code: 11000 });
  const matches = (document: Document, filter: Record<string, unknown>) =>
    Object.entries(filter).every(([field, value]) => document[field as keyof Document] === value);
  const collection = {
    documents,
    createIndexes,
    async insertOne(document: Document) {
      if (
        documents.some(
          (d) =>
            d._id === document._id ||
            (d.aggregateId === document.aggregateId &&
              (d.revision === document.revision || d.idempotencyKey === document.idempotencyKey)),
        )
      )
        throw duplicate();
      documents.push(structuredClone(document));
    },
    async findOne(filter: Record<string, unknown>) {
      return documents.find((d) => matches(d, filter)) ?? null;
    },
    async updateOne(filter: Record<string, unknown>, update: { $unset?: Record<string, unknown> }) {
      const document = documents.find((d) => matches(d, filter));
      for (const field of Object.keys(update.$unset ?? {}))
        if (document) delete document[field as keyof Document];
    },
  };
  const connection = { collection: () => collection } as unknown as Connection;
  return { connection, collection };
}

const options = (idempotencyKey: string, inputHash = 'hash') => ({ idempotencyKey, inputHash });

describe('RevisionStore', () => {
  it('names revision n of an aggregate <aggregateId>:<n>', () => {
    expect(revisionId('0123456789abcdef0123', 7)).toBe('0123456789abcdef0123:7');
  });

  it('appends revision n+1 with its events, marked published only when there are none', async () => {
    const { connection, collection } = fakeCollection();
    const store = new RevisionStore<{ note: string }, { eventId: string }, { total: number }>(
      connection,
      'things',
    );
    const first = await store.append('a', 0, { note: 'one' }, [{ eventId: 'e1' }], {
      ...options('k1'),
      state: { total: 1 },
    });
    const second = await store.append('a', 1, { note: 'two' }, [], options('k2'));
    expect(first).toMatchObject({
      status: 'appended',
      revision: { id: 'a:1', revision: 1, change: { note: 'one' } },
    });
    expect(second).toMatchObject({ status: 'appended', revision: { id: 'a:2', revision: 2 } });
    expect(collection.documents.map((d) => [d._id, d.published, d.events.length, d.state])).toEqual([
      ['a:1', false, 1, { total: 1 }],
      ['a:2', true, 0, undefined],
    ]);
    expect(collection.documents[1]).not.toHaveProperty('state');
  });

  it('keeps the state on the latest revision only', async () => {
    const { connection, collection } = fakeCollection();
    const store = new RevisionStore<{ note: string }, { eventId: string }, { total: number }>(
      connection,
      'things',
    );
    for (let n = 0; n < 3; n++)
      await store.append('a', n, { note: `r${n + 1}` }, [], { ...options(`k${n}`), state: { total: n + 1 } });
    expect(collection.documents.map((d) => d.state)).toEqual([undefined, undefined, { total: 3 }]);
  });

  it('reports a taken revision as a conflict, and never retries', async () => {
    const { connection, collection } = fakeCollection();
    const store = new RevisionStore<{ note: string }, { eventId: string }>(connection, 'things');
    await store.append('a', 0, { note: 'one' }, [], options('k1'));
    const insertOne = jest.spyOn(collection, 'insertOne');
    expect(await store.append('a', 0, { note: 'also one' }, [], options('k2'))).toEqual({
      status: 'conflict',
      expectedRevision: 0,
    });
    expect(insertOne).toHaveBeenCalledTimes(1);
  });

  it('answers a repeated key with the stored revision, and the same key with other input as reused', async () => {
    const { connection } = fakeCollection();
    const store = new RevisionStore<{ note: string }, { eventId: string }>(connection, 'things');
    await store.append('a', 0, { note: 'one' }, [], options('k1'));
    expect(await store.append('a', 1, { note: 'one again' }, [], options('k1'))).toMatchObject({
      status: 'replayed',
      revision: { revision: 1, change: { note: 'one' } },
    });
    expect(await store.append('a', 0, { note: 'other' }, [], options('k1', 'other input'))).toMatchObject({
      status: 'keyReused',
      revision: { revision: 1 },
    });
    // Keys are per aggregate.
    expect(await store.append('b', 0, { note: 'one' }, [], options('k1'))).toMatchObject({
      status: 'appended',
    });
  });

  it('declares its indexes once, even when asked concurrently, and again after a failure', async () => {
    const { connection, collection } = fakeCollection();
    const store = new RevisionStore<{ note: string }, { eventId: string }>(connection, 'things', {
      changeIndexes: ['entry.reverses'],
    });
    collection.createIndexes.mockRejectedValueOnce(new Error('not primary'));
    await expect(store.ready()).rejects.toThrow('not primary');
    await Promise.all([
      store.ready(),
      store.ready(),
      store.append('a', 0, { note: 'one' }, [], options('k1')),
    ]);
    // The failed attempt, then one command per index (FerretDB v1.24 panics on several that exist).
    expect(collection.createIndexes.mock.calls.slice(1)).toEqual([
      [[{ key: { aggregateId: 1, revision: 1 }, name: 'aggregate_revision', unique: true }]],
      [[{ key: { aggregateId: 1, idempotencyKey: 1 }, name: 'aggregate_idempotency_key', unique: true }]],
      [[{ key: { published: 1, aggregateId: 1, revision: 1 }, name: 'pending_events' }]],
      [[{ key: { aggregateId: 1, 'change.entry.reverses': 1 }, name: 'aggregate_change_entry_reverses' }]],
    ]);
  });

  it('refuses ids and revisions that could be query operators or leave a gap, before any write', async () => {
    const { connection, collection } = fakeCollection();
    const store = new RevisionStore<{ note: string }, { eventId: string }>(connection, 'things');
    const operator = { $ne: null } as unknown as string;
    await expect(store.append(operator, 0, { note: 'x' }, [], options('k'))).rejects.toThrow(
      'aggregateId must be a non-empty string',
    );
    await expect(store.append('a', 0, { note: 'x' }, [], options(operator))).rejects.toThrow(
      'idempotencyKey',
    );
    await expect(store.append('a', -1, { note: 'x' }, [], options('k'))).rejects.toThrow('expectedRevision');
    await expect(store.append('a', 1.5, { note: 'x' }, [], options('k'))).rejects.toThrow('expectedRevision');
    await expect(store.byIdempotencyKey('a', operator)).rejects.toThrow('idempotencyKey');
    await expect(store.withChange('a', 'undeclared', [1])).rejects.toThrow(
      'change.undeclared is not indexed',
    );
    expect(collection.documents).toEqual([]);
  });
});
