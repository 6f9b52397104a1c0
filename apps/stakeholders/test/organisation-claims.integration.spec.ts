import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import {
  duplicateOfError,
  ErrorCode,
  type CreateOrganisationInput,
  type DuplicateOrganisationPage,
  type ErrorBody,
  type Organisation,
  StakeholdersContracts,
} from '@mitra/contracts';
import { organisationIdentity } from '@mitra/domain';
import { httpStatusOf } from '@mitra/platform';
import { freePorts, startApp, startNats, type ManagedProcess } from '@mitra/stack';
import { systemEnv, systemKeysDir } from '@mitra/testing';
import { organisationClaimKey } from '../src/organisations/organisation-claim';
import { actors, key, organisationInput, StakeholdersCaller, stakeholdersDatabase } from './stakeholders-caller';

const concurrent = 8;

type Outcome = { ok: true; organisation: Organisation } | { ok: false; error: ErrorBody };

describe('stakeholders service: one organisation per normalised name and region, claimed atomically', () => {
  const service = new StakeholdersCaller();
  let database: mongoose.Connection;
  let organisations: mongoose.Collection;

  beforeAll(async () => {
    database = await stakeholdersDatabase();
    organisations = database.collection('organisations');
  });
  afterAll(async () => {
    await service.close();
    await database.close();
  });

  const settle = (sends: Array<Promise<Organisation>>): Promise<Outcome[]> =>
    Promise.all(sends.map((send) => send.then((organisation): Outcome => ({ ok: true, organisation }), (error: ErrorBody): Outcome => ({ ok: false, error }))));
  const register = (organisation: CreateOrganisationInput, idempotencyKey = key('race'), acknowledgeDuplicate = false) =>
    service.send<Organisation>(StakeholdersContracts.CreateOrganisation.subject, { idempotencyKey, actor: actors.coordinator, organisation, acknowledgeDuplicate });
  /** Every stored record with the normalised name and region of `input`, however it was spelt. */
  const storedLike = (input: CreateOrganisationInput) => {
    const { nameKey, regionKeys } = organisationIdentity(input);
    return organisations.find({ nameKey, 'regionKeys.province': regionKeys.province, 'regionKeys.regency': regionKeys.regency }).toArray();
  };
  const claimOf = async (id: string) => (await organisations.findOne({ _id: new mongoose.Types.ObjectId(id) }))?.identityClaim as string | undefined;

  it(`lets exactly one of ${concurrent} concurrent registrations of one new organisation through, and refuses the rest with 409 naming it`, async () => {
    const marker = randomUUID().slice(0, 8);
    // Spellings that duplicate detection normalises to one name, in one regency.
    const spellings = [`PT. Sumber Air ${marker} Tbk.`, `sumber air ${marker}`, `SUMBER  AIR ${marker}`, `Air, Sumber ${marker}`];
    const commands = Array.from({ length: concurrent }, (_, i) => ({
      idempotencyKey: key('race'),
      organisation: organisationInput({ name: spellings[i % spellings.length], region: i % 2 ? { province: 'Provinsi Jawa Barat', regency: 'kota bandung' } : { province: 'Jawa Barat', regency: 'Kota Bandung' } }),
    }));

    const outcomes = await settle(commands.map((command) => register(command.organisation, command.idempotencyKey)));

    const created = outcomes.flatMap((outcome) => (outcome.ok ? [outcome.organisation] : []));
    const refused = outcomes.flatMap((outcome) => (outcome.ok ? [] : [outcome.error]));
    expect(created).toHaveLength(1);
    expect(refused).toHaveLength(concurrent - 1);
    const [winner] = created;
    for (const error of refused) {
      expect(error.code).toBe(ErrorCode.Conflict);
      expect(httpStatusOf(error.code)).toBe(409);
      expect(duplicateOfError(error)).toEqual({ id: winner.id, name: winner.name });
    }
    const stored = await storedLike(commands[0].organisation);
    expect(stored.map((record) => record._id.toString())).toEqual([winner.id]);
    expect(stored[0].identityClaim).toBe(organisationClaimKey(commands[0].organisation));

    // Idempotency is kept: the winning command repeated answers its record; a refused one is refused again.
    const winning = commands[outcomes.findIndex((outcome) => outcome.ok)];
    expect(await register(winning.organisation, winning.idempotencyKey)).toEqual(winner);
    const losing = commands[outcomes.findIndex((outcome) => !outcome.ok)];
    const again = await service.error(StakeholdersContracts.CreateOrganisation.subject, { idempotencyKey: losing.idempotencyKey, actor: actors.coordinator, organisation: losing.organisation });
    expect(duplicateOfError(again)?.id).toBe(winner.id);
    expect(await storedLike(commands[0].organisation)).toHaveLength(1);
  });

  it('answers every concurrent repeat of one registration with the one record it wrote', async () => {
    const input = organisationInput();
    const idempotencyKey = key('repeat');
    const outcomes = await settle(Array.from({ length: concurrent }, () => register(input, idempotencyKey)));

    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    const ids = new Set(outcomes.map((outcome) => (outcome.ok ? outcome.organisation.id : '')));
    expect(ids.size).toBe(1);
    expect(await storedLike(input)).toHaveLength(1);
  });

  it('registers, side by side, the same name in another regency or province and a name that normalises differently', async () => {
    const base = organisationInput({ name: `Yayasan Kasih ${randomUUID().slice(0, 8)} Ibu` });
    const others = [
      base,
      { ...base, region: { province: 'Jawa Barat', regency: 'Kabupaten Bandung' } },
      { ...base, region: { province: 'Bali', regency: 'Kota Bandung' } },
      { ...base, name: base.name.replace(/Ibu$/, 'Anak') },
    ];
    const outcomes = await settle(others.map((input) => register(input)));

    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true, true, true]);
    const ids = outcomes.map((outcome) => (outcome.ok ? outcome.organisation.id : ''));
    expect(new Set(ids).size).toBe(4);
    expect(await Promise.all(ids.map(claimOf))).toEqual(others.map(organisationClaimKey));
  });

  it('registers an acknowledged duplicate without a claim, leaving the claim with the first record', async () => {
    const existing = await service.createOrganisation();
    const { id, version, createdAt, createdBy, updatedAt, updatedBy, ...input } = existing;
    void [version, createdAt, createdBy, updatedAt, updatedBy];
    const acknowledged = await register({ ...input, name: input.name.toUpperCase() }, key('ack'), true);

    expect(await claimOf(id)).toBe(organisationClaimKey(input));
    expect(await claimOf(acknowledged.id)).toBeUndefined();
    expect((await organisations.findOne({ _id: new mongoose.Types.ObjectId(acknowledged.id) }))?.acknowledgedDuplicateOf).toEqual([id]);
  });

  describe('renaming', () => {
    const rename = (organisation: Organisation, name: string, idempotencyKey = key('rename')) => {
      const { id, version, createdAt, createdBy, updatedAt, updatedBy, ...input } = organisation;
      void [createdAt, createdBy, updatedAt, updatedBy];
      return service.send<Organisation>(StakeholdersContracts.UpdateOrganisation.subject, {
        idempotencyKey,
        actor: actors.admin,
        id,
        basedOnVersion: version,
        organisation: { ...input, name },
      });
    };

    it('moves the claim to the new name and frees the old one', async () => {
      const created = await service.createOrganisation();
      const newName = `Yayasan Baru ${randomUUID().slice(0, 8)}`;
      const renamed = await rename(created, newName);

      expect(await claimOf(created.id)).toBe(organisationClaimKey({ ...renamed, name: newName }));
      const { id, version, createdAt, createdBy, updatedAt, updatedBy, ...oldInput } = created;
      void [id, version, createdAt, createdBy, updatedAt, updatedBy];
      const again = await register(oldInput);
      expect(await claimOf(again.id)).toBe(organisationClaimKey(oldInput));
    });

    it('lets one of a rename and concurrent registrations into one new name through', async () => {
      const created = await service.createOrganisation();
      const wanted = organisationInput({ name: `Forum Rembug ${randomUUID().slice(0, 8)}`, region: created.region });
      const outcomes = await settle([rename(created, wanted.name), ...Array.from({ length: 4 }, () => register(wanted))]);

      const through = outcomes.flatMap((outcome) => (outcome.ok ? [outcome.organisation] : []));
      expect(through).toHaveLength(1);
      for (const outcome of outcomes) if (!outcome.ok) expect(duplicateOfError(outcome.error)?.id).toBe(through[0].id);
      const stored = await storedLike(wanted);
      expect(stored.map((record) => record._id.toString())).toEqual([through[0].id]);
      expect(stored[0].identityClaim).toBe(organisationClaimKey(wanted));
      if (through[0].id !== created.id) {
        // The rename was refused before writing anything: the record keeps its name and its claim.
        const current = await service.send<Organisation>(StakeholdersContracts.GetOrganisation.subject, { actor: actors.admin, id: created.id });
        expect(current).toMatchObject({ version: 1, name: created.name });
        expect(await claimOf(created.id)).toBe(organisationClaimKey(created));
      }
    });
  });

  describe('existing organisations, from before claims', () => {
    let instance: ManagedProcess | undefined;
    let nats: ManagedProcess | undefined;
    afterAll(async () => {
      await instance?.stop();
      await nats?.stop();
    });

    /** A record as the previous version of the service wrote it: no claim. */
    const legacy = (input: CreateOrganisationInput, fields: object = {}) => {
      const identity = organisationIdentity(input);
      const now = new Date();
      return {
        _id: new mongoose.Types.ObjectId(),
        ...input,
        resourceKinds: [],
        sortName: input.name.toLowerCase(),
        nameKey: identity.nameKey,
        regionKeys: identity.regionKeys,
        acknowledgedDuplicateOf: [],
        version: 1,
        createdAt: now,
        createdBy: 'earlier',
        updatedAt: now,
        updatedBy: 'earlier',
        idempotencyKey: key('earlier'),
        inputHash: 'earlier',
        ...fields,
      };
    };

    it('get their claim when the service starts, and two that already collide are both kept and listed', async () => {
      const lone = legacy(organisationInput());
      const collidingInput = organisationInput();
      const [older, younger] = [legacy(collidingInput), legacy({ ...collidingInput, name: collidingInput.name.toLowerCase() })];
      // A rename stopped after moving the claim: the record still has its old name, and the record now
      // named as the claim says waits for it.
      const [oldName, newName] = [organisationInput(), organisationInput()];
      const stopped = legacy(oldName, { identityClaim: organisationClaimKey(newName) });
      const waiting = legacy(newName);
      await organisations.insertMany([younger, waiting, lone, stopped, older].map((record) => ({ ...record })));

      // A stakeholders instance of its own (own NATS, same database): its start-up settles the claims.
      const { MONGO_URL, MITRA_TEST_DATA_DIR } = systemEnv();
      const [natsPort] = await freePorts(1);
      const dataDir = path.join(MITRA_TEST_DATA_DIR, `stakeholders-claims-${randomUUID().slice(0, 8)}`);
      const ownNats = await startNats(dataDir, natsPort);
      nats = ownNats.process;
      instance = await startApp('stakeholders', {
        env: { NATS_URL: `nats://127.0.0.1:${natsPort}`, MONGO_URL },
        natsCredentialsDir: ownNats.credentialsDir,
        keysDir: systemKeysDir(),
        logDir: dataDir,
      });

      const claim = async (record: { _id: mongoose.Types.ObjectId }) => (await organisations.findOne({ _id: record._id }))?.identityClaim;
      expect(await claim(lone)).toBe(organisationClaimKey(lone));
      expect(await claim(older)).toBe(organisationClaimKey(collidingInput));
      expect(await claim(younger)).toBeUndefined();
      expect(await claim(stopped)).toBe(organisationClaimKey(oldName));
      expect(await claim(waiting)).toBe(organisationClaimKey(newName));
      expect(await organisations.countDocuments({ _id: { $in: [older._id, younger._id] } })).toBe(2);

      const report = await service.send<DuplicateOrganisationPage>(StakeholdersContracts.ListDuplicateOrganisations.subject, { actor: actors.auditor, onlyUnacknowledged: true, limit: 100 });
      const pair = report.pairs.find((p) => [p.first.id, p.second.id].sort().join() === [older._id.toString(), younger._id.toString()].sort().join());
      expect(pair).toMatchObject({ acknowledged: false });
    }, 180_000);
  });
});
