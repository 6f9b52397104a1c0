import * as fs from 'node:fs';
import * as path from 'node:path';
import { AckPolicy, connect, DeliverPolicy, ErrorCode, Events, JSONCodec, nkeys, type NatsConnection } from 'nats';
import {
  AgreementsContracts,
  eventStreamName,
  eventSubject,
  MonitoringContracts,
  natsInboxPrefix,
  serviceQueueGroup,
  StakeholdersContracts,
} from '@mitra/contracts';
import { dataRoot, freePort, natsSeedFile, startNats, type NatsServer, type NatsUser } from '@mitra/stack';
import { ensureEventStream } from '../events';
import { natsConnectionOptions, readNatsUserSeed } from './connection-options';

// The permission table (libs/stack nats-access.ts) attacked on a real nats-server, with the
// connection options every process uses.
interface Violation {
  operation: 'publish' | 'subscription';
  subject: string;
  queue?: string;
}

/** A connection as one NATS user that records every permission violation the server reports. */
interface Session {
  nc: NatsConnection;
  violations: Violation[];
}

const json = JSONCodec<unknown>();

describe('NATS accounts and permissions', () => {
  const dataDir = fs.mkdtempSync(path.join((fs.mkdirSync(dataRoot, { recursive: true }), dataRoot), 'nats-access-'));
  let server: NatsServer;
  let natsUrl: string;
  const sessions: Session[] = [];

  async function as(user: NatsUser): Promise<Session> {
    const nc = await connect({
      ...natsConnectionOptions({ NATS_URL: natsUrl, NATS_NKEY_SEED_FILE: natsSeedFile(server.credentialsDir, user) }),
      name: `attack-as-${user}`,
      reconnect: false,
    });
    const session: Session = { nc, violations: [] };
    void (async () => {
      for await (const status of nc.status()) {
        if (status.type === Events.Error && status.data === ErrorCode.PermissionsViolation && status.permissionContext) {
          session.violations.push(status.permissionContext as Violation);
        }
      }
    })();
    sessions.push(session);
    return session;
  }

  /**
   * The server answers a PING after every earlier protocol line, so its -ERR lines are in once the
   * flush returns; the status iterator hands them on a few ticks later.
   */
  async function expectRefused(session: Session, violation: Violation): Promise<void> {
    await session.nc.flush();
    const expected = { queue: undefined, ...violation };
    const seen = () => session.violations.some((v) => v.operation === expected.operation && v.subject === expected.subject && v.queue === expected.queue);
    for (let waited = 0; !seen() && waited < 1000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(session.violations).toContainEqual(expected);
  }

  /** A service answering `subject` as the real one does: its own user, in its queue group. */
  async function responder(service: 'stakeholders' | 'agreements', subject: string): Promise<{ received: unknown[] }> {
    const { nc } = await as(service);
    const received: unknown[] = [];
    nc.subscribe(subject, {
      queue: serviceQueueGroup(service),
      callback: (_error, message) => {
        received.push(json.decode(message.data));
        message.respond(json.encode({ answeredBy: service }));
      },
    });
    await nc.flush();
    return { received };
  }

  beforeAll(async () => {
    const port = await freePort();
    server = await startNats(dataDir, port);
    natsUrl = `nats://127.0.0.1:${port}`;
  }, 60_000);

  afterAll(async () => {
    await Promise.all(sessions.map(({ nc }) => nc.close()));
    await server?.process.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps each seed private to its owner and the same across restarts', () => {
    const seedFile = natsSeedFile(server.credentialsDir, 'api');
    expect(fs.statSync(seedFile).mode & 0o777).toBe(0o600);
    expect(fs.statSync(server.credentialsDir).mode & 0o777).toBe(0o700);
  });

  describe('refuse a connection', () => {
    it('without credentials', async () => {
      await expect(connect({ servers: natsUrl, reconnect: false })).rejects.toMatchObject({ code: ErrorCode.AuthorizationViolation });
    });

    it('with a key the installation did not generate', async () => {
      const stranger = path.join(dataDir, 'stranger.nk');
      fs.writeFileSync(stranger, new TextDecoder().decode(nkeys.createUser().getSeed()), { mode: 0o600 });
      await expect(
        connect({ ...natsConnectionOptions({ NATS_URL: natsUrl, NATS_NKEY_SEED_FILE: stranger }), reconnect: false }),
      ).rejects.toMatchObject({ code: ErrorCode.AuthorizationViolation });
    });
  });

  describe("with a service's credentials", () => {
    it('refuse to subscribe to every subject', async () => {
      const stakeholders = await as('stakeholders');
      stakeholders.nc.subscribe('>');
      await expectRefused(stakeholders, { operation: 'subscription', subject: '>' });
    });

    it("refuse to subscribe to another service's subjects, in its queue group or not", async () => {
      const stakeholders = await as('stakeholders');
      stakeholders.nc.subscribe('agreements.>', { queue: serviceQueueGroup('agreements') });
      stakeholders.nc.subscribe(AgreementsContracts.Sign.subject);
      await expectRefused(stakeholders, { operation: 'subscription', subject: 'agreements.>', queue: serviceQueueGroup('agreements') });
      await expectRefused(stakeholders, { operation: 'subscription', subject: AgreementsContracts.Sign.subject });
    });

    it('refuse to listen to its own subjects outside its queue group, which would copy every request', async () => {
      const stakeholders = await as('stakeholders');
      stakeholders.nc.subscribe('stakeholders.>');
      await expectRefused(stakeholders, { operation: 'subscription', subject: 'stakeholders.>' });
    });

    it("refuse to read another process's replies", async () => {
      const stakeholders = await as('stakeholders');
      const apiInbox = `${natsInboxPrefix(readNatsUserSeed(natsSeedFile(server.credentialsDir, 'api')).publicKey)}.>`;
      stakeholders.nc.subscribe(apiInbox);
      stakeholders.nc.subscribe('_INBOX.>');
      await expectRefused(stakeholders, { operation: 'subscription', subject: apiInbox });
      await expectRefused(stakeholders, { operation: 'subscription', subject: '_INBOX.>' });
    });

    it('refuse to send a request to a service: the service never sees it', async () => {
      const agreements = await responder('agreements', AgreementsContracts.Sign.subject);
      const stakeholders = await as('stakeholders');
      await expect(stakeholders.nc.request(AgreementsContracts.Sign.subject, json.encode({ forged: true }), { timeout: 1000 })).rejects.toThrow();
      await expectRefused(stakeholders, { operation: 'publish', subject: AgreementsContracts.Sign.subject });
      expect(agreements.received).toEqual([]);
    });

    it("refuse to publish into another service's events: the stream stores nothing", async () => {
      const agreements = await as('agreements');
      await ensureEventStream(agreements.nc);
      const manager = await agreements.nc.jetstreamManager();
      const before = (await manager.streams.info(eventStreamName)).state.messages;

      const stakeholders = await as('stakeholders');
      const forged = eventSubject('agreements.mou.effective');
      await expect(stakeholders.nc.jetstream({ timeout: 1000 }).publish(forged, json.encode({ forged: true }))).rejects.toThrow();
      stakeholders.nc.publish(forged, json.encode({ forged: true }));
      await expectRefused(stakeholders, { operation: 'publish', subject: forged });
      expect((await manager.streams.info(eventStreamName)).state.messages).toBe(before);
    });

    it('store its own events in the stream', async () => {
      const stakeholders = await as('stakeholders');
      await ensureEventStream(stakeholders.nc);
      const ack = await stakeholders.nc.jetstream().publish(eventSubject('stakeholders.organisation.created'), json.encode({ own: true }));
      expect(ack.stream).toBe(eventStreamName);
      expect(stakeholders.violations).toEqual([]);
    });

    it('refuse to read the event stream through a consumer of its own making', async () => {
      const stakeholders = await as('stakeholders');
      const manager = await stakeholders.nc.jetstreamManager({ timeout: 1000 });
      await expect(manager.consumers.add(eventStreamName, { durable_name: 'spy' })).rejects.toThrow();
      await expectRefused(stakeholders, { operation: 'publish', subject: `$JS.API.CONSUMER.CREATE.${eventStreamName}.spy` });
    });

    it('allow funding exactly the two registry reads it needs from other services', async () => {
      const stakeholders = await responder('stakeholders', 'stakeholders.organisation.*');
      const funding = await as('funding');
      const reply = await funding.nc.request(StakeholdersContracts.GetOrganisation.subject, json.encode({ organisationId: 'o-1' }), { timeout: 2000 });
      expect(json.decode(reply.data)).toEqual({ answeredBy: 'stakeholders' });

      await expect(funding.nc.request(StakeholdersContracts.CreateOrganisation.subject, json.encode({ forged: true }), { timeout: 1000 })).rejects.toThrow();
      await expectRefused(funding, { operation: 'publish', subject: StakeholdersContracts.CreateOrganisation.subject });
      funding.nc.publish(MonitoringContracts.SubmitReport.subject, json.encode({ forged: true }));
      await expectRefused(funding, { operation: 'publish', subject: MonitoringContracts.SubmitReport.subject });
      expect(stakeholders.received).toEqual([{ organisationId: 'o-1' }]);
    });

    it('allow monitoring only the stakeholder map read an evaluation panel needs', async () => {
      const stakeholders = await responder('stakeholders', 'stakeholders.map.*');
      const monitoring = await as('monitoring');
      const reply = await monitoring.nc.request(StakeholdersContracts.GetStakeholderMap.subject, json.encode({ partnershipId: 'p-1' }), { timeout: 2000 });
      expect(json.decode(reply.data)).toEqual({ answeredBy: 'stakeholders' });

      await expect(monitoring.nc.request(StakeholdersContracts.PutStakeholderMap.subject, json.encode({ forged: true }), { timeout: 1000 })).rejects.toThrow();
      await expectRefused(monitoring, { operation: 'publish', subject: StakeholdersContracts.PutStakeholderMap.subject });
      expect(stakeholders.received).toEqual([{ partnershipId: 'p-1' }]);
    });
  });

  describe("with the api's credentials", () => {
    it('make requests to the services and get the replies', async () => {
      await responder('stakeholders', StakeholdersContracts.GetOrganisation.subject);
      const api = await as('api');
      const reply = await api.nc.request(StakeholdersContracts.GetOrganisation.subject, json.encode({ organisationId: 'o-2' }), { timeout: 2000 });
      expect(json.decode(reply.data)).toEqual({ answeredBy: 'stakeholders' });
      expect(api.violations).toEqual([]);
    });

    it("refuse to answer in a service's place or to copy its requests", async () => {
      const api = await as('api');
      api.nc.subscribe('stakeholders.>', { queue: serviceQueueGroup('stakeholders') });
      api.nc.subscribe('>');
      await expectRefused(api, { operation: 'subscription', subject: 'stakeholders.>', queue: serviceQueueGroup('stakeholders') });
      await expectRefused(api, { operation: 'subscription', subject: '>' });
    });
  });

  it('let the worker keep the event bridge consumer, as apps/worker creates and reads it', async () => {
    const agreements = await as('agreements');
    await ensureEventStream(agreements.nc);
    await agreements.nc.jetstream().publish(eventSubject('agreements.mou.effective'), json.encode({ bridged: true }));
    const worker = await as('worker');
    const manager = await worker.nc.jetstreamManager();
    const durable_name = 'lifecycle-bridge-default';
    const filter_subjects = [eventSubject('agreements.mou.effective'), eventSubject('funding.ledger.appended')];
    await manager.consumers.add(eventStreamName, { durable_name, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, filter_subjects });
    await manager.consumers.update(eventStreamName, durable_name, { filter_subjects });
    const messages = await (await worker.nc.jetstream().consumers.get(eventStreamName, durable_name)).fetch({ max_messages: 1, expires: 2000 });
    const bridged: unknown[] = [];
    for await (const message of messages) {
      bridged.push(json.decode(message.data));
      await message.ackAck();
    }
    expect(bridged).toEqual([{ bridged: true }]);
    expect(worker.violations).toEqual([]);
  });

  it('let the api keep the inbox projection consumer, and no other', async () => {
    const agreements = await as('agreements');
    await ensureEventStream(agreements.nc);
    await agreements.nc.jetstream().publish(eventSubject('agreements.mou.effective'), json.encode({ projected: true }));
    const api = await as('api');
    const manager = await api.nc.jetstreamManager();
    const durable_name = 'inbox-projection';
    await manager.consumers.add(eventStreamName, { durable_name, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, max_ack_pending: 1, filter_subject: eventSubject('>') });
    const messages = await (await api.nc.jetstream().consumers.get(eventStreamName, durable_name)).fetch({ max_messages: 1, expires: 2000 });
    for await (const message of messages) await message.ackAck();
    expect(api.violations).toEqual([]);
    await expect(manager.consumers.add(eventStreamName, { durable_name: 'spy', ack_policy: AckPolicy.Explicit })).rejects.toThrow();
    await expectRefused(api, { operation: 'publish', subject: `$JS.API.CONSUMER.CREATE.${eventStreamName}.spy` });
  });

  it("refuse the worker any request but the MoU membership amendment", async () => {
    const worker = await as('worker');
    worker.nc.publish(AgreementsContracts.Sign.subject, json.encode({ forged: true }));
    await expectRefused(worker, { operation: 'publish', subject: AgreementsContracts.Sign.subject });
    worker.nc.publish(AgreementsContracts.AmendMembership.subject, json.encode({}));
    await worker.nc.flush();
    expect(worker.violations).not.toContainEqual(expect.objectContaining({ subject: AgreementsContracts.AmendMembership.subject }));
  });
});
