import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import type { Actor, DomainEvent, SignCommand } from '@mitra/contracts';
import { canonicalize, signatureRecordHash, signatureRecordId } from '@mitra/domain';
import type { EventPublisher } from '@mitra/platform';
import { systemEnv } from '@mitra/testing';
import { foldAgreement } from '../agreements/agreement-changes';
import { agreementLogCollection, agreementDirectoryCollection } from '../agreements/agreement.schema';
import { AgreementEvents } from '../agreements/agreement-events';
import { AgreementsRepository } from '../agreements/agreements.repository';
import { AgreementsService } from '../agreements/agreements.service';
import { signingKeyLogCollection } from '../keys/signing-key.schema';
import { SigningKeysRepository } from '../keys/signing-keys.repository';
import { SigningKeysService } from '../keys/signing-keys.service';
import { legacyState, migrateLegacyAgreements, type LegacyAgreementRevision } from './legacy-agreements';
import {
  migrateLegacyKeys,
  type LegacyKey,
  type LegacyKeyCommand,
  type LegacyRevocation,
} from './legacy-keys';

/**
 * Raw documents as the agreements service wrote them before the revision logs (commit 0c72d25): that
 * service, started with its own NATS and FerretDB, was driven over NATS and its database dumped.
 * - a793… (mou, p-fixture-1): drafted, revised, three signatures (two at once), in force, then a partner
 *   joined by amendment and signed it: eight revisions, the whole agreement in each;
 * - 42f0… (pks, p-fixture-1): an ordered round whose due date passed (reminders written with a
 *   signature) and which then expired (written by a refused signature, with no command); its rounds
 *   were then stripped of `rule`, as stored before effectiveness rules existed;
 * - c819… (mou, p-fixture-2): a quorum round with two declines and a signature, still open (until 2036);
 * - f318… (mou, p-fixture-2): open, one signature whose events a crash left unpublished (flag false,
 *   head `eventsPending`, set after the dump's run);
 * - keys: five enrolled, one enrolled again under another command key, one enrolment for another
 *   signer refused, a rotation (biz's first key replaced), a revocation and a refused second one, and
 *   a command whose key was never inserted (added after the run).
 */
const fixture = mongoose.mongo.BSON.EJSON.parse(
  fs.readFileSync(path.join(__dirname, 'fixtures/legacy-layout.ejson'), 'utf8'),
  { relaxed: true },
) as Record<string, Array<Record<string, unknown>>>;
const legacyRevisions = fixture.agreement_revisions as unknown as LegacyAgreementRevision[];
const legacyKeys = fixture.signing_keys as unknown as LegacyKey[];
const legacyCommands = fixture.signing_key_commands as unknown as LegacyKeyCommand[];
const legacyRevocations = fixture.signing_key_revocations as unknown as LegacyRevocation[];
const [a, b, c, d] = [
  'a793e955ed221181c144163c',
  '42f01eaf23c38cfea6ef36a2',
  'c819e8b8e42b15f8ad2951ce',
  'f318acd56edf20197e92721e',
];
const orgs = {
  gov: 'f1f1f1f1f1f1f1f1f1f1f101',
  cso: 'f1f1f1f1f1f1f1f1f1f1f102',
  biz: 'f1f1f1f1f1f1f1f1f1f1f103',
  newcomer: 'f1f1f1f1f1f1f1f1f1f1f104',
  cso2: 'f1f1f1f1f1f1f1f1f1f1f105',
};
const revisionsOf = (agreementId: string) =>
  legacyRevisions.filter((r) => r.agreementId === agreementId).sort((x, y) => x.revision - y.revision);
const quiet = { log: jest.fn(), warn: jest.fn(), error: jest.fn() };
const auditor: Actor = { userId: 'auditor-migration', role: 'auditor' };
const coordinator: Actor = { userId: 'coord-fixture', role: 'coordinator' };

