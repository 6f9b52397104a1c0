import { generateKeyPairSync, randomUUID, sign as ed25519Sign, type KeyObject } from 'node:crypto';
import mongoose from 'mongoose';
import type {
  Actor,
  Agreement,
  AgreementFields,
  AgreementParty,
  DomainEvent,
  EffectivenessRule,
  MitraError,
  RevisionReceipt,
  SignatureReceipt,
} from '@mitra/contracts';
import type { EventPublisher } from '@mitra/platform';
import { QueryPlanRecorder, systemEnv, unindexedPlans } from '@mitra/testing';
import { SigningKeysRepository } from '../keys/signing-keys.repository';
import { SigningKeysService } from '../keys/signing-keys.service';
import { AgreementEvents } from './agreement-events';
import { agreementDirectoryCollection, agreementLogCollection } from './agreement.schema';
import { AgreementsRepository } from './agreements.repository';
import { AgreementsService } from './agreements.service';

const coordinator: Actor = { userId: 'coord-race', role: 'coordinator' };
const auditor: Actor = { userId: 'audit-race', role: 'auditor' };
const objectId = () => new mongoose.Types.ObjectId().toString();
const key = () => `race-${randomUUID()}`;
const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

interface Org {
  id: string;
  signer: string;
  actor: Actor;
  privateKey: KeyObject;
  publicKey: string;
  keyId: string;
}

function org(name: string): Org {
  const id = objectId();
  const signer = `${name}-${id.slice(-6)}`;
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    id,
    signer,
    actor: { userId: signer, role: 'partner', organisationId: id },
    privateKey,
    publicKey: publicKey.export({ format: 'jwk' }).x!,
    keyId: '',
  };
}

function party(o: Org, index: number): AgreementParty {
  return {
    organisationId: o.id,
    name: `Organisasi ${index + 1}`,
    sector: (['government_regency', 'cso', 'business'] as const)[index % 3]!,
    role: index === 0 ? 'lead' : 'partner',
    representative: { userId: o.signer, name: `Wakil ${index + 1}`, title: 'Direktur' },
    responsibilities: ['Melaksanakan komponen kegiatan'],
    contributions: [],
  };
}

function fields(orgs: Org[], overrides: Partial<AgreementFields> = {}): AgreementFields {
  return {
    title: 'Nota Kesepahaman Air Bersih',
    place: 'Kupang',
    parties: orgs.map(party),
    background: 'Latar belakang.',
    purpose: 'Tujuan.',
    scope: ['Lingkup'],
    sdgTargets: ['6.1'],
    governance: { body: 'Forum', decisionRule: 'consensus', meetingFrequency: 'quarterly' },
    communication: 'Rapat.',
    funding: { mechanism: 'separate' },
    reporting: { frequency: 'quarterly' },
    startDate: '2026-09-01',
    durationMonths: 12,
    ...overrides,
  };
}

/** The service as one process has it: its own connection, repositories and relay; events go to `published`. */
function serviceOn(connection: mongoose.Connection, published: DomainEvent[]) {
  const repository = new AgreementsRepository(connection);
  const keys = new SigningKeysService(new SigningKeysRepository(connection));
  const publisher = {
    publishAll: async (events: DomainEvent[]) => {
      published.push(...events);
      return events.map((event) => event.eventId);
    },
  } as unknown as EventPublisher;
  const events = new AgreementEvents(repository, publisher);
  return { repository, keys, events, service: new AgreementsService(repository, keys, events) };
}

/**
 * Holds each repository's first append until every racer has reached its own, so that all of them
 * decided on the same revision; records what each append then did.
 */
function holdFirstAppends(repositories: AgreementsRepository[]): string[] {
  const outcomes: string[] = [];
  let arrived = 0;
  let release: () => void = () => undefined;
  const everyone = new Promise<void>((resolve) => (release = resolve));
  for (const repository of repositories) {
    const append = repository.append.bind(repository);
    let first = true;
    jest.spyOn(repository, 'append').mockImplementation(async (...args) => {
      if (first) {
        first = false;
        if (++arrived === repositories.length) release();
        await everyone;
      }
      const result = await append(...args);
      outcomes.push(result.status);
      return result;
    });
  }
  return outcomes;
}

const refusal = (result: PromiseSettledResult<unknown>) =>
  result.status === 'rejected' ? String((result.reason as MitraError).message) : undefined;

