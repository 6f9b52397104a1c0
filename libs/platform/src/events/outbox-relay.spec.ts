import type { Logger } from '@nestjs/common';
import type { DomainEvent } from '@mitra/contracts';
import { OutboxRelay } from './outbox-relay';
import type { OutboxSource, PendingRevisionEvents } from './outbox-source';

const logger = { warn: jest.fn() } as unknown as Logger;
const event = (aggregateId: string, revision: number, i = 0): DomainEvent => ({
  eventId: `${aggregateId}:${revision}:${i}`,
  type: 'test.thing.happened',
  occurredAt: '2026-01-01T00:00:00.000Z',
  organisationIds: [],
  data: {},
});

/** An outbox in memory, ordered as the store orders it: by aggregate, then revision. */
function outbox(revisions: Array<[string, number, number]>) {
  const pending = new Map<string, PendingRevisionEvents<DomainEvent>>();
  for (const [aggregateId, revision, events] of revisions)
    pending.set(`${aggregateId}:${revision}`, {
      aggregateId,
      revision,
      events: Array.from({ length: events }, (_, i) => event(aggregateId, revision, i)),
    });
  const source: OutboxSource<DomainEvent> & { pending: typeof pending } = {
    pending,
    async pendingEvents({ limit, aggregateId }) {
      return [...pending.values()]
        .filter((p) => aggregateId === undefined || p.aggregateId === aggregateId)
        .sort((a, b) => a.aggregateId.localeCompare(b.aggregateId) || a.revision - b.revision)
        .slice(0, limit);
    },
    async markPublished(aggregateId, revision) {
      pending.delete(`${aggregateId}:${revision}`);
    },
  };
  return source;
}

function publisher(refuse: (event: DomainEvent) => boolean = () => false) {
  const published: string[] = [];
  return {
    published,
    async publishAll(events: DomainEvent[]) {
      const ids: string[] = [];
      for (const e of events) {
        if (refuse(e)) break;
        published.push(e.eventId);
        ids.push(e.eventId);
      }
      return ids;
    },
  };
}

describe('OutboxRelay', () => {
  it('publishes an aggregate’s revisions in order, page after page, and marks each once all its events are out', async () => {
    const source = outbox([
      ['a', 3, 1],
      ['a', 1, 2],
      ['a', 2, 1],
      ['b', 1, 1],
    ]);
    const nats = publisher();
    const relay = new OutboxRelay(source, nats, logger, { pageSize: 2 });
    expect(await relay.flush('a')).toBe(true);
    expect(nats.published).toEqual(['a:1:0', 'a:1:1', 'a:2:0', 'a:3:0']);
    expect([...source.pending.keys()]).toEqual(['b:1']);
  });

  it('stops at the first event NATS refuses, leaving that revision and every later one pending', async () => {
    const source = outbox([
      ['a', 1, 1],
      ['a', 2, 2],
      ['a', 3, 1],
    ]);
    const nats = publisher((e) => e.eventId === 'a:2:1');
    const relay = new OutboxRelay(source, nats, logger);
    expect(await relay.flush('a')).toBe(false);
    expect(nats.published).toEqual(['a:1:0', 'a:2:0']);
    expect([...source.pending.keys()].sort()).toEqual(['a:2', 'a:3']);
  });

  it('sweeps every aggregate across pages, and ends a sweep early when NATS refuses', async () => {
    const many = outbox(Array.from({ length: 7 }, (_, i): [string, number, number] => [`agg-${i}`, 1, 1]));
    const relay = new OutboxRelay(many, publisher(), logger, { pageSize: 3 });
    await relay.sweepOnce();
    expect(many.pending.size).toBe(0);

    const down = outbox([
      ['a', 1, 1],
      ['b', 1, 1],
    ]);
    const refusing = publisher(() => true);
    await new OutboxRelay(down, refusing, logger).sweepOnce();
    expect(down.pending.size).toBe(2);
  });

  it('ends a flush whose marks do not stick instead of publishing forever', async () => {
    const source = outbox([['a', 1, 1]]);
    source.markPublished = async () => undefined;
    const nats = publisher();
    expect(await new OutboxRelay(source, nats, logger, { pageSize: 1 }).flush('a')).toBe(true);
    expect(nats.published).toEqual(['a:1:0']);
  });

  it('flushes quietly after a command: a failing source is logged, not thrown', async () => {
    const source = outbox([]);
    source.pendingEvents = async () => {
      throw new Error('database unreachable');
    };
    await new OutboxRelay(source, publisher(), logger).flushQuietly('a');
    expect(logger.warn).toHaveBeenCalledWith('events of a stay pending: Error: database unreachable');
  });
});
