import { generateKeyPairSync, randomBytes, randomUUID, sign as ed25519Sign, type KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import mongoose from 'mongoose';
import type { ClientProxy } from '@nestjs/microservices';
import { connect, JSONCodec, type NatsConnection } from 'nats';
import { firstValueFrom } from 'rxjs';
import {
  ErrorCode,
  eventStreamName,
  governmentSectors,
  type Actor,
  type Agreement,
  type AgreementFields,
  type AgreementParty,
  type DeclineReceipt,
  type DomainEvent,
  type EffectivenessRule,
  type ErrorBody,
  type OpenedRound,
  type RevisionReceipt,
  type SignatureReceipt,
  type SigningKey,
  type VerificationReport,
  AgreementsContracts,
} from '@mitra/contracts';
import { startApp, type ManagedProcess } from '@mitra/stack';
import { natsConnectionOptions, signingNatsClientProxy } from '@mitra/platform';
import { systemEnv, systemKeysDir, testCallerConfig, vouchedBySubject, withinContract } from '@mitra/testing';
import { agreementLogCollection } from './agreements/agreement.schema';
import { signingKeyLogCollection } from './keys/signing-key.schema';

const objectId = () => new mongoose.Types.ObjectId().toString();
const key = () => `test-${randomUUID()}`;

interface Org {
  id: string;
  signer: string;
  actor: Actor;
  privateKey: KeyObject;
  publicKey: string;
  keyId?: string;
}

function org(name: string): Org {
  const id = objectId();
  const signer = `${name}-${id.slice(-6)}`;
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { id, signer, actor: { userId: signer, role: 'partner', organisationId: id }, privateKey, publicKey: publicKey.export({ format: 'jwk' }).x! };
}

function party(o: Org, name: string, sector: AgreementParty['sector']): AgreementParty {
  return {
    organisationId: o.id,
    name,
    sector,
    role: 'partner',
    representative: { userId: o.signer, name: `Wakil ${name}`, title: 'Direktur' },
    responsibilities: [`Tugas ${name}`],
    contributions: [],
  };
}

function fieldsFor(orgs: Org[], overrides: Partial<AgreementFields> = {}): AgreementFields {
  return {
    title: 'Listrik Surya untuk Rumah Tangga Miskin di Timor Tengah Selatan',
    place: 'Soe',
    parties: orgs.map((o, index) => party(o, ['Pemerintah Kabupaten TTS', 'Yayasan Surya Desa', 'PT Energi Bersih'][index] ?? `Mitra ${index}`, (['government_regency', 'cso', 'business'] as const)[index] ?? 'cso')),
    background: 'Banyak rumah tangga miskin belum mendapat listrik.',
    purpose: 'Menyediakan listrik tenaga surya.',
    scope: ['Pemasangan panel surya', 'Pembentukan tim desa'],
    sdgTargets: ['7.1'],
    governance: { body: 'Forum Kemitraan Energi Desa', decisionRule: 'consensus', meetingFrequency: 'quarterly' },
    communication: 'Rapat triwulanan dan grup pesan.',
    funding: { mechanism: 'co_funding' },
    reporting: { frequency: 'quarterly' },
    startDate: '2026-09-01',
    durationMonths: 36,
    ...overrides,
  };
}

const admin: Actor = { userId: 'admin-it', role: 'admin' };
const coordinator: Actor = { userId: 'coord-it', role: 'coordinator' };
const auditor: Actor = { userId: 'audit-it', role: 'auditor' };
const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

describe('agreements service over NATS', () => {
  let client: ClientProxy;
  let database: mongoose.Connection;
  let agreements: mongoose.Collection;
  let nats: NatsConnection;

  const send = async <T>(subject: string, payload: unknown) =>
    withinContract(subject, await firstValueFrom(client.send<T>(subject, payload)));
  const refused = async (subject: string, payload: unknown): Promise<ErrorBody> => {
    try {
      await send(subject, payload);
    } catch (error) {
      return error as ErrorBody;
    }
    throw new Error(`${subject} was not refused`);
  };

  async function enrol(o: Org, actor: Actor = o.actor): Promise<SigningKey> {
    const enrolled = await send<SigningKey>(AgreementsContracts.EnrolKey.subject, { idempotencyKey: key(), actor, key: { userId: o.signer, organisationId: o.id, publicKey: o.publicKey } });
    o.keyId = enrolled.keyId;
    return enrolled;
  }

  async function draft(orgs: Org[], overrides: Partial<AgreementFields> = {}): Promise<Agreement> {
    return send<Agreement>(AgreementsContracts.CreateAgreement.subject, {
      idempotencyKey: key(),
      actor: coordinator,
      agreement: { kind: 'mou', partnershipId: randomBytes(10).toString('hex'), fields: fieldsFor(orgs, overrides) },
    });
  }

  const open = (agreement: Agreement, mode: 'parallel' | 'ordered' = 'parallel', expiresAt = inHours(48), rule?: EffectivenessRule) =>
    send<OpenedRound>(AgreementsContracts.OpenSigning.subject, {
      idempotencyKey: key(),
      actor: coordinator,
      agreementId: agreement.id,
      signing: { versionNumber: agreement.latestVersion, mode, expiresAt, ...(rule ? { rule } : {}) },
    });

  const signature = (o: Org, contentHash: string) => ed25519Sign(null, Buffer.from(contentHash, 'hex'), o.privateKey).toString('base64url');

  function signCommand(agreementId: string, versionNumber: number, o: Org, contentHash: string, options: { actor?: Actor; signedHash?: string; keyId?: string; idempotencyKey?: string } = {}) {
    return {
      idempotencyKey: options.idempotencyKey ?? key(),
      actor: options.actor ?? o.actor,
      agreementId,
      versionNumber,
      signature: { organisationId: o.id, keyId: options.keyId ?? o.keyId!, contentHash, value: signature(o, options.signedHash ?? contentHash) },
    };
  }

  const hashOf = async (agreementId: string, versionNumber = 1) =>
    (await send<Agreement>(AgreementsContracts.GetAgreement.subject, { actor: admin, id: agreementId })).versions[versionNumber - 1].contentHash;

  /** The agreement's events in the stream, once `until` holds for them (or the time is up). */
  async function eventsOf(agreementId: string, until: (events: DomainEvent[]) => boolean, timeoutMs = 10_000): Promise<DomainEvent[]> {
    const codec = JSONCodec<DomainEvent>();
    const deadline = Date.now() + timeoutMs;
    const found: DomainEvent[] = [];
    while (Date.now() < deadline) {
      found.length = 0;
      const consumer = await nats.jetstream().consumers.get(eventStreamName, { filterSubjects: ['events.agreements.>'] });
      const messages = await consumer.fetch({ max_messages: 10_000, expires: 1000 });
      for await (const message of messages) {
        const event = codec.decode(message.data);
        if (event.data.agreementId === agreementId) found.push(event);
        if (message.info.pending === 0) break;
      }
      if (until(found)) return found;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return found;
  }

  beforeAll(async () => {
    client = signingNatsClientProxy(testCallerConfig(), vouchedBySubject);
    database = await mongoose.createConnection(systemEnv().MONGO_URL, { dbName: 'mitra_agreements' }).asPromise();
    agreements = database.collection(agreementLogCollection);
    nats = await connect(natsConnectionOptions(systemEnv()));
  });
  afterAll(async () => {
    await client.close();
    await database.close();
    await nats.close();
  });

  describe('contracts at the boundary', () => {
    it('refuses invalid input with field errors and stores nothing', async () => {
      const before = await agreements.countDocuments();
      const [a, b] = [org('a'), org('b')];
      const fields = fieldsFor([a, b]) as Record<string, unknown>;
      const body = await refused(AgreementsContracts.CreateAgreement.subject, {
        idempotencyKey: 'short',
        actor: { userId: 'u1', role: 'superuser' },
        agreement: {
          kind: 'loan',
          partnershipId: '0000000000000000000a',
          fields: { ...fields, durationMonths: 0, startDate: '2026-13-01', parties: [party(a, 'A', 'cso'), party(a, 'A again', 'cso')], extra: true },
        },
      });

      expect(body.code).toBe(ErrorCode.ValidationFailed);
      expect(body.errors?.map((e) => e.field).sort()).toEqual(
        ['actor.role', 'agreement.fields.durationMonths', 'agreement.fields.extra', 'agreement.fields.parties.1.organisationId', 'agreement.fields.startDate', 'agreement.kind', 'idempotencyKey'].sort(),
      );
      expect(await agreements.countDocuments()).toBe(before);
    });

    it('refuses NoSQL operators and prototype keys wherever a value is expected', async () => {
      const before = await agreements.countDocuments();
      const injected = [
        { actor: admin, id: { $ne: null } },
        { actor: admin, id: { $where: 'sleep(1000)' } },
        JSON.parse(`{"actor": {"userId": "x", "role": "admin"}, "id": "${objectId()}", "__proto__": {"role": "admin"}}`),
      ];
      for (const payload of injected) {
        const body = await refused(AgreementsContracts.GetAgreement.subject, payload);
        expect(body.code).toBe(ErrorCode.ValidationFailed);
      }
      const keyBody = await refused(AgreementsContracts.GetKey.subject, { actor: admin, keyId: { $gt: '' } });
      expect(keyBody.errors).toEqual([expect.objectContaining({ field: 'keyId' })]);
      const list = await refused(AgreementsContracts.ListAgreements.subject, { actor: admin, partnershipId: { $regex: '.*' } });
      expect(list.errors?.[0].field).toBe('partnershipId');
      expect(await agreements.countDocuments()).toBe(before);
    });
  });

  describe('drafts, versions and idempotency', () => {
    it('stores one agreement for one idempotency key, and refuses the key for different input with 409', async () => {
      const orgs = [org('a'), org('b')];
      const idempotencyKey = key();
      const command = { idempotencyKey, actor: coordinator, agreement: { kind: 'pks', partnershipId: randomBytes(10).toString('hex'), fields: fieldsFor(orgs) } };
      const [first, second] = await Promise.all([send<Agreement>(AgreementsContracts.CreateAgreement.subject, command), send<Agreement>(AgreementsContracts.CreateAgreement.subject, command)]);

      expect(first.id).toBe(second.id);
      expect(await agreements.countDocuments({ aggregateId: first.id })).toBe(1);
      const other = randomBytes(10).toString('hex');
      const reused = await refused(AgreementsContracts.CreateAgreement.subject, { ...command, agreement: { ...command.agreement, partnershipId: other } });
      expect(reused.code).toBe(ErrorCode.Conflict);
      expect(await agreements.countDocuments({ 'change.created.partnershipId': other })).toBe(0);
    });

    it('makes a new version per change, answers a repeated revision with the first receipt, and keeps version 1 as it was', async () => {
      const orgs = [org('a'), org('b')];
      const agreement = await draft(orgs);
      const v1 = await send(AgreementsContracts.GetVersion.subject, { actor: admin, agreementId: agreement.id, versionNumber: 1 });
      const revise = { idempotencyKey: key(), actor: coordinator, agreementId: agreement.id, revision: { baseVersion: 1, fields: fieldsFor(orgs, { durationMonths: 24 }) } };
      const receipt = await send<RevisionReceipt>(AgreementsContracts.ReviseAgreement.subject, revise);
      const again = await send<RevisionReceipt>(AgreementsContracts.ReviseAgreement.subject, revise);

      expect(receipt).toMatchObject({ agreementId: agreement.id, number: 2, basedOn: 1 });
      expect(again).toEqual(receipt);
      expect((await send<Agreement>(AgreementsContracts.GetAgreement.subject, { actor: admin, id: agreement.id })).versions).toHaveLength(2);
      expect(await send(AgreementsContracts.GetVersion.subject, { actor: admin, agreementId: agreement.id, versionNumber: 1 })).toEqual(v1);
      const reused = await refused(AgreementsContracts.ReviseAgreement.subject, { ...revise, revision: { baseVersion: 2, fields: fieldsFor(orgs, { durationMonths: 6 }) } });
      expect(reused.code).toBe(ErrorCode.Conflict);
      const stale = await refused(AgreementsContracts.ReviseAgreement.subject, { ...revise, idempotencyKey: key(), revision: { baseVersion: 1, fields: fieldsFor(orgs, { durationMonths: 6 }) } });
      expect(stale.message).toContain('STALE_BASE_VERSION');
    });
  });

  describe('authorisation on the acting user', () => {
    it("refuses a partner's revision of a draft (coordinators draft, as at the api), and hides other organisations' agreements from it", async () => {
      const [a, b] = [org('a'), org('b')];
      const agreement = await draft([a, b]);
      const own = fieldsFor([a, b]);
      own.parties[1] = { ...own.parties[1], responsibilities: ['Tugas baru Yayasan'] };
      const revisions = await agreements.countDocuments({ aggregateId: agreement.id });

      const refusedEdit = await refused(AgreementsContracts.ReviseAgreement.subject, { idempotencyKey: key(), actor: b.actor, agreementId: agreement.id, revision: { baseVersion: 1, fields: own } });
      expect(refusedEdit).toMatchObject({ code: ErrorCode.Forbidden, message: 'A partner may not send agreements.agreement.revise.' });
      expect(await agreements.countDocuments({ aggregateId: agreement.id })).toBe(revisions);

      const stranger = org('stranger');
      expect((await refused(AgreementsContracts.GetAgreement.subject, { actor: stranger.actor, id: agreement.id })).code).toBe(ErrorCode.NotFound);
      expect((await refused(AgreementsContracts.VerifyVersion.subject, { actor: stranger.actor, agreementId: agreement.id, versionNumber: 1 })).code).toBe(ErrorCode.NotFound);
      const listed = await send<{ id: string }[]>(AgreementsContracts.ListAgreements.subject, { actor: stranger.actor, partnershipId: agreement.partnershipId });
      expect(listed).toEqual([]);
      expect((await send<{ id: string }[]>(AgreementsContracts.ListAgreements.subject, { actor: b.actor, partnershipId: agreement.partnershipId })).map((x) => x.id)).toEqual([agreement.id]);
    });

    it('hides an agreement from a coordinator or party vouched a member of another partnership, and changes nothing', async () => {
      const [a, b] = [org('a'), org('b')];
      const agreement = await draft([a, b]);
      const revisions = await agreements.countDocuments({ aggregateId: agreement.id });
      const elsewhere = '0000000000000000beef';
      for (const actor of [{ ...coordinator, memberOf: elsewhere }, { ...b.actor, memberOf: elsewhere }]) {
        expect((await refused(AgreementsContracts.GetAgreement.subject, { actor, id: agreement.id })).code).toBe(ErrorCode.NotFound);
      }
      const revise = { idempotencyKey: key(), actor: { ...coordinator, memberOf: elsewhere }, agreementId: agreement.id, revision: { baseVersion: 1, fields: fieldsFor([a, b], { durationMonths: 7 }) } };
      expect((await refused(AgreementsContracts.ReviseAgreement.subject, revise)).code).toBe(ErrorCode.NotFound);
      expect(await agreements.countDocuments({ aggregateId: agreement.id })).toBe(revisions);
      // Vouched for the agreement's own partnership, the same coordinator is let through.
      const member = { ...coordinator, memberOf: agreement.partnershipId };
      expect((await send<Agreement>(AgreementsContracts.GetAgreement.subject, { actor: member, id: agreement.id })).id).toBe(agreement.id);
    });

    it('lets an auditor read and verify but change nothing', async () => {
      const [a, b] = [org('a'), org('b')];
      const agreement = await draft([a, b]);
      const revisions = await agreements.countDocuments({ aggregateId: agreement.id });

      expect((await send<Agreement>(AgreementsContracts.GetAgreement.subject, { actor: auditor, id: agreement.id })).id).toBe(agreement.id);
      expect((await send<VerificationReport>(AgreementsContracts.VerifyVersion.subject, { actor: auditor, agreementId: agreement.id, versionNumber: 1 })).contentIntact).toBe(true);
      for (const [subject, payload] of [
        [AgreementsContracts.ReviseAgreement.subject, { idempotencyKey: key(), actor: auditor, agreementId: agreement.id, revision: { baseVersion: 1, fields: fieldsFor([a, b], { place: 'Kupang' }) } }],
        [AgreementsContracts.OpenSigning.subject, { idempotencyKey: key(), actor: auditor, agreementId: agreement.id, signing: { versionNumber: 1, mode: 'parallel', expiresAt: inHours(5) } }],
        [AgreementsContracts.CreateAgreement.subject, { idempotencyKey: key(), actor: auditor, agreement: { kind: 'mou', partnershipId: '0000000000000000000b', fields: fieldsFor([a, b]) } }],
        [AgreementsContracts.EnrolKey.subject, { idempotencyKey: key(), actor: auditor, key: { userId: a.signer, organisationId: a.id, publicKey: a.publicKey } }],
      ] as const) {
        expect((await refused(subject, payload)).code).toBe(ErrorCode.Forbidden);
      }
      expect(await agreements.countDocuments({ aggregateId: agreement.id })).toBe(revisions);
    });

    it('lets a partner sign and decline only for its own organisation, and enrol only its own key', async () => {
      const [a, b] = [org('a'), org('b')];
      await enrol(a);
      await enrol(b);
      const agreement = await draft([a, b]);
      await open(agreement);
      const hash = await hashOf(agreement.id);

      const forOther = await refused(AgreementsContracts.Sign.subject, signCommand(agreement.id, 1, a, hash, { actor: b.actor }));
      expect(forOther.code).toBe(ErrorCode.Forbidden);
      const declineOther = await refused(AgreementsContracts.Decline.subject, { idempotencyKey: key(), actor: b.actor, agreementId: agreement.id, versionNumber: 1, decline: { organisationId: a.id, reason: 'Bukan urusan kami, tetapi kami menolak.' } });
      expect(declineOther.code).toBe(ErrorCode.Forbidden);
      const enrolOther = await refused(AgreementsContracts.EnrolKey.subject, { idempotencyKey: key(), actor: b.actor, key: { userId: a.signer, organisationId: a.id, publicKey: org('x').publicKey } });
      expect(enrolOther.code).toBe(ErrorCode.Forbidden);
      expect((await send<Agreement>(AgreementsContracts.GetAgreement.subject, { actor: admin, id: agreement.id })).rounds[0].signatures).toEqual([]);
    });
  });

  describe('signing', () => {
    let a: Org, b: Org, c: Org;
    beforeAll(async () => {
      [a, b, c] = [org('gov'), org('cso'), org('biz')];
      for (const o of [a, b, c]) await enrol(o);
    });

    it('refuses a key not enrolled for the signer, a hash of another version, and a signature that does not verify', async () => {
      const agreement = await draft([a, b, c]);
      const v1Hash = await hashOf(agreement.id);
      await send(AgreementsContracts.ReviseAgreement.subject, { idempotencyKey: key(), actor: coordinator, agreementId: agreement.id, revision: { baseVersion: 1, fields: fieldsFor([a, b, c], { place: 'Kupang' }) } });
      await open({ ...agreement, latestVersion: 2 });
      const v2Hash = await hashOf(agreement.id, 2);

      const foreignKey = await refused(AgreementsContracts.Sign.subject, signCommand(agreement.id, 2, b, v2Hash, { actor: admin, keyId: c.keyId }));
      expect(foreignKey).toMatchObject({ code: ErrorCode.Forbidden, message: expect.stringContaining('KEY_NOT_SIGNATORYS') });
      const unknownKey = await refused(AgreementsContracts.Sign.subject, signCommand(agreement.id, 2, b, v2Hash, { keyId: 'f'.repeat(64) }));
      expect(unknownKey.message).toContain('KEY_NOT_ENROLLED');
      const otherVersion = await refused(AgreementsContracts.Sign.subject, signCommand(agreement.id, 2, b, v1Hash));
      expect(otherVersion).toMatchObject({ code: ErrorCode.Conflict, message: expect.stringContaining('over version 1, not version 2') });
      const wrongBytes = await refused(AgreementsContracts.Sign.subject, signCommand(agreement.id, 2, b, v2Hash, { signedHash: v1Hash }));
      expect(wrongBytes).toMatchObject({ code: ErrorCode.ValidationFailed, errors: [expect.objectContaining({ field: 'signature.value' })] });
      const onV1 = await refused(AgreementsContracts.Sign.subject, signCommand(agreement.id, 1, b, v1Hash));
      expect(onV1.message).toContain('ROUND_NOT_OPEN');
      expect((await send<Agreement>(AgreementsContracts.GetAgreement.subject, { actor: admin, id: agreement.id })).rounds[0].signatures).toEqual([]);
    });

    it('keeps every one of several signatures sent at the same moment', async () => {
      const agreement = await draft([a, b, c]);
      await open(agreement);
      const hash = await hashOf(agreement.id);
      await Promise.all([a, b, c].map((o) => send(AgreementsContracts.Sign.subject, signCommand(agreement.id, 1, o, hash))));

      const read = await send<Agreement>(AgreementsContracts.GetAgreement.subject, { actor: admin, id: agreement.id });
      expect(read.rounds[0].signatures.map((s) => s.organisationId).sort()).toEqual([a.id, b.id, c.id].sort());
      expect(read.status).toBe('effective');
    });

    it('refuses signing out of order in an ordered round', async () => {
      const agreement = await draft([a, b, c]);
      await open(agreement, 'ordered');
      const hash = await hashOf(agreement.id);

      expect((await refused(AgreementsContracts.Sign.subject, signCommand(agreement.id, 1, c, hash))).message).toContain('OUT_OF_ORDER');
      await send(AgreementsContracts.Sign.subject, signCommand(agreement.id, 1, a, hash));
      expect((await refused(AgreementsContracts.Sign.subject, signCommand(agreement.id, 1, c, hash))).message).toContain('OUT_OF_ORDER');
      await send(AgreementsContracts.Sign.subject, signCommand(agreement.id, 1, b, hash));
      await send(AgreementsContracts.Sign.subject, signCommand(agreement.id, 1, c, hash));
      expect((await send<Agreement>(AgreementsContracts.GetAgreement.subject, { actor: admin, id: agreement.id })).status).toBe('effective');
    });

    it('answers the same signature twice with the first receipt, writing nothing the second time', async () => {
      const agreement = await draft([a, b, c]);
      await open(agreement);
      const hash = await hashOf(agreement.id);
      const first = await send<SignatureReceipt>(AgreementsContracts.Sign.subject, signCommand(agreement.id, 1, b, hash));
      const revisions = await agreements.countDocuments({ aggregateId: agreement.id });
      const again = await send<SignatureReceipt>(AgreementsContracts.Sign.subject, signCommand(agreement.id, 1, b, hash));
      const repeated = await send<SignatureReceipt>(AgreementsContracts.Sign.subject, signCommand(agreement.id, 1, b, hash, { idempotencyKey: 'same-key-twice' }));
      const repeatedAgain = await send<SignatureReceipt>(AgreementsContracts.Sign.subject, signCommand(agreement.id, 1, b, hash, { idempotencyKey: 'same-key-twice' }));

      expect(again).toEqual(first);
      expect(repeated).toEqual(first);
      expect(repeatedAgain).toEqual(first);
      expect(await agreements.countDocuments({ aggregateId: agreement.id })).toBe(revisions);
    });

    it('refuses a signature after the expiry and ends the round as expired', async () => {
      const agreement = await draft([a, b, c]);
      await open(agreement, 'parallel', new Date(Date.now() + 1500).toISOString());
      const hash = await hashOf(agreement.id);
      await new Promise((resolve) => setTimeout(resolve, 2000));

      const late = await refused(AgreementsContracts.Sign.subject, signCommand(agreement.id, 1, b, hash));
      expect(late).toMatchObject({ code: ErrorCode.Conflict, message: expect.stringContaining('ROUND_EXPIRED') });
      const read = await send<Agreement>(AgreementsContracts.GetAgreement.subject, { actor: admin, id: agreement.id });
      expect(read.status).toBe('expired');
      expect(read.rounds[0].signatures).toEqual([]);
      expect((await eventsOf(agreement.id, (events) => events.length >= 2)).map((event) => event.type)).toEqual(['agreements.mou.opened', 'agreements.mou.expired']);
    });

    it('shows overdue signatures and sends one reminder per party once the due date passes', async () => {
      const agreement = await draft([a, b, c]);
      await send(AgreementsContracts.OpenSigning.subject, {
        idempotencyKey: key(),
        actor: coordinator,
        agreementId: agreement.id,
        signing: { versionNumber: 1, mode: 'parallel', expiresAt: inHours(1), dueAt: new Date(Date.now() + 1200).toISOString() },
      });
      const hash = await hashOf(agreement.id);
      await new Promise((resolve) => setTimeout(resolve, 1500));

      const read = await send<Agreement>(AgreementsContracts.GetAgreement.subject, { actor: b.actor, id: agreement.id });
      expect(read.pendingSignatures.map((p) => p.overdue)).toEqual([true, true, true]);
      await send(AgreementsContracts.Sign.subject, signCommand(agreement.id, 1, a, hash));
      await send(AgreementsContracts.Sign.subject, signCommand(agreement.id, 1, b, hash));

      const events = await eventsOf(agreement.id, (found) => found.filter((event) => event.type === 'agreements.mou.signed').length === 2);
      const reminded = events.filter((event) => event.type === 'agreements.mou.reminded').map((event) => event.data.organisationId);
      expect(reminded.sort()).toEqual([a.id, b.id, c.id].sort());
      expect((await send<Agreement>(AgreementsContracts.GetAgreement.subject, { actor: admin, id: agreement.id })).rounds[0].parties.every((p) => p.remindedAt !== null)).toBe(true);
    });

    it('records a decline with its reason for all parties, and publishes it', async () => {
      const agreement = await draft([a, b, c]);
      await open(agreement);
      const reason = 'Kontribusi pendanaan kami belum disetujui direksi.';
      const receipt = await send<DeclineReceipt>(AgreementsContracts.Decline.subject, { idempotencyKey: key(), actor: c.actor, agreementId: agreement.id, versionNumber: 1, decline: { organisationId: c.id, reason } });

      expect(receipt.decline).toMatchObject({ organisationId: c.id, reason, declinedBy: c.signer });
      // Another party reads the reason.
      const seenByOther = await send<Agreement>(AgreementsContracts.GetAgreement.subject, { actor: a.actor, id: agreement.id });
      expect(seenByOther.status).toBe('declined');
      expect(seenByOther.rounds[0].declines[0].reason).toBe(reason);
      const noReason = await refused(AgreementsContracts.Decline.subject, { idempotencyKey: key(), actor: b.actor, agreementId: agreement.id, versionNumber: 1, decline: { organisationId: b.id, reason: '' } });
      expect(noReason.errors).toEqual([expect.objectContaining({ field: 'decline.reason' })]);
      const declined = (await eventsOf(agreement.id, (events) => events.some((event) => event.type === 'agreements.mou.declined'))).find(
        (event) => event.type === 'agreements.mou.declined',
      );
      expect(declined?.data).toMatchObject({ organisationId: c.id, reason });
    });

    it('becomes effective when all have signed, publishing agreements.mou.effective once, and marks its events sent', async () => {
      const agreement = await draft([a, b, c]);
      await open(agreement);
      const hash = await hashOf(agreement.id);
      for (const o of [c, a, b]) await send(AgreementsContracts.Sign.subject, signCommand(agreement.id, 1, o, hash));

      const events = await eventsOf(agreement.id, (found) => found.length >= 5);
      expect(events.map((event) => event.type)).toEqual([
        'agreements.mou.opened',
        'agreements.mou.signed',
        'agreements.mou.signed',
        'agreements.mou.signed',
        'agreements.mou.effective',
      ]);
      expect(events[4]).toMatchObject({
        eventId: `agreements:${agreement.id}:v1.effective`,
        partnershipId: agreement.partnershipId,
        data: { agreementId: agreement.id, versionNumber: 1, contentHash: hash, partnershipId: agreement.partnershipId },
      });
      let pending = -1;
      for (let attempt = 0; attempt < 50 && pending !== 0; attempt++) {
        pending = await agreements.countDocuments({ aggregateId: agreement.id, published: false });
        if (pending !== 0) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(pending).toBe(0);
    });
  });

  describe('the outbox sweep', () => {
    it('publishes a revision whose events a crash left unpublished, and marks it published', async () => {
      const agreement = await draft([org('gov'), org('cso')]);
      // Revision 2 written with its events, which a crash kept from being published.
      const first = (await agreements.findOne({ _id: `${agreement.id}:1` as unknown as mongoose.Types.ObjectId }))!;
      const event = {
        eventId: `agreements:${agreement.id}:test.sweep`,
        type: 'agreements.mou.opened',
        occurredAt: new Date().toISOString(),
        partnershipId: agreement.partnershipId,
        organisationIds: [],
        data: { agreementId: agreement.id, versionNumber: 1, roundNumber: 1 },
      };
      await agreements.insertOne({
        ...first,
        _id: `${agreement.id}:2` as unknown as mongoose.Types.ObjectId,
        revision: 2,
        idempotencyKey: 'test-sweep-crash',
        inputHash: 'test',
        change: { at: event.occurredAt },
        events: [event],
        published: false,
      });

      const published = await eventsOf(agreement.id, (found) => found.some((e) => e.eventId === event.eventId), 45_000);
      expect(published.map((e) => e.eventId)).toEqual([event.eventId]);
      let flag: unknown;
      for (let attempt = 0; attempt < 40 && flag !== true; attempt++) {
        flag = (await agreements.findOne({ _id: `${agreement.id}:2` as unknown as mongoose.Types.ObjectId }))?.published;
        if (flag !== true) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(flag).toBe(true);
    }, 60_000);
  });

  describe('tamper detection', () => {
    it('fails verification when one byte of a signed version is changed in the database, or a key is swapped', async () => {
      const signingKeys = database.collection(signingKeyLogCollection);
      const [a, b, c] = [org('gov'), org('cso'), org('biz')];
      for (const o of [a, b, c]) await enrol(o);
      const agreement = await draft([a, b, c]);
      await open(agreement);
      const hash = await hashOf(agreement.id);
      for (const o of [a, b, c]) await send(AgreementsContracts.Sign.subject, signCommand(agreement.id, 1, o, hash));
      const verify = () => send<VerificationReport>(AgreementsContracts.VerifyVersion.subject, { actor: auditor, agreementId: agreement.id, versionNumber: 1 });
      expect(await verify()).toMatchObject({ valid: true, complete: true, contentIntact: true });

      // Swap b's enrolled public key for c's (in the revision that enrolled it).
      const enrolment = { _id: `${b.keyId}:1` as unknown as mongoose.Types.ObjectId };
      await signingKeys.updateOne(enrolment, { $set: { 'change.enrolled.publicKey': c.publicKey } });
      const swapped = await verify();
      expect(swapped.valid).toBe(false);
      expect(swapped.signatures.find((s) => s.organisationId === b.id)).toMatchObject({ keyMatchesFingerprint: false, signatureValid: false });
      expect(swapped.signatures.filter((s) => s.valid).map((s) => s.organisationId).sort()).toEqual([a.id, c.id].sort());
      await signingKeys.updateOne(enrolment, { $set: { 'change.enrolled.publicKey': b.publicKey } });
      expect((await verify()).valid).toBe(true);

      // One character of the stored content, in the revision that added the version.
      const draftRevision = (await agreements.findOne({ _id: `${agreement.id}:1` as unknown as mongoose.Types.ObjectId }))!;
      const clause = draftRevision.change.versions[0].content.text.id.clauses[2];
      clause.lines[1] = clause.lines[1].replace('panel', 'Panel');
      await agreements.replaceOne({ _id: draftRevision._id }, draftRevision);
      const tampered = await verify();

      expect(tampered.contentIntact).toBe(false);
      expect(tampered.recomputedContentHash).not.toBe(hash);
      expect(tampered.storedContentHash).toBe(hash);
      expect(tampered.signatures.every((s) => !s.valid && !s.hashMatchesVersion)).toBe(true);
      expect(tampered.problems[0]).toBe('Version 1: the stored content does not match its recorded hash.');
    });
  });
  describe('quorum rules for effectiveness', () => {
    let gov: Org, cso: Org, biz: Org, cso2: Org;
    const governmentAndOneCso: EffectivenessRule = { kind: 'quorum', requirements: [{ sectors: [...governmentSectors], count: 'all' }, { sectors: ['cso'], count: 1 }] };
    beforeAll(async () => {
      [gov, cso, biz, cso2] = [org('gov'), org('cso'), org('biz'), org('cso2')];
      for (const o of [gov, cso, biz, cso2]) await enrol(o);
    });

    it('refuses a rule that is malformed or that the round cannot meet, with field errors, storing nothing', async () => {
      const agreement = await draft([gov, cso, biz]);
      const revisions = await agreements.countDocuments({ aggregateId: agreement.id });
      const malformed = await refused(AgreementsContracts.OpenSigning.subject, {
        idempotencyKey: key(),
        actor: coordinator,
        agreementId: agreement.id,
        signing: { versionNumber: 1, mode: 'parallel', expiresAt: inHours(5), rule: { kind: 'quorum', requirements: [{ sectors: ['cso', 'cso'], count: 0 }] } },
      });
      expect(malformed.code).toBe(ErrorCode.ValidationFailed);
      expect(malformed.errors?.map((e) => e.field).sort()).toEqual(['signing.rule.requirements.0.count', 'signing.rule.requirements.0.sectors.1']);
      expect(malformed.errors?.find((e) => e.field === 'signing.rule.requirements.0.sectors.1')).toMatchObject({ code: 'list.duplicate' });
      const unmeetable = await refused(AgreementsContracts.OpenSigning.subject, {
        idempotencyKey: key(),
        actor: coordinator,
        agreementId: agreement.id,
        signing: { versionNumber: 1, mode: 'parallel', expiresAt: inHours(5), rule: { kind: 'quorum', requirements: [{ sectors: ['media'], count: 1 }, { sectors: ['cso'], count: 2 }] } },
      });
      expect(unmeetable).toMatchObject({ code: ErrorCode.ValidationFailed, message: expect.stringContaining('BAD_SIGNING_SETUP') });
      expect(unmeetable.errors).toEqual([
        expect.objectContaining({ field: 'signing.rule.requirements.0.sectors', reason: 'matches no party of this round', code: 'agreements.rule_matches_no_party' }),
        expect.objectContaining({
          field: 'signing.rule.requirements.1.count',
          reason: 'asks for 2 signatures, but only 1 parties of these sectors sign',
          code: 'agreements.rule_asks_too_many',
          params: { count: 2, counted: 1 },
        }),
      ]);
      expect(await agreements.countDocuments({ aggregateId: agreement.id })).toBe(revisions);
    });

    it('becomes effective once every government party and one CSO have signed, publishing effective once, and verification says the rule is met', async () => {
      const agreement = await draft([gov, cso, biz]);
      const opened = await open(agreement, 'parallel', inHours(48), governmentAndOneCso);
      expect(opened.rule).toEqual(governmentAndOneCso);
      const hash = await hashOf(agreement.id);

      await send(AgreementsContracts.Sign.subject, signCommand(agreement.id, 1, cso, hash));
      expect((await send<Agreement>(AgreementsContracts.GetAgreement.subject, { actor: admin, id: agreement.id })).pendingSignatures.map((p) => [p.organisationId, p.required])).toEqual([
        [gov.id, true],
        [biz.id, false],
      ]);
      await send(AgreementsContracts.Sign.subject, signCommand(agreement.id, 1, gov, hash));
      const read = await send<Agreement>(AgreementsContracts.GetAgreement.subject, { actor: admin, id: agreement.id });
      expect(read).toMatchObject({ status: 'effective', effectiveVersion: 1 });
      const late = await refused(AgreementsContracts.Sign.subject, signCommand(agreement.id, 1, biz, hash));
      expect(late.message).toContain('ROUND_NOT_OPEN');

      const report = await send<VerificationReport>(AgreementsContracts.VerifyVersion.subject, { actor: auditor, agreementId: agreement.id, versionNumber: 1 });
      expect(report).toMatchObject({ valid: true, complete: false, ruleMet: true, unsignedOrganisationIds: [biz.id], effectiveness: { roundNumber: 1, rule: governmentAndOneCso, met: true } });
      const events = await eventsOf(agreement.id, (found) => found.some((event) => event.type === 'agreements.mou.effective'));
      await new Promise((resolve) => setTimeout(resolve, 500));
      const settled = await eventsOf(agreement.id, (found) => found.length >= events.length);
      expect(settled.map((event) => event.type)).toEqual(['agreements.mou.opened', 'agreements.mou.signed', 'agreements.mou.signed', 'agreements.mou.effective']);
    });

    it('stays open when parties the quorum can do without decline, and ends when it no longer can be met', async () => {
      const agreement = await draft([gov, cso, biz, cso2]);
      await open(agreement, 'parallel', inHours(48), governmentAndOneCso);
      const reason = 'Kami belum dapat ikut menandatangani tahun ini.';
      const decline = (o: Org) => send<DeclineReceipt>(AgreementsContracts.Decline.subject, { idempotencyKey: key(), actor: o.actor, agreementId: agreement.id, versionNumber: 1, decline: { organisationId: o.id, reason } });

      await decline(biz);
      await decline(cso);
      const stillOpen = await send<Agreement>(AgreementsContracts.GetAgreement.subject, { actor: admin, id: agreement.id });
      expect(stillOpen.status).toBe('open');
      expect(stillOpen.pendingSignatures.map((p) => [p.organisationId, p.required])).toEqual([
        [gov.id, true],
        [cso2.id, true],
      ]);
      expect((await refused(AgreementsContracts.Sign.subject, signCommand(agreement.id, 1, cso, await hashOf(agreement.id)))).message).toContain('ALREADY_DECLINED');

      await decline(cso2);
      const ended = await send<Agreement>(AgreementsContracts.GetAgreement.subject, { actor: admin, id: agreement.id });
      expect(ended.status).toBe('declined');
      const declined = (await eventsOf(agreement.id, (found) => found.filter((event) => event.type === 'agreements.mou.declined').length === 3)).filter(
        (event) => event.type === 'agreements.mou.declined',
      );
      expect(declined.map((event) => [event.data.organisationId, event.data.roundEnded])).toEqual([
        [biz.id, false],
        [cso.id, false],
        [cso2.id, true],
      ]);
    });
  });

  describe('key revocation and rotation', () => {
    const revoke = (keyId: string, actor: Actor, idempotencyKey = key(), reason = 'Perangkat penanda tangan hilang.') =>
      ({ idempotencyKey, actor, keyId, revocation: { reason } }) as const;

    it("lets only the key's owner or an admin revoke it, answers a repeat with the same reply, and refuses a second revocation", async () => {
      const [owner, other] = [org('owner'), org('other')];
      const enrolled = await enrol(owner);
      for (const actor of [other.actor, auditor, coordinator]) {
        expect((await refused(AgreementsContracts.RevokeKey.subject, revoke(enrolled.keyId, actor))).code).toBe(ErrorCode.Forbidden);
      }
      const noReason = await refused(AgreementsContracts.RevokeKey.subject, revoke(enrolled.keyId, owner.actor, key(), 'hilang'));
      expect(noReason.errors).toEqual([expect.objectContaining({ field: 'revocation.reason' })]);
      expect((await send<SigningKey>(AgreementsContracts.GetKey.subject, { actor: auditor, keyId: enrolled.keyId })).revocation).toBeUndefined();

      const command = revoke(enrolled.keyId, owner.actor);
      const revoked = await send<SigningKey>(AgreementsContracts.RevokeKey.subject, command);
      expect(revoked.revocation).toMatchObject({ kind: 'revoked', reason: 'Perangkat penanda tangan hilang.', revokedBy: owner.signer });
      expect(await send<SigningKey>(AgreementsContracts.RevokeKey.subject, command)).toEqual(revoked);
      expect(await send<SigningKey>(AgreementsContracts.GetKey.subject, { actor: auditor, keyId: enrolled.keyId })).toEqual(revoked);
      const again = await refused(AgreementsContracts.RevokeKey.subject, revoke(enrolled.keyId, admin));
      expect(again).toMatchObject({ code: ErrorCode.Conflict, message: expect.stringContaining('KEY_REVOKED') });
      const reenrol = await refused(AgreementsContracts.EnrolKey.subject, { idempotencyKey: key(), actor: owner.actor, key: { userId: owner.signer, organisationId: owner.id, publicKey: owner.publicKey } });
      expect(reenrol.message).toContain('KEY_REVOKED');

      const byAdmin = await send<SigningKey>(AgreementsContracts.RevokeKey.subject, revoke((await enrol(other)).keyId, admin));
      expect(byAdmin.revocation).toMatchObject({ kind: 'revoked', revokedBy: admin.userId });
    });

    it('keeps signatures made before a revocation valid, saying when the key was revoked, and refuses signing with the revoked key', async () => {
      const [a, b] = [org('gov'), org('cso')];
      for (const o of [a, b]) await enrol(o);
      const first = await draft([a, b]);
      await open(first);
      const firstHash = await hashOf(first.id);
      for (const o of [a, b]) await send(AgreementsContracts.Sign.subject, signCommand(first.id, 1, o, firstHash));
      const second = await draft([a, b]);
      await open(second);

      const revoked = await send<SigningKey>(AgreementsContracts.RevokeKey.subject, revoke(b.keyId!, b.actor));
      const report = await send<VerificationReport>(AgreementsContracts.VerifyVersion.subject, { actor: auditor, agreementId: first.id, versionNumber: 1 });
      const check = report.signatures.find((s) => s.organisationId === b.id)!;
      expect(report).toMatchObject({ valid: true, complete: true, ruleMet: true });
      expect(check).toMatchObject({ valid: true, signedBeforeRevocation: true, keyRevocation: revoked.revocation });
      expect(check.notes).toEqual([`key ${b.keyId} was revoked at ${revoked.revocation!.revokedAt}, after this signature`]);

      const refusedSign = await refused(AgreementsContracts.Sign.subject, signCommand(second.id, 1, b, await hashOf(second.id)));
      expect(refusedSign).toMatchObject({ code: ErrorCode.Conflict, message: expect.stringContaining('KEY_REVOKED') });
      expect((await send<Agreement>(AgreementsContracts.GetAgreement.subject, { actor: admin, id: second.id })).rounds[0].signatures).toEqual([]);
    });

    it('fails a signature dated after its key was revoked', async () => {
      const [a, b] = [org('gov'), org('cso')];
      for (const o of [a, b]) await enrol(o);
      const agreement = await draft([a, b]);
      await open(agreement);
      const hash = await hashOf(agreement.id);
      const receipt = await send<SignatureReceipt>(AgreementsContracts.Sign.subject, signCommand(agreement.id, 1, b, hash));
      // As if the key had been revoked a minute before the signature was recorded.
      const revokedAt = new Date(Date.parse(receipt.signature.signedAt) - 60_000).toISOString();
      const commandKey = key();
      await database.collection(signingKeyLogCollection).insertOne({
        _id: `${b.keyId}:2` as unknown as mongoose.Types.ObjectId,
        aggregateId: b.keyId,
        revision: 2,
        idempotencyKey: commandKey,
        inputHash: 'test',
        change: { revoked: { kind: 'revoked', reason: 'Kunci bocor.', revokedAt, revokedBy: 'admin-it', commandKey } },
        events: [],
        published: true,
        recordedAt: new Date(),
      });

      const check = (await send<VerificationReport>(AgreementsContracts.VerifyVersion.subject, { actor: auditor, agreementId: agreement.id, versionNumber: 1 })).signatures[0];
      expect(check).toMatchObject({ signatureValid: true, signedBeforeRevocation: false, valid: false });
      expect(check.problems).toEqual([`it is dated ${receipt.signature.signedAt}, at or after key ${b.keyId} was revoked at ${revokedAt}`]);
    });

    it('rotates: a new key for the same signer replaces the old one, which stays on record and signs nothing more', async () => {
      const [a, b] = [org('gov'), org('cso')];
      for (const o of [a, b]) await enrol(o);
      const earlier = await draft([a, b]);
      await open(earlier);
      const earlierHash = await hashOf(earlier.id);
      for (const o of [a, b]) await send(AgreementsContracts.Sign.subject, signCommand(earlier.id, 1, o, earlierHash));

      const oldKeyId = b.keyId!;
      const oldPrivateKey = b.privateKey;
      const fresh = generateKeyPairSync('ed25519');
      b.privateKey = fresh.privateKey;
      b.publicKey = fresh.publicKey.export({ format: 'jwk' }).x!;
      const newKey = await enrol(b);
      const old = await send<SigningKey>(AgreementsContracts.GetKey.subject, { actor: auditor, keyId: oldKeyId });
      expect(old.revocation).toMatchObject({ kind: 'rotated', replacedBy: newKey.keyId, revokedBy: b.signer });
      expect(newKey.revocation).toBeUndefined();

      const later = await draft([a, b]);
      await open(later);
      const laterHash = await hashOf(later.id);
      const withOld = signCommand(later.id, 1, { ...b, privateKey: oldPrivateKey }, laterHash, { keyId: oldKeyId });
      expect((await refused(AgreementsContracts.Sign.subject, withOld)).message).toContain(`replaced by key ${newKey.keyId}`);
      await send(AgreementsContracts.Sign.subject, signCommand(later.id, 1, b, laterHash));
      expect((await send<VerificationReport>(AgreementsContracts.VerifyVersion.subject, { actor: auditor, agreementId: earlier.id, versionNumber: 1 })).valid).toBe(true);
    });
  });
  describe('the previous layout', () => {
    let restarted: ManagedProcess | undefined;
    afterAll(async () => {
      await restarted?.stop();
    });

    it('is moved when the service starts, and what it left unpublished goes out', async () => {
      // The documents the previous version wrote (see migration/legacy-layout.integration.spec.ts).
      const fixture = mongoose.mongo.BSON.EJSON.parse(fs.readFileSync(path.join(__dirname, 'migration/fixtures/legacy-layout.ejson'), 'utf8'), {
        relaxed: true,
      }) as Record<string, Array<Record<string, unknown>>>;
      for (const [name, documents] of Object.entries(fixture)) await database.collection(name).insertMany(structuredClone(documents) as never[]);
      const pendingAgreement = 'f318acd56edf20197e92721e';

      const { NATS_URL, MONGO_URL, MITRA_TEST_DATA_DIR, MITRA_TEST_NATS_CREDENTIALS_DIR } = systemEnv();
      restarted = await startApp('agreements', {
        env: { NATS_URL, MONGO_URL },
        natsCredentialsDir: MITRA_TEST_NATS_CREDENTIALS_DIR,
        keysDir: systemKeysDir(),
        logDir: path.join(MITRA_TEST_DATA_DIR, `agreements-restart-${randomUUID().slice(0, 8)}`),
      });
      const collections = (await database.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
      for (const old of Object.keys(fixture)) expect(collections).not.toContain(old);

      const read = await send<Agreement>(AgreementsContracts.GetAgreement.subject, { actor: admin, id: pendingAgreement });
      expect(read).toMatchObject({ status: 'open', latestVersion: 1, rounds: [{ signatures: [expect.objectContaining({ organisationId: 'f1f1f1f1f1f1f1f1f1f1f101' })] }] });
      const events = await eventsOf(pendingAgreement, (found) => found.length > 0, 45_000);
      expect(events.map((event) => event.eventId)).toEqual([`agreements:${pendingAgreement}:r1.signed.f1f1f1f1f1f1f1f1f1f1f101`]);
      const keyIds = (fixture.signing_keys as Array<{ _id: string }>).map((k) => k._id);
      for (const keyId of keyIds) expect((await send<SigningKey>(AgreementsContracts.GetKey.subject, { actor: auditor, keyId })).keyId).toBe(keyId);
    }, 120_000);
  });
});