describe('agreements on the real database: races, sweeps, lists and their indexes', () => {
  const dbName = `mitra_agreements_test_${randomUUID().slice(0, 8)}`;
  let recorder: QueryPlanRecorder;
  let other: mongoose.Connection;
  let one: ReturnType<typeof serviceOn>;
  let two: ReturnType<typeof serviceOn>;
  const published: DomainEvent[] = [];
  const [gov, cso, biz] = [org('gov'), org('cso'), org('biz')];

  const revisionsOf = async (agreementId: string) =>
    (await one.repository.store.history(agreementId)).map((revision) => revision.revision);
  const draft = (orgs: Org[] = [gov, cso, biz], partnershipId = `p-${randomUUID().slice(0, 8)}`) =>
    one.service.create({
      idempotencyKey: key(),
      actor: coordinator,
      agreement: { kind: 'mou', partnershipId, fields: fields(orgs) },
    });
  const open = (
    agreement: Agreement,
    options: { expiresAt?: string; dueAt?: string; rule?: EffectivenessRule } = {},
  ) =>
    one.service.openSigning({
      idempotencyKey: key(),
      actor: coordinator,
      agreementId: agreement.id,
      signing: {
        versionNumber: agreement.latestVersion,
        mode: 'parallel',
        expiresAt: options.expiresAt ?? inMs(3_600_000),
        ...(options.dueAt ? { dueAt: options.dueAt } : {}),
        ...(options.rule ? { rule: options.rule } : {}),
      },
    });
  const signCommand = (agreementId: string, o: Org, contentHash: string, idempotencyKey = key()) => ({
    idempotencyKey,
    actor: o.actor,
    agreementId,
    versionNumber: 1,
    signature: {
      organisationId: o.id,
      keyId: o.keyId,
      contentHash,
      value: ed25519Sign(null, Buffer.from(contentHash, 'hex'), o.privateKey).toString('base64url'),
    },
  });

  beforeAll(async () => {
    recorder = await QueryPlanRecorder.connect(systemEnv().MONGO_URL, dbName);
    other = await mongoose.createConnection(systemEnv().MONGO_URL, { dbName }).asPromise();
    one = serviceOn(recorder.connection, published);
    two = serviceOn(other, published);
    for (const o of [gov, cso, biz]) {
      o.keyId = (
        await one.keys.enrol({
          idempotencyKey: key(),
          actor: o.actor,
          key: { userId: o.signer, organisationId: o.id, publicKey: o.publicKey },
        })
      ).keyId;
    }
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(async () => {
    await Promise.all([one.events.onApplicationShutdown(), two.events.onApplicationShutdown()]);
    await recorder.connection.db!.dropDatabase();
    await Promise.all([recorder.close(), other.close()]);
  });

  describe('optimistic concurrency on the agreement log', () => {
    it('keeps both of two signatures decided on the same revision in two processes: one is written, the other decided again', async () => {
      const agreement = await draft();
      await open(agreement);
      const hash = agreement.versions[0]!.contentHash;
      const outcomes = holdFirstAppends([one.repository, two.repository]);
      const [first, second] = await Promise.all([
        one.service.sign(signCommand(agreement.id, gov, hash)),
        two.service.sign(signCommand(agreement.id, cso, hash)),
      ]);

      expect([first.signature.organisationId, second.signature.organisationId]).toEqual([gov.id, cso.id]);
      const read = await one.service.get({ actor: auditor, id: agreement.id });
      expect(read.rounds[0]!.signatures.map((s) => s.organisationId).sort()).toEqual([gov.id, cso.id].sort());
      // One log, no fork: revision 3 is one signature's, revision 4 the other's, decided again on 3.
      expect(await revisionsOf(agreement.id)).toEqual([1, 2, 3, 4]);
      expect(outcomes.sort()).toEqual(['appended', 'appended', 'conflict']);
    });

    it('of two revisions of the same base version sent at once, records exactly one and refuses the other as stale', async () => {
      const agreement = await draft();
      const revise = (service: AgreementsService, place: string) =>
        service.revise({
          idempotencyKey: key(),
          actor: coordinator,
          agreementId: agreement.id,
          revision: { baseVersion: 1, fields: fields([gov, cso, biz], { place }) },
        });
      const outcomes = holdFirstAppends([one.repository, two.repository]);
      const results = await Promise.allSettled([revise(one.service, 'Soe'), revise(two.service, 'Atambua')]);

      const written = results.filter(
        (result): result is PromiseFulfilledResult<RevisionReceipt> => result.status === 'fulfilled',
      );
      expect(written.map((result) => result.value.number)).toEqual([2]);
      expect(results.map(refusal).filter(Boolean)).toEqual([expect.stringContaining('STALE_BASE_VERSION')]);
      const read = await one.service.get({ actor: auditor, id: agreement.id });
      expect(read.versions.map((v) => v.number)).toEqual([1, 2]);
      expect(await revisionsOf(agreement.id)).toEqual([1, 2]);
      expect(outcomes.sort()).toEqual(['appended', 'conflict']);
    });

    it('writes one revision for one idempotency key sent twice at once, and answers both with its receipt', async () => {
      const agreement = await draft();
      await open(agreement);
      const command = signCommand(agreement.id, biz, agreement.versions[0]!.contentHash);
      const outcomes = holdFirstAppends([one.repository, two.repository]);
      const receipts = await Promise.all([one.service.sign(command), two.service.sign(command)]);

      expect(receipts[1]).toEqual(receipts[0] as SignatureReceipt);
      expect(await revisionsOf(agreement.id)).toEqual([1, 2, 3]);
      expect(outcomes.sort()).toEqual(['appended', 'replayed']);
      const reused = await one.service
        .sign({ ...command, signature: { ...command.signature, organisationId: gov.id } })
        .catch((error: MitraError) => error.message);
      expect(reused).toContain('IDEMPOTENCY_KEY_REUSED');
    });

    it('creates one agreement for one create key sent twice at once', async () => {
      const idempotencyKey = key();
      const command = {
        idempotencyKey,
        actor: coordinator,
        agreement: { kind: 'pks' as const, partnershipId: 'p-race', fields: fields([gov, cso]) },
      };
      const outcomes = holdFirstAppends([one.repository, two.repository]);
      const [a, b] = await Promise.all([one.service.create(command), two.service.create(command)]);
      expect(a.id).toBe(b.id);
      expect(await revisionsOf(a.id)).toEqual([1]);
      expect(outcomes.sort()).toEqual(['appended', 'replayed']);
    });
  });

  describe('the due-time sweep', () => {
    it('ends an expired round by itself, publishes it, and takes the revision out of its index', async () => {
      const agreement = await draft([gov, cso]);
      await open(agreement, { expiresAt: inMs(1200) });
      const opened = (await revisionsOf(agreement.id)).at(-1)!;
      expect(await one.repository.dueBy(inMs(0), 100)).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 1400));
      expect(await one.repository.dueBy(inMs(0), 100)).toEqual([
        { aggregateId: agreement.id, revision: opened },
      ]);

      await one.service.applyDueTimes();
      expect((await one.service.get({ actor: auditor, id: agreement.id })).status).toBe('expired');
      expect(await revisionsOf(agreement.id)).toEqual([1, 2, 3]);
      expect(await one.repository.dueBy(inMs(0), 100)).toEqual([]);
      await one.events.flush(agreement.id);
      expect(
        published.filter((event) => event.data.agreementId === agreement.id).map((event) => event.type),
      ).toEqual(['agreements.mou.opened', 'agreements.mou.expired']);
      // A second sweep finds nothing to do.
      await one.service.applyDueTimes();
      expect(await revisionsOf(agreement.id)).toEqual([1, 2, 3]);
    });

    it('takes a superseded revision that still says something is due out of its index, writing nothing', async () => {
      const agreement = await draft([gov, cso]);
      await open(agreement, { expiresAt: inMs(1200) });
      const log = recorder.connection.collection(agreementLogCollection);
      const opened = await log.findOne({ _id: `${agreement.id}:2` as never });
      const hash = agreement.versions[0]!.contentHash;
      for (const o of [gov, cso]) await one.service.sign(signCommand(agreement.id, o, hash));
      // The store drops a superseded revision's digest; here that best-effort write was lost.
      await log.updateOne({ _id: `${agreement.id}:2` as never }, { $set: { state: opened!.state } });
      await new Promise((resolve) => setTimeout(resolve, 1400));
      expect(await one.repository.dueBy(inMs(0), 100)).toEqual([{ aggregateId: agreement.id, revision: 2 }]);

      await one.service.applyDueTimes();
      expect(await revisionsOf(agreement.id)).toEqual([1, 2, 3, 4]);
      expect((await one.service.get({ actor: auditor, id: agreement.id })).status).toBe('effective');
      expect(await one.repository.dueBy(inMs(0), 100)).toEqual([]);
    });
  });

  describe('lists', () => {
    it("lists a partnership's agreements newest first, everyone's, and a partner's own, with or without the partnership", async () => {
      const partnershipId = `p-list-${randomUUID().slice(0, 8)}`;
      const stranger = org('stranger');
      const first = await draft([gov, cso], partnershipId);
      const second = await draft([gov, biz], partnershipId);
      const elsewhere = await draft([cso, gov]);

      expect(
        (await one.service.list({ actor: coordinator, partnershipId, limit: 50 })).map((a) => a.id),
      ).toEqual([second.id, first.id]);
      expect(
        (await one.service.list({ actor: coordinator, partnershipId, limit: 1 })).map((a) => a.id),
      ).toEqual([second.id]);
      expect((await one.service.list({ actor: auditor, limit: 3 })).map((a) => a.id)).toEqual([
        elsewhere.id,
        second.id,
        first.id,
      ]);
      expect(
        (await one.service.list({ actor: cso.actor, partnershipId, limit: 50 })).map((a) => a.id),
      ).toEqual([first.id]);
      expect((await one.service.list({ actor: cso.actor, limit: 2 })).map((a) => a.id)).toEqual([
        elsewhere.id,
        first.id,
      ]);
      expect(await one.service.list({ actor: stranger.actor, limit: 50 })).toEqual([]);

      // An organisation entered as a party by a revision that never came (a crash, a lost race) is not listed.
      const read = (await one.repository.load(first.id))!.state;
      await one.repository.enterInDirectory(
        {
          ...read,
          versions: [
            ...read.versions,
            { ...read.versions[0]!, content: { ...read.versions[0]!.content, fields: fields([stranger]) } },
          ],
        },
        read,
      );
      expect(await one.service.list({ actor: stranger.actor, limit: 50 })).toEqual([]);
      expect(await one.service.list({ actor: stranger.actor, partnershipId, limit: 50 })).toEqual([]);
      // Nor is an agreement whose create never wrote its revision 1.
      await one.repository.enterInDirectory({ ...read, id: objectId(), createdAt: new Date().toISOString() });
      expect(
        (await one.service.list({ actor: coordinator, partnershipId, limit: 2 })).map((a) => a.id),
      ).toEqual([second.id, first.id]);
      expect(
        (await one.service.list({ actor: cso.actor, partnershipId, limit: 50 })).map((a) => a.id),
      ).toEqual([first.id]);
      // A directory entry whose digest stayed behind (a hint another writer overwrote) is read past.
      const directory = recorder.connection.collection(agreementDirectoryCollection);
      const hint = await directory.findOne({ _id: `*:${second.id}` as never });
      await one.service.revise({
        idempotencyKey: key(),
        actor: coordinator,
        agreementId: second.id,
        revision: { baseVersion: 1, fields: fields([gov, biz], { title: 'Judul yang direvisi' }) },
      });
      const staleHint = () =>
        directory.updateOne(
          { _id: `*:${second.id}` as never },
          { $set: { revision: hint!.revision, digest: hint!.digest } },
        );
      await staleHint();
      expect((await one.service.list({ actor: coordinator, partnershipId, limit: 1 }))[0]).toMatchObject({
        id: second.id,
        title: 'Judul yang direvisi',
        latestVersion: 2,
      });
      expect(await directory.findOne({ _id: `*:${second.id}` as never })).toMatchObject({
        revision: 2,
        digest: { summary: { title: 'Judul yang direvisi' } },
      });
      await staleHint();
      expect((await one.service.list({ actor: biz.actor, partnershipId, limit: 1 }))[0]).toMatchObject({
        id: second.id,
        title: 'Judul yang direvisi',
        latestVersion: 2,
      });
      // A summary is the newest revision's.
      const summary = (await one.service.list({ actor: coordinator, partnershipId, limit: 50 })).find(
        (a) => a.id === first.id,
      )!;
      expect(summary).toMatchObject({
        status: 'draft',
        latestVersion: 1,
        title: 'Nota Kesepahaman Air Bersih',
        createdBy: coordinator.userId,
      });
    });
  });

  describe('hot queries', () => {
    it('loads, lists, sweeps, verifies and finds keys through indexes, never a scan or an in-memory sort', async () => {
      const agreement = await draft();
      await open(agreement);
      await one.service.sign(signCommand(agreement.id, gov, agreement.versions[0]!.contentHash));
      await one.events.flush(agreement.id);
      const plans = await recorder.plansOf(async () => {
        await one.service.get({ actor: auditor, id: agreement.id });
        await one.service.verify({ actor: auditor, agreementId: agreement.id, versionNumber: 1 });
        await one.service.sign(signCommand(agreement.id, cso, agreement.versions[0]!.contentHash));
        await one.events.flush(agreement.id);
        await one.service.list({ actor: coordinator, partnershipId: agreement.partnershipId, limit: 50 });
        await one.service.list({ actor: auditor, limit: 50 });
        await one.service.list({ actor: gov.actor, limit: 50 });
        await one.service.list({ actor: gov.actor, partnershipId: agreement.partnershipId, limit: 50 });
        await one.repository.listOfParty(gov.id, undefined, 1);
        await one.service.applyDueTimes();
        await one.keys.enrol({
          idempotencyKey: key(),
          actor: biz.actor,
          key: { userId: biz.signer, organisationId: biz.id, publicKey: biz.publicKey },
        });
      });
      const collections = new Set(plans.map((plan) => plan.collection));
      expect([...collections].sort()).toEqual(
        [agreementLogCollection, agreementDirectoryCollection, 'signing_key_log'].sort(),
      );
      expect(unindexedPlans(plans)).toEqual([]);
    });
  });
});