describe('moving the previous agreements layout into the revision logs', () => {
  let connection: mongoose.Connection;
  let agreements: AgreementsRepository;
  let keys: SigningKeysRepository;
  const migrate = async (connectionToUse = connection) => ({
    keys: await migrateLegacyKeys(connectionToUse, new SigningKeysRepository(connectionToUse), quiet),
    agreements: await migrateLegacyAgreements(
      connectionToUse,
      new AgreementsRepository(connectionToUse),
      quiet,
    ),
  });
  const collectionNames = async () =>
    (await connection.db!.listCollections({}, { nameOnly: true }).toArray()).map((x) => x.name).sort();

  /** Each test has a database of its own, holding the fixture as the previous version left it. */
  beforeEach(async () => {
    connection = await mongoose
      .createConnection(systemEnv().MONGO_URL, {
        dbName: `mitra_agreements_migration_${randomUUID().slice(0, 8)}`,
      })
      .asPromise();
    for (const [name, documents] of Object.entries(fixture))
      await connection.collection(name).insertMany(structuredClone(documents) as never[]);
    agreements = new AgreementsRepository(connection);
    keys = new SigningKeysRepository(connection);
    jest.clearAllMocks();
  });
  afterEach(async () => {
    await connection.db!.dropDatabase();
    await connection.close();
  });

  it('moves every revision and key once, as changes, and a second run finds nothing to do', async () => {
    const first = await migrate();
    expect(first.agreements).toEqual({
      agreements: 4,
      moved: 20,
      alreadyMoved: 0,
      dropped: ['agreement_revisions', 'agreements'],
      problems: [],
    });
    expect(first.keys).toMatchObject({
      keys: 6,
      moved: 6 + 2 + 3,
      alreadyMoved: 0,
      problems: [],
      dropped: ['signing_keys', 'signing_key_revocations', 'signing_key_commands'],
    });
    expect(first.keys.abandonedCommands.map((command) => command._id)).toEqual(['fixture-enrol-orphan']);
    expect(quiet.warn).toHaveBeenCalledWith(expect.stringContaining('fixture-enrol-orphan'));

    const second = await migrate();
    expect(second.agreements).toEqual({
      agreements: 0,
      moved: 0,
      alreadyMoved: 0,
      dropped: [],
      problems: [],
    });
    expect(second.keys).toEqual({
      keys: 0,
      moved: 0,
      alreadyMoved: 0,
      dropped: [],
      problems: [],
      abandonedCommands: [],
    });
    expect(await collectionNames()).toEqual(
      [agreementLogCollection, agreementDirectoryCollection, signingKeyLogCollection].sort(),
    );
    expect(await connection.collection(agreementLogCollection).countDocuments()).toBe(20);

    for (const agreementId of [a, b, c, d]) {
      const old = revisionsOf(agreementId);
      const history = await agreements.store.history(agreementId);
      // Same ids and revision numbers; each revision folds to the agreement the old document held.
      expect(history.map((r) => r.id)).toEqual(old.map((r) => r._id));
      old.forEach((document, i) => {
        expect(
          canonicalize(
            foldAgreement(
              agreementId,
              history.slice(0, i + 1).map((r) => r.change),
            ),
          ),
        ).toBe(canonicalize(legacyState(document)));
      });
      // What changed, not the agreement: far less than the whole agreement per revision.
      const stored = JSON.stringify(history.map((r) => r.change)).length;
      const before = JSON.stringify(old.map(({ versions, rounds }) => ({ versions, rounds }))).length;
      expect(stored * (old.length > 4 ? 3 : 2)).toBeLessThan(before);
      // The events are those the old revisions held.
      const raw = await connection
        .collection(agreementLogCollection)
        .find({ aggregateId: agreementId })
        .sort({ aggregateId: 1, revision: 1 })
        .toArray();
      expect(raw.map((r) => r.events)).toEqual(old.map((r) => r.outbox));
    }
    // The create's input hash, each command with its key, revisions time alone made.
    const aHistory = await agreements.store.history(a);
    expect(aHistory.map((r) => r.idempotencyKey)).toEqual([
      '~create',
      'fixture-revise-a',
      'fixture-open-a',
      'fixture-sign-a-02',
      ...revisionsOf(a)
        .slice(4, 6)
        .map((r) => r.commands.at(-1)!.key),
      'lifecycle.fixture-join-04',
      'fixture-sign-a-04',
    ]);
    expect(aHistory[0]!.inputHash).toBe(revisionsOf(a)[0]!.inputHash);
    expect((await agreements.store.history(b)).map((r) => r.idempotencyKey)).toEqual([
      '~create',
      'fixture-open-b',
      'fixture-sign-b-01',
      '~time:4',
    ]);
    // A signature revision holds the signature, not the agreement again.
    expect(aHistory[3]!.change).toEqual({
      at: revisionsOf(a)[3]!.writtenAt,
      command: { type: 'signing.sign', ref: { roundNumber: 1, organisationId: orgs.cso } },
      rounds: [
        { changed: { number: 1, signatures: [expect.objectContaining({ organisationId: orgs.cso })] } },
      ],
    });

    // Published stays published; what never reached NATS is pending for the relay, with its events.
    const pending = await agreements.store.pendingEvents({ limit: 100 });
    expect(pending.map((p) => [p.aggregateId, p.revision, p.events.map((e: DomainEvent) => e.type)])).toEqual(
      [[d, 3, ['agreements.mou.signed']]],
    );
    // The sweep's index holds the two open rounds' newest revisions only.
    expect(
      (await agreements.dueBy('2037-01-01T00:00:00.000Z', 100)).sort((x, y) =>
        x.aggregateId.localeCompare(y.aggregateId),
      ),
    ).toEqual([
      { aggregateId: c, revision: 5 },
      { aggregateId: d, revision: 3 },
    ]);
    // Lists by partnership and by party.
    expect((await agreements.list('p-fixture-1', 50)).map((s) => [s.id, s.status])).toEqual([
      [b, 'expired'],
      [a, 'effective'],
    ]);
    expect((await agreements.listOfParty(orgs.newcomer, undefined, 50)).map((s) => s.id)).toEqual([a]);
    expect((await agreements.listOfParty(orgs.cso2, undefined, 50)).map((s) => s.id)).toEqual([c]);
    expect((await agreements.listOfParty(orgs.gov, 'p-fixture-2', 50)).map((s) => s.id)).toEqual([d, c]);

    // Keys read as they did; every command key still names what it named.
    for (const old of legacyKeys) {
      const revocation = legacyRevocations.find((r) => r._id === old._id);
      const standing =
        revocation &&
        (({ idempotencyKey: _commandKey, _id: _keyId, ...rest }: LegacyRevocation) => rest)(revocation);
      const loaded = await keys.load(old._id);
      expect(loaded?.key).toEqual({
        keyId: old._id,
        algorithm: 'Ed25519',
        userId: old.userId,
        organisationId: old.organisationId,
        publicKey: old.publicKey,
        enrolledAt: old.enrolledAt,
        enrolledBy: old.enrolledBy,
        ...(revocation ? { revocation: standing } : {}),
      });
      if (revocation) expect(loaded?.revocation?.commandKey).toBe(revocation.idempotencyKey);
    }
    for (const command of legacyCommands.filter((x) => x._id !== 'fixture-enrol-orphan')) {
      expect(await keys.commandUse(command._id)).toMatchObject({
        keyId: command.keyId,
        inputHash: command.inputHash,
      });
    }
  });

  it('answers the commands of the previous layout as before, verifies its signatures and keeps the hash chain records', async () => {
    await migrate();
    const published: DomainEvent[] = [];
    const publisher = {
      publishAll: async (events: DomainEvent[]) => (published.push(...events), events.map((e) => e.eventId)),
    } as unknown as EventPublisher;
    const keyService = new SigningKeysService(keys);
    const events = new AgreementEvents(agreements, publisher);
    const service = new AgreementsService(agreements, keyService, events);

    // The same signature command, sent again after the move: the first receipt, no new revision.
    const stored = await service.get({ actor: auditor, id: a });
    const signature = stored.rounds[0]!.signatures.find((s) => s.organisationId === orgs.biz)!;
    const command: SignCommand = {
      idempotencyKey: 'fixture-sign-a-03',
      actor: { userId: signature.signatoryUserId, role: 'partner', organisationId: orgs.biz },
      agreementId: a,
      versionNumber: 2,
      signature: {
        organisationId: orgs.biz,
        keyId: signature.keyId,
        contentHash: signature.contentHash,
        value: signature.value,
      },
    };
    expect(await service.sign(command)).toEqual({
      agreementId: a,
      versionNumber: 2,
      roundNumber: 1,
      signature,
    });
    expect(
      await service.sign({ ...command, versionNumber: 3 }).catch((error: Error) => error.message),
    ).toContain('IDEMPOTENCY_KEY_REUSED');
    expect((await agreements.store.history(a)).length).toBe(8);
    // The create key too: its input hash came along.
    const created = revisionsOf(a)[0]!;
    const recreate = {
      idempotencyKey: 'fixture-create-a',
      actor: coordinator,
      agreement: {
        kind: 'mou' as const,
        partnershipId: created.partnershipId,
        fields: created.versions[0]!.content.fields,
      },
    };
    expect((await service.create(recreate)).id).toBe(a);

    // Every signature verifies with the moved keys (biz signed with the key its rotation enrolled).
    for (const versionNumber of [2, 3]) {
      expect(await service.verify({ actor: auditor, agreementId: a, versionNumber })).toMatchObject({
        valid: true,
        contentIntact: true,
      });
    }
    // Each signature still hashes to the record its event announced, so the partnership's chain still links it.
    const announced = legacyRevisions.flatMap((r) => r.outbox).filter((e) => e.type.endsWith('.signed'));
    for (const id of [a, b, c, d]) {
      const agreement = await service.get({ actor: auditor, id });
      for (const round of agreement.rounds) {
        for (const s of round.signatures) {
          const event = announced.find(
            (e) => e.data.recordId === signatureRecordId(id, round.number, s.organisationId),
          )!;
          expect(
            signatureRecordHash({
              agreementId: id,
              versionNumber: round.versionNumber,
              roundNumber: round.number,
              signature: s,
            }),
          ).toBe(event.data.recordHash);
        }
      }
    }
    // Commands go on from where the previous layout stopped: cso declines d, whose signature's events are still pending; both go out, in order.
    await service.decline({
      idempotencyKey: 'after-the-move',
      actor: { userId: 'signer-yayasan-air-desa', role: 'partner', organisationId: orgs.cso },
      agreementId: d,
      versionNumber: 1,
      decline: { organisationId: orgs.cso, reason: 'Kami menunggu keputusan pengurus.' },
    });
    expect((await agreements.store.history(d)).map((r) => r.idempotencyKey)).toEqual([
      '~create',
      'fixture-open-d',
      'fixture-sign-d-01',
      'after-the-move',
    ]);
    expect(await events.flush(d)).toBe(true);
    expect(published.map((e) => e.type)).toEqual(['agreements.mou.signed', 'agreements.mou.declined']);
    expect((await service.get({ actor: auditor, id: d })).status).toBe('declined');
    // The keys: a repeat of an enrolment the previous layout only noted answers as then; its key for other input is refused.
    const gov = legacyKeys.find((k) => k.organisationId === orgs.gov)!;
    const govActor: Actor = { userId: gov.userId, role: 'partner', organisationId: orgs.gov };
    const again = await keyService.enrol({
      idempotencyKey: 'fixture-enrol-01-again',
      actor: govActor,
      key: { userId: gov.userId, organisationId: gov.organisationId, publicKey: gov.publicKey },
    });
    expect(again.keyId).toBe(gov._id);
    const cso = legacyKeys.find((k) => k.organisationId === orgs.cso)!;
    const reused = await keyService
      .enrol({
        idempotencyKey: 'fixture-enrol-01-again',
        actor: { userId: cso.userId, role: 'partner', organisationId: orgs.cso },
        key: { userId: cso.userId, organisationId: cso.organisationId, publicKey: cso.publicKey },
      })
      .catch((error: Error) => error.message);
    expect(reused).toContain('IDEMPOTENCY_KEY_REUSED');
    // The revocation that stands answers its own repeat; the second one is refused as before.
    const revoked = legacyRevocations.find((r) => r.kind === 'revoked')!;
    const owner = legacyKeys.find((k) => k._id === revoked._id)!;
    const ownerActor: Actor = { userId: owner.userId, role: 'partner', organisationId: owner.organisationId };
    expect(
      (
        await keyService.revoke({
          idempotencyKey: 'fixture-revoke-05',
          actor: ownerActor,
          keyId: owner._id,
          revocation: { reason: revoked.reason! },
        })
      ).revocation,
    ).toMatchObject({ kind: 'revoked', revokedAt: revoked.revokedAt });
    expect(
      await keyService
        .revoke({
          idempotencyKey: 'fixture-revoke-05-again',
          actor: { userId: 'admin-fixture', role: 'admin' },
          keyId: owner._id,
          revocation: { reason: 'Dicabut sekali lagi oleh admin.' },
        })
        .catch((error: Error) => error.message),
    ).toContain('KEY_REVOKED');
  });

  it('finishes a run that died half-way, and two replicas migrating at once move each revision once', async () => {
    // A first run that moved everything but died before dropping the old collections, and lost some of its writes.
    const dropCollection = jest
      .spyOn(connection.db!, 'dropCollection')
      .mockRejectedValue(new Error('the process was killed'));
    await expect(migrateLegacyKeys(connection, keys, quiet)).rejects.toThrow('killed');
    await expect(migrateLegacyAgreements(connection, agreements, quiet)).rejects.toThrow('killed');
    dropCollection.mockRestore();
    await connection.collection(agreementLogCollection).deleteMany({ aggregateId: a, revision: { $gte: 5 } });
    await connection
      .collection(signingKeyLogCollection)
      .deleteMany({ aggregateId: legacyRevocations[0]!._id, revision: 2 });

    const other = await mongoose
      .createConnection(systemEnv().MONGO_URL, { dbName: connection.db!.databaseName })
      .asPromise();
    try {
      const reports = await Promise.all([migrate(connection), migrate(other)]);
      expect(reports.map((r) => [...r.agreements.problems, ...r.keys.problems])).toEqual([[], []]);
      expect(reports[0]!.agreements.moved + reports[1]!.agreements.moved).toBe(4);
      expect(reports[0]!.keys.moved + reports[1]!.keys.moved).toBe(1);
    } finally {
      await other.close();
    }
    expect(await connection.collection(agreementLogCollection).countDocuments()).toBe(20);
    expect(await collectionNames()).toEqual(
      [agreementLogCollection, agreementDirectoryCollection, signingKeyLogCollection].sort(),
    );
    expect((await agreements.load(a))?.state.effectiveVersion).toBe(3);
  });

  it('keeps the old collections, and says so, when the log holds something else under one of their ids or a document is not understood', async () => {
    // The new service wrote revision 3 of d (a decline, say) while the old one wrote its signature there.
    const [, , signed] = revisionsOf(d);
    await agreements.store.importRevision({
      id: signed!._id,
      aggregateId: d,
      revision: 3,
      idempotencyKey: 'another-command',
      inputHash: 'other',
      change: { at: signed!.writtenAt },
      events: [],
      published: true,
      recordedAt: new Date(),
    });
    await connection
      .collection('agreement_revisions')
      .insertOne({ _id: 'stray' as never, note: 'not a revision' });

    const report = await migrateLegacyAgreements(connection, agreements, quiet);
    expect(report.problems).toEqual([
      'stray is not an agreement revision',
      `${d}:3 differs from the revision the agreement log holds under that id`,
    ]);
    expect(report.dropped).toEqual([]);
    expect(quiet.error).toHaveBeenCalledWith(
      expect.stringContaining('kept agreement_revisions and agreements'),
    );
    expect(await connection.collection('agreement_revisions').countDocuments()).toBe(
      legacyRevisions.length + 1,
    );
    expect(await connection.collection('agreements').countDocuments()).toBe(4);
    // Everything else was moved, and a second run changes nothing and says the same.
    expect((await migrateLegacyAgreements(connection, agreements, quiet)).problems).toEqual(report.problems);
    expect(canonicalize((await agreements.load(a))?.state)).toBe(
      canonicalize(legacyState(revisionsOf(a).at(-1)!)),
    );
  });
});
