import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { connect, headers, type NatsConnection } from 'nats';
import {
  eventSubject,
  type DomainEvent,
  type LifecycleState,
  type PartnershipListItem,
} from '@mitra/contracts';
import { natsConnectionOptions, publishEvent } from '@mitra/platform';
import { systemEnv } from '@mitra/testing';
import type { NatsConnectionHolder } from '../nats/nats-connection';
import { InboxProjector } from './inbox-projector.service';
import type { PartnershipSourcesReader } from './partnership-sources';
import {
  inboxEntrySchema,
  listingSchema,
  projectedEventSchema,
  projectionCountSchema,
  verificationSchema,
} from './projection.schemas';
import { ProjectionStore } from './projection-store';

/** What the workflow would answer: each partnership awaits its coordinators' initiation tasks. */
function stateOf(partnershipId: string): LifecycleState {
  return {
    partnershipId,
    name: `Kemitraan ${partnershipId}`,
    stage: 'initiation',
    status: 'active',
    leadOrganisationId: 'org-restart-lead',
    coordinators: [],
    partners: [],
    tasks: {},
    pending: [],
    settings: { approvalDueDays: 7 },
  } as unknown as LifecycleState;
}

async function until(done: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The projector on the real stream and database, beside the test system's api, with its own durable consumer and
 * database; the partnerships' sources are counted stand-ins, so each refresh is visible.
 */
describe('the inbox projector: a durable consumer of the event stream', () => {
  const run = randomBytes(3).toString('hex');
  const reads = new Map<string, number>();
  let nats: NatsConnection;
  let database: mongoose.Connection;
  let store: ProjectionStore;

  const event = (partnershipId: string, eventId = `restart-${run}-${partnershipId}`): DomainEvent => ({
    eventId,
    type: 'lifecycle.decision.recorded',
    occurredAt: new Date().toISOString(),
    partnershipId,
    organisationIds: [],
    data: {},
  });
  const projector = () =>
    new InboxProjector(
      { current: () => nats } as unknown as NatsConnectionHolder,
      {
        read: async (partnershipId: string) => {
          reads.set(partnershipId, (reads.get(partnershipId) ?? 0) + 1);
          return { state: stateOf(partnershipId) };
        },
      } as unknown as PartnershipSourcesReader,
      store,
      `inbox-projection-test-${run}`,
    );
  const listed = async (partnershipId: string) =>
    (await store.listPage(['everyone'], { limit: 100 })).items.some(
      (item) => item.partnershipId === partnershipId,
    ) ||
    (await store.inboxPage(['coordinators-of:org-restart-lead'], 100)).items.some(
      (item) => item.partnershipId === partnershipId,
    );

  beforeAll(async () => {
    const env = systemEnv();
    nats = await connect(natsConnectionOptions(env));
    database = await mongoose
      .createConnection(env.MONGO_URL, { dbName: `mitra_inbox_restart_${run}` })
      .asPromise();
    store = new ProjectionStore({
      inboxEntry: database.model('InboxEntry', inboxEntrySchema),
      listing: database.model('PartnershipListing', listingSchema),
      count: database.model('ProjectionCount', projectionCountSchema),
      projectedEvent: database.model('ProjectedEvent', projectedEventSchema),
      verification: database.model('PartnershipVerification', verificationSchema),
    });
  });

  afterAll(async () => {
    await nats
      .jetstreamManager()
      .then((manager) => manager.consumers.delete('MITRA_EVENTS', `inbox-projection-test-${run}`))
      .catch(() => undefined);
    await database.dropDatabase();
    await database.close();
    await nats.close();
  });

  it('builds from the stream what was published before it started, and after a restart catches up without applying an event twice', async () => {
    const before = `before${run}`;
    const during = `down${run}`;
    await publishEvent(nats.jetstream(), event(before));
    const first = projector();
    first.onApplicationBootstrap();
    await until(() => listed(before));
    await first.onApplicationShutdown();

    // While no projector runs: a new partnership's event, and the first event delivered again (a publisher's
    // retry after JetStream's duplicate window), which the projection must not apply twice.
    await publishEvent(nats.jetstream(), event(during));
    const again = headers();
    again.set('Nats-Msg-Id', `redelivered-${run}`);
    await nats
      .jetstream()
      .publish(eventSubject('lifecycle.decision.recorded'), JSON.stringify(event(before)), {
        headers: again,
      });

    const second = projector();
    second.onApplicationBootstrap();
    try {
      await until(() => listed(during));
      // Every page, as the database holds other suites' partnerships too.
      const items: PartnershipListItem[] = [];
      let total = 0;
      for (let cursor: string | undefined; ;) {
        const page = await store.listPage(['everyone'], { limit: 100, ...(cursor ? { cursor } : {}) });
        items.push(...page.items);
        total = page.total;
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(items.filter((item) => [before, during].includes(item.partnershipId))).toHaveLength(2);
      expect(total).toBe(items.length);
      // Give the redelivered event its turn: it comes after the new one in the stream.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(reads.get(before)).toBe(1);
      expect(reads.get(during)).toBe(1);
    } finally {
      await second.onApplicationShutdown();
    }
  }, 240_000);
});
