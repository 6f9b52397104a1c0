import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import {
  duplicateOfError,
  duplicateOfField,
  duplicateOfNameField,
  ErrorCode,
  organisationEventTypes,
  type DomainEvent,
  type DuplicateOrganisationPage,
  type Organisation,
  type OrganisationPage,
  type OrganisationVersion,
  StakeholdersContracts,
} from '@mitra/contracts';
import { organisationEvent, organisationIdentity, organisationSortKey } from '@mitra/domain';
import { organisationClaimKey } from '../src/organisations/organisation-claim';
import { actors, key, organisationInput, StakeholdersCaller, stakeholdersDatabase, storedEvents } from './stakeholders-caller';

describe('stakeholders service: organisations over NATS', () => {
  const service = new StakeholdersCaller();
  let database: mongoose.Connection;
  let organisations: mongoose.Collection;
  let revisions: mongoose.Collection;

  beforeAll(async () => {
    database = await stakeholdersDatabase();
    organisations = database.collection('organisations');
    revisions = database.collection('organisation_revisions');
  });
  afterAll(async () => {
    await service.close();
    await database.close();
  });

  describe('registering', () => {
    it('records sector, region down to the village, contacts, resources and the vulnerable groups represented', async () => {
      const input = organisationInput({
        sector: 'community',
        region: { province: 'Jawa Barat', regency: 'Kota Bandung', district: 'Batununggal', village: 'Cibangkong' },
        resources: [{ kind: 'labour', note: 'kader posyandu' }, { kind: 'geographic_reach' }],
        vulnerableGroups: ['women', 'poor'],
      });
      const created = await service.send<Organisation>(StakeholdersContracts.CreateOrganisation.subject, { idempotencyKey: key(), actor: actors.coordinator, organisation: input });

      expect(created).toMatchObject({ ...input, version: 1, createdBy: actors.coordinator.userId, updatedBy: actors.coordinator.userId });
      const read = await service.send<Organisation>(StakeholdersContracts.GetOrganisation.subject, { actor: actors.auditor, id: created.id });
      expect(read).toEqual(created);
    });

    it('refuses a partner or an auditor registering an organisation, and stores nothing', async () => {
      const input = organisationInput();
      for (const actor of [actors.partnerOf('0123456789abcdef01234567'), actors.auditor]) {
        const error = await service.error(StakeholdersContracts.CreateOrganisation.subject, { idempotencyKey: key(), actor, organisation: input });
        expect(error.code).toBe(ErrorCode.Forbidden);
      }
      expect(await organisations.countDocuments({ name: input.name })).toBe(0);
    });

    it('refuses a district without its regency and a village without its district, with field errors', async () => {
      const error = await service.error(StakeholdersContracts.CreateOrganisation.subject, {
        idempotencyKey: key(),
        actor: actors.admin,
        organisation: organisationInput({ region: { province: 'Jawa Barat', village: 'Cibangkong' } }),
      });
      expect(error.code).toBe(ErrorCode.ValidationFailed);
      expect(error.errors).toEqual([expect.objectContaining({ field: 'organisation.region.district', reason: 'is required when a village is given' })]);
    });
  });

  describe('duplicate detection on name and region', () => {
    it('refuses a likely duplicate with 409 naming the existing record by id and name, and stores nothing', async () => {
      const existing = await service.createOrganisation({ name: `PT. Bumi Hijau ${key('n')}`, region: { province: 'Jawa Barat', regency: 'Kota Bandung' } });
      const lookalike = `bumi  HIJAU ${existing.name.slice('PT. Bumi Hijau '.length)} tbk`;

      const error = await service.error(StakeholdersContracts.CreateOrganisation.subject, {
        idempotencyKey: key(),
        actor: actors.coordinator,
        organisation: organisationInput({ name: lookalike, region: { province: 'Provinsi Jawa Barat', regency: 'kota bandung' } }),
      });

      expect(error.code).toBe(ErrorCode.Conflict);
      expect(error.errors).toEqual([
        expect.objectContaining({ field: duplicateOfField, reason: existing.id }),
        expect.objectContaining({ field: duplicateOfNameField, reason: existing.name }),
      ]);
      expect(duplicateOfError(error)).toEqual({ id: existing.id, name: existing.name });
      expect(await organisations.countDocuments({ name: lookalike })).toBe(0);
    });

    it('registers the same name in another regency without complaint', async () => {
      const existing = await service.createOrganisation({ region: { province: 'Jawa Barat', regency: 'Kota Bandung' } });
      const other = await service.createOrganisation({ name: existing.name, region: { province: 'Jawa Barat', regency: 'Kabupaten Bandung' } });
      expect(other.id).not.toBe(existing.id);
    });

    it('registers a likely duplicate when the command acknowledges it, and reports the pair as acknowledged', async () => {
      const existing = await service.createOrganisation();
      const acknowledged = await service.send<Organisation>(StakeholdersContracts.CreateOrganisation.subject, {
        idempotencyKey: key(),
        actor: actors.coordinator,
        organisation: organisationInput({ name: existing.name.toUpperCase() }),
        acknowledgeDuplicate: true,
      });

      const report = await service.send<DuplicateOrganisationPage>(StakeholdersContracts.ListDuplicateOrganisations.subject, { actor: actors.auditor, limit: 100 });
      const pair = report.pairs.find((p) => [p.first.id, p.second.id].sort().join() === [existing.id, acknowledged.id].sort().join());
      expect(pair?.acknowledged).toBe(true);

      const unacknowledged = await service.send<DuplicateOrganisationPage>(StakeholdersContracts.ListDuplicateOrganisations.subject, {
        actor: actors.admin,
        onlyUnacknowledged: true,
        limit: 100,
      });
      expect(unacknowledged.pairs.some((p) => p.first.id === existing.id || p.second.id === existing.id)).toBe(false);
    });

    it('lists a suspected pair that entered without acknowledgement, as from an import or two racing registrations', async () => {
      const existing = await service.createOrganisation();
      // Written past the service, as records that predate the check would be.
      const input = organisationInput({ name: `Yayasan ${existing.name.replace(/^Yayasan /, '').toLowerCase()}`, region: { province: 'Jawa Barat' } });
      const identity = organisationIdentity(input);
      const now = new Date();
      const { insertedId } = await organisations.insertOne({
        ...input,
        resourceKinds: [],
        sortName: input.name.toLowerCase(),
        nameKey: identity.nameKey,
        regionKeys: identity.regionKeys,
        acknowledgedDuplicateOf: [],
        version: 1,
        createdAt: now,
        createdBy: 'import',
        updatedAt: now,
        updatedBy: 'import',
        idempotencyKey: key('import'),
        inputHash: 'import',
      });

      const report = await service.send<DuplicateOrganisationPage>(StakeholdersContracts.ListDuplicateOrganisations.subject, {
        actor: actors.coordinator,
        onlyUnacknowledged: true,
        limit: 100,
      });
      const pair = report.pairs.find((p) => [p.first.id, p.second.id].sort().join() === [existing.id, insertedId.toString()].sort().join());
      expect(pair).toMatchObject({ acknowledged: false });
      expect(report.total).toBeGreaterThanOrEqual(1);
    });

    it('keeps the duplicate report from partners', async () => {
      const error = await service.error(StakeholdersContracts.ListDuplicateOrganisations.subject, { actor: actors.partnerOf('0123456789abcdef01234567') });
      expect(error.code).toBe(ErrorCode.Forbidden);
    });
  });

  describe('search and lists', () => {
    const marker = key('cari').slice(-8);
    let seeded: Organisation[];

    beforeAll(async () => {
      seeded = [];
      const specs = [
        { name: `Forum CSR (${marker}) Bandung`, sector: 'business', region: { province: 'Jawa Barat', regency: 'Kota Bandung' }, resources: [{ kind: 'funds' }, { kind: 'network' }] },
        { name: `forum csr ${marker} Cimahi`, sector: 'business', region: { province: 'Jawa Barat', regency: 'Kota Cimahi' }, resources: [{ kind: 'funds' }] },
        { name: `Yayasan ${marker} Perempuan`, sector: 'cso', region: { province: 'Jawa Barat', regency: 'Kota Bandung', district: 'Coblong' }, resources: [{ kind: 'expertise' }, { kind: 'funds' }] },
        { name: `LPM ${marker} Denpasar`, sector: 'community', region: { province: 'Bali', regency: 'Kota Denpasar' }, resources: [] },
        { name: `Media ${marker}.*`, sector: 'media', region: { province: 'Bali' }, resources: [{ kind: 'network' }] },
      ] as const;
      for (const spec of specs) seeded.push(await service.createOrganisation({ ...spec, resources: [...spec.resources] }));
    });

    const list = (filter: object, extra: object = {}) =>
      service.send<OrganisationPage>(StakeholdersContracts.ListOrganisations.subject, { actor: actors.partnerOf(seeded[0].id), filter, ...extra });
    const names = (page: OrganisationPage) => page.items.map((organisation) => organisation.name);
    /** The database's order of strings. */
    const binary = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

    it('finds organisations by the beginnings of the words of their name, in any order, case and accents aside', async () => {
      const page = await list({ name: 'FORUM csr', sectors: ['business'] });
      expect(names(page)).toEqual(expect.arrayContaining([seeded[0].name, seeded[1].name]));
      expect(names(await list({ name: marker.toUpperCase() }))).toHaveLength(5);
      expect(names(await list({ name: marker.slice(0, 5) }))).toHaveLength(5);
      expect(names(await list({ name: `Bandung fórum ${marker}` }))).toEqual([seeded[0].name]);
      expect(names(await list({ name: `perem ${marker.slice(0, 3)}` }))).toEqual([seeded[2].name]);
      // Inside a word is not the beginning of one.
      expect(names(await list({ name: `x${marker.slice(1)}` }))).toEqual([]);
    });

    it('ignores punctuation and regular-expression characters in the name, and finds nothing for punctuation alone', async () => {
      expect(names(await list({ name: `${marker}.*` }))).toHaveLength(5);
      expect(names(await list({ name: `(${marker})` }))).toHaveLength(5);
      expect(names(await list({ name: `${marker}|Yayasan` }))).toEqual([seeded[2].name]);
      expect(await list({ name: '.*' })).toEqual({ items: [], total: { count: 0, exact: true }, limit: 20, nextCursor: null });
    });

    it('filters by sector, by region in any spelling, and by resources the organisation has all of', async () => {
      expect(names(await list({ name: marker, sectors: ['cso', 'community'] })).sort()).toEqual([seeded[2].name, seeded[3].name].sort());
      expect(names(await list({ name: marker, region: { province: 'provinsi  jawa barat', regency: 'KOTA BANDUNG' } })).sort()).toEqual([seeded[0].name, seeded[2].name].sort());
      expect(names(await list({ name: marker, region: { province: 'Jawa Barat', district: 'coblong' } }))).toEqual([seeded[2].name]);
      expect(names(await list({ name: marker, resources: ['funds', 'network'] }))).toEqual([seeded[0].name]);
      expect(names(await list({ name: marker, vulnerableGroups: ['women'] }))).toHaveLength(5);
    });

    it('pages through a filtered list with a cursor in name order, counting what it has shown until the last page gives the total', async () => {
      const first = await list({ name: marker }, { limit: 2 });
      const second = await list({ name: marker }, { limit: 2, cursor: first.nextCursor });
      const third = await list({ name: marker }, { limit: 2, cursor: second.nextCursor });

      expect([first.total, second.total, third.total]).toEqual([
        { count: 2, exact: false },
        { count: 4, exact: false },
        { count: 5, exact: true },
      ]);
      expect(third.nextCursor).toBeNull();
      const all = [...names(first), ...names(second), ...names(third)];
      expect(all).toEqual([...seeded.map((o) => o.name)].sort((a, b) => binary(organisationSortKey(a), organisationSortKey(b))));
    });

    it('lists every organisation in name order a page at a time, and filters without a name', async () => {
      const first = await list({}, { limit: 3 });
      const second = await list({}, { limit: 3, cursor: first.nextCursor });
      const keys = [...first.items, ...second.items].map((o) => [organisationSortKey(o.name), o.id] as const);
      expect(keys).toEqual([...keys].sort(([a, x], [b, y]) => binary(a, b) || binary(x, y)));
      expect(second.total).toEqual({ count: 6, exact: false });
      const inBali = await list({ region: { province: 'bali' }, sectors: ['media', 'community'] }, { limit: 100 });
      expect(names(inBali)).toEqual(expect.arrayContaining([seeded[3].name, seeded[4].name]));
      expect(inBali.items.every((o) => o.region.province === 'Bali' && ['media', 'community'].includes(o.sector))).toBe(true);
    });

    it('refuses a page size above 100 and a forged cursor with field errors', async () => {
      const tooMany = await service.error(StakeholdersContracts.ListOrganisations.subject, { actor: actors.admin, limit: 101 });
      expect(tooMany.errors).toEqual([expect.objectContaining({ field: 'limit', reason: 'must be at most 100' })]);
      const forged = await service.error(StakeholdersContracts.ListOrganisations.subject, {
        actor: actors.admin,
        cursor: Buffer.from(JSON.stringify([{ $gt: '' }, 'x'])).toString('base64url'),
      });
      expect(forged.errors).toEqual([expect.objectContaining({ field: 'cursor', reason: 'must be a cursor returned by a previous page' })]);
    });
  });

  describe('NoSQL operator injection', () => {
    it.each([
      ['an operator object for the name', { name: { $ne: null } }, 'filter.name'],
      ['an operator object for the sectors', { sectors: { $in: ['cso'] } }, 'filter.sectors'],
      ['a $where clause', { $where: 'sleep(1000) || true' }, 'filter.$where'],
      ['a $regex for the province', { region: { province: { $regex: '.*' } } }, 'filter.region.province'],
      ['a __proto__ key', JSON.parse('{"__proto__": {"isAdmin": true}}'), 'filter.__proto__'],
    ])('refuses %s in a list filter with a field error', async (_, filter, field) => {
      const error = await service.error(StakeholdersContracts.ListOrganisations.subject, { actor: actors.admin, filter });
      expect(error.code).toBe(ErrorCode.ValidationFailed);
      expect(error.errors?.map((e) => e.field)).toContain(field);
    });

    it('refuses operators in a command, storing nothing', async () => {
      const before = await organisations.countDocuments();
      const error = await service.error(StakeholdersContracts.CreateOrganisation.subject, {
        idempotencyKey: { $ne: null },
        actor: actors.admin,
        organisation: { ...organisationInput(), name: { $gt: '' }, region: JSON.parse('{"province":"Bali","__proto__":{"x":1}}') },
      });
      expect(error.errors?.map((e) => e.field).sort()).toEqual(['idempotencyKey', 'organisation.name', 'organisation.region.__proto__']);
      expect(await organisations.countDocuments()).toBe(before);
    });

    it('refuses an operator in place of an id', async () => {
      const error = await service.error(StakeholdersContracts.GetOrganisation.subject, { actor: actors.admin, id: { $ne: null } });
      expect(error.errors).toEqual([expect.objectContaining({ field: 'id', reason: expect.any(String) })]);
    });
  });

  describe('updating', () => {
    const update = (organisation: Organisation, changes: object, options: { actor?: object; key?: string; basedOnVersion?: number; acknowledgeDuplicate?: boolean } = {}) => {
      const { id, version, createdAt, createdBy, updatedAt, updatedBy, ...input } = organisation;
      void [createdAt, createdBy, updatedAt, updatedBy];
      return {
        idempotencyKey: options.key ?? key('upd'),
        actor: options.actor ?? actors.coordinator,
        id,
        basedOnVersion: options.basedOnVersion ?? version,
        organisation: { ...input, ...changes },
        ...(options.acknowledgeDuplicate ? { acknowledgeDuplicate: true } : {}),
      };
    };

    it('writes the next version against the version read, and keeps every earlier version', async () => {
      const created = await service.createOrganisation({ resources: [] });
      const updated = await service.send<Organisation>(StakeholdersContracts.UpdateOrganisation.subject, update(created, { resources: [{ kind: 'funds', note: 'APBD' }] }));

      expect(updated).toMatchObject({ id: created.id, version: 2, resources: [{ kind: 'funds', note: 'APBD' }], createdAt: created.createdAt });
      const versions = await service.send<OrganisationVersion[]>(StakeholdersContracts.ListOrganisationVersions.subject, { actor: actors.auditor, id: created.id });
      expect(versions.map((v) => [v.version, v.resources.length])).toEqual([[1, 0], [2, 1]]);
      const found = await service.send<OrganisationPage>(StakeholdersContracts.ListOrganisations.subject, { actor: actors.admin, filter: { name: created.name, resources: ['funds'] } });
      expect(found.items.map((o) => o.id)).toEqual([created.id]);
    });

    it('answers a repeated update with its first result and refuses its key for a different change', async () => {
      const created = await service.createOrganisation();
      const command = update(created, { contacts: [] });
      const [first, second] = await Promise.all([
        service.send<Organisation>(StakeholdersContracts.UpdateOrganisation.subject, command),
        service.send<Organisation>(StakeholdersContracts.UpdateOrganisation.subject, command),
      ]);
      const later = await service.send<Organisation>(StakeholdersContracts.UpdateOrganisation.subject, update(first, { vulnerableGroups: [] }));
      const repeated = await service.send<Organisation>(StakeholdersContracts.UpdateOrganisation.subject, command);

      expect(second).toEqual(first);
      expect(repeated).toEqual(first);
      expect(later.version).toBe(3);
      const reused = await service.error(StakeholdersContracts.UpdateOrganisation.subject, { ...command, organisation: { ...command.organisation, name: `${created.name} baru` } });
      expect(reused.code).toBe(ErrorCode.Conflict);
      expect(await revisions.countDocuments({ aggregateId: created.id })).toBe(3);
    });

    it('lets exactly one of two concurrent edits of the same version through', async () => {
      const created = await service.createOrganisation();
      const outcomes = await Promise.allSettled(
        ['Satu', 'Dua', 'Tiga'].map((suffix) => service.send<Organisation>(StakeholdersContracts.UpdateOrganisation.subject, update(created, { name: `${created.name} ${suffix}` }))),
      );

      const winners = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
      const losers = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as { code: string }] : []));
      expect(winners).toHaveLength(1);
      expect(losers.map((loser) => loser.code)).toEqual([ErrorCode.Conflict, ErrorCode.Conflict]);
      expect(await revisions.countDocuments({ aggregateId: created.id })).toBe(2);
      const current = await service.send<Organisation>(StakeholdersContracts.GetOrganisation.subject, { actor: actors.admin, id: created.id });
      expect(current).toMatchObject({ version: 2, name: winners[0].name });
    });

    it('refuses an update based on a version that is no longer current', async () => {
      const created = await service.createOrganisation();
      await service.send(StakeholdersContracts.UpdateOrganisation.subject, update(created, { contacts: [] }));
      const stale = await service.error(StakeholdersContracts.UpdateOrganisation.subject, update(created, { vulnerableGroups: [] }));
      expect(stale.code).toBe(ErrorCode.Conflict);
      expect((await service.send<Organisation>(StakeholdersContracts.GetOrganisation.subject, { actor: actors.admin, id: created.id })).vulnerableGroups).toEqual(['women']);
    });

    it('lets a partner update its own organisation, but not another, and never an auditor', async () => {
      const own = await service.createOrganisation();
      const other = await service.createOrganisation();

      const updated = await service.send<Organisation>(StakeholdersContracts.UpdateOrganisation.subject, update(own, { contacts: [] }, { actor: actors.partnerOf(own.id) }));
      expect(updated.updatedBy).toBe(actors.partnerOf(own.id).userId);
      const foreign = await service.error(StakeholdersContracts.UpdateOrganisation.subject, update(other, { contacts: [] }, { actor: actors.partnerOf(own.id) }));
      const audited = await service.error(StakeholdersContracts.UpdateOrganisation.subject, update(other, { contacts: [] }, { actor: actors.auditor }));

      expect([foreign.code, audited.code]).toEqual([ErrorCode.Forbidden, ErrorCode.Forbidden]);
      expect((await service.send<Organisation>(StakeholdersContracts.GetOrganisation.subject, { actor: actors.admin, id: other.id })).version).toBe(1);
    });

    it('refuses renaming an organisation into a likely duplicate of another, unless acknowledged', async () => {
      const existing = await service.createOrganisation();
      const renamed = await service.createOrganisation();
      const error = await service.error(StakeholdersContracts.UpdateOrganisation.subject, update(renamed, { name: existing.name }));
      expect(duplicateOfError(error)).toEqual({ id: existing.id, name: existing.name });

      const acknowledged = await service.send<Organisation>(StakeholdersContracts.UpdateOrganisation.subject, update(renamed, { name: existing.name }, { acknowledgeDuplicate: true }));
      expect(acknowledged.name).toBe(existing.name);
      expect((await organisations.findOne({ idempotencyKey: { $exists: true }, name: existing.name, version: 2 }))?.acknowledgedDuplicateOf).toEqual([existing.id]);
    });

    it('answers 404 for an organisation that does not exist', async () => {
      const created = await service.createOrganisation();
      const error = await service.error(StakeholdersContracts.UpdateOrganisation.subject, { ...update(created, {}), id: '0123456789abcdef01234567' });
      expect(error.code).toBe(ErrorCode.NotFound);
    });
  });
  describe('events', () => {
    const eventsOf = async (organisationId: string, count: number): Promise<DomainEvent[]> => {
      for (let attempt = 0; attempt < 40; attempt++) {
        const found = (await storedEvents('events.stakeholders.organisation.>')).filter((event) => event.data.organisationId === organisationId);
        if (found.length >= count) return found;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      return [];
    };

    it('publishes stakeholders.organisation.registered and .updated once each, naming what changed, and leaves nothing pending', async () => {
      const created = await service.createOrganisation({ vulnerableGroups: [] });
      const { id, version, createdAt, createdBy, updatedAt, updatedBy, ...input } = created;
      void [version, createdAt, createdBy, updatedAt, updatedBy];
      const command = { idempotencyKey: key('upd'), actor: actors.admin, id, basedOnVersion: 1, organisation: { ...input, vulnerableGroups: ['women', 'poor'] } };
      await service.send(StakeholdersContracts.UpdateOrganisation.subject, command);
      await service.send(StakeholdersContracts.UpdateOrganisation.subject, command);

      const events = await eventsOf(id, 2);
      expect(events.map((event) => [event.eventId, event.type, event.data.version])).toEqual([
        [`${organisationEventTypes.registered}:${id}:1`, 'stakeholders.organisation.registered', 1],
        [`${organisationEventTypes.updated}:${id}:2`, 'stakeholders.organisation.updated', 2],
      ]);
      expect(events[0]).toMatchObject({ actor: actors.coordinator, organisationIds: [id], data: { name: created.name, sector: created.sector, region: created.region, by: actors.coordinator.userId } });
      expect(events[1]).toMatchObject({ actor: actors.admin, data: { changedFields: ['vulnerableGroups'], by: actors.admin.userId } });
      expect(await revisions.countDocuments({ aggregateId: id, published: false })).toBe(0);
    });

    it('finishes a write that stopped after its revision at the next sweep: the record, its claim and search keys follow, its event goes out once', async () => {
      const created = await service.createOrganisation();
      const { id, version, createdAt, createdBy, updatedAt, updatedBy, ...input } = created;
      void [version, createdAt, createdBy, updatedAt, updatedBy];
      // Revision 2 as a writer leaves it that stopped right after its append: nothing projected, nothing published.
      const renamed = { ...input, name: `Perkumpulan ${randomBytes(4).toString('hex')} Baru` };
      const at = new Date();
      const event = organisationEvent({ organisationId: id, version: 2, organisation: renamed, previous: input, at: at.toISOString(), by: 'test' });
      await revisions.insertOne({
        _id: `${id}:2`,
        aggregateId: id,
        revision: 2,
        idempotencyKey: key('crash'),
        inputHash: 'x',
        change: { organisation: renamed, acknowledgedDuplicateOf: [], at, by: 'test' },
        events: [event],
        published: false,
        recordedAt: at,
      } as never);

      let published: DomainEvent[] = [];
      for (let attempt = 0; attempt < 100 && published.length === 0; attempt++) {
        published = (await storedEvents('events.stakeholders.organisation.>')).filter((stored) => stored.eventId === event.eventId);
        if (published.length === 0) await new Promise((resolve) => setTimeout(resolve, 400));
      }
      expect(published).toHaveLength(1);
      const record = await organisations.findOne({ _id: new mongoose.Types.ObjectId(id) });
      expect(record).toMatchObject({ name: renamed.name, version: 2, identityClaim: organisationClaimKey(renamed) });
      const byNewName = await service.send<OrganisationPage>(StakeholdersContracts.ListOrganisations.subject, { actor: actors.admin, filter: { name: renamed.name } });
      expect(byNewName.items.map((o) => [o.id, o.version])).toEqual([[id, 2]]);
      const byOldName = await service.send<OrganisationPage>(StakeholdersContracts.ListOrganisations.subject, { actor: actors.admin, filter: { name: input.name } });
      expect(byOldName.items).toEqual([]);
      expect(await revisions.countDocuments({ aggregateId: id, published: false })).toBe(0);
    }, 60_000);
  });
});
