import type mongoose from 'mongoose';
import {
  ErrorCode,
  type Organisation,
  type StakeholderEntryInput,
  type StakeholderMapView,
  StakeholdersContracts,
} from '@mitra/contracts';
import { actors, key, partnershipId, StakeholdersCaller, stakeholdersDatabase, storedEvents } from './stakeholders-caller';

describe('stakeholders service: partnership stakeholder maps over NATS', () => {
  const service = new StakeholdersCaller();
  let database: mongoose.Connection;
  let mapRevisions: mongoose.Collection;
  let government: Organisation;
  let womenCso: Organisation;
  let cso: Organisation;
  let community: Organisation;
  let ministry: Organisation;

  beforeAll(async () => {
    database = await stakeholdersDatabase();
    mapRevisions = database.collection('stakeholder_map_revisions');
    government = await service.createOrganisation({ sector: 'government_regency', vulnerableGroups: [] });
    womenCso = await service.createOrganisation({ sector: 'cso', vulnerableGroups: ['women'] });
    cso = await service.createOrganisation({ sector: 'cso', vulnerableGroups: ['poor'] });
    community = await service.createOrganisation({ sector: 'community', vulnerableGroups: [] });
    ministry = await service.createOrganisation({ sector: 'government_national', vulnerableGroups: [] });
  });
  afterAll(async () => {
    await service.close();
    await database.close();
  });

  const entry = (organisation: Organisation, role: StakeholderEntryInput['role'], influence = 3, interest = 4): StakeholderEntryInput => ({
    organisationId: organisation.id,
    interest,
    influence,
    role,
  });
  const put = (partnership: string, entries: StakeholderEntryInput[], options: { basedOnVersion?: number; key?: string; actor?: object } = {}) => ({
    idempotencyKey: options.key ?? key('map'),
    actor: options.actor ?? actors.coordinator,
    partnershipId: partnership,
    map: { basedOnVersion: options.basedOnVersion ?? 0, entries },
  });

  it('writes a map and answers it with the inclusiveness summary and a passing check', async () => {
    const partnership = partnershipId();
    const view = await service.send<StakeholderMapView>(
      StakeholdersContracts.PutStakeholderMap.subject,
      put(partnership, [entry(government, 'lead', 5), entry(womenCso, 'partner'), entry(community, 'beneficiary', 2), entry(ministry, 'supporter', 5)]),
    );

    expect(view.map).toMatchObject({ partnershipId: partnership, version: 1, updatedBy: actors.coordinator.userId });
    expect(view.map.entries.map((e) => [e.name, e.sector, e.role])).toEqual([
      [government.name, 'government_regency', 'lead'],
      [womenCso.name, 'cso', 'partner'],
      [community.name, 'community', 'beneficiary'],
      [ministry.name, 'government_national', 'supporter'],
    ]);
    expect(view.check).toEqual({
      passed: true,
      flags: [],
      summary: {
        sectorsPresent: [
          { sector: 'government_national', count: 1 },
          { sector: 'government_regency', count: 1 },
          { sector: 'cso', count: 1 },
          { sector: 'community', count: 1 },
        ],
        representation: { women: [womenCso.id], people_with_disabilities: [], poor: [] },
        highInfluenceWithoutSeat: [{ organisationId: ministry.id, name: ministry.name, influence: 5, role: 'supporter' }],
      },
    });
    expect(await service.send(StakeholdersContracts.GetStakeholderMap.subject, { actor: actors.auditor, partnershipId: partnership })).toEqual(view);
  });

  it('flags a map without a community group or anyone representing women', async () => {
    const partnership = partnershipId();
    const view = await service.send<StakeholderMapView>(StakeholdersContracts.PutStakeholderMap.subject, put(partnership, [entry(government, 'lead'), entry(cso, 'partner')]));
    expect(view.check).toMatchObject({ passed: false, flags: ['no_community', 'no_women_representation'] });
  });

  it('publishes stakeholders.map.updated and stakeholders.map.checked from the outbox, and marks them sent', async () => {
    const partnership = partnershipId();
    await service.send(StakeholdersContracts.PutStakeholderMap.subject, put(partnership, [entry(government, 'lead'), entry(cso, 'partner')]));

    const events = (await storedEvents('events.stakeholders.map.>')).filter((event) => event.partnershipId === partnership);
    expect(events.map((event) => [event.type, event.data])).toEqual([
      ['stakeholders.map.updated', { version: 1, organisationIds: [government.id, cso.id] }],
      ['stakeholders.map.checked', { version: 1, passed: false, flags: ['no_community', 'no_women_representation'] }],
    ]);
    expect((await mapRevisions.findOne({ aggregateId: partnership }))?.published).toBe(true);
  });

  it('answers a repeated write with its first result, and refuses a write based on an old version', async () => {
    const partnership = partnershipId();
    const first = put(partnership, [entry(womenCso, 'lead')]);
    const [a, b] = await Promise.all([
      service.send<StakeholderMapView>(StakeholdersContracts.PutStakeholderMap.subject, first),
      service.send<StakeholderMapView>(StakeholdersContracts.PutStakeholderMap.subject, first),
    ]);
    await service.send(StakeholdersContracts.PutStakeholderMap.subject, put(partnership, [entry(womenCso, 'lead'), entry(community, 'partner')], { basedOnVersion: 1 }));
    const repeated = await service.send<StakeholderMapView>(StakeholdersContracts.PutStakeholderMap.subject, first);
    const stale = await service.error(StakeholdersContracts.PutStakeholderMap.subject, put(partnership, [], { basedOnVersion: 1 }));

    expect(b).toEqual(a);
    expect(repeated.map.version).toBe(1);
    expect(repeated.map.entries.map((e) => e.organisationId)).toEqual([womenCso.id]);
    expect(stale.code).toBe(ErrorCode.Conflict);
    expect(await mapRevisions.countDocuments({ aggregateId: partnership })).toBe(2);
  });

  it('lets exactly one of two concurrent first maps of a partnership through', async () => {
    const partnership = partnershipId();
    const outcomes = await Promise.allSettled([
      service.send(StakeholdersContracts.PutStakeholderMap.subject, put(partnership, [entry(cso, 'lead')])),
      service.send(StakeholdersContracts.PutStakeholderMap.subject, put(partnership, [entry(community, 'lead')])),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await mapRevisions.countDocuments({ aggregateId: partnership })).toBe(1);
  });

  it('refuses unknown organisations, scores outside 1–5, unknown roles and repeated stakeholders with field errors, storing nothing', async () => {
    const partnership = partnershipId();
    const unknownOrganisation = await service.error(StakeholdersContracts.PutStakeholderMap.subject, put(partnership, [entry(cso, 'lead'), { ...entry(cso, 'partner'), organisationId: '0123456789abcdef01234567' }]));
    expect(unknownOrganisation.errors).toEqual([expect.objectContaining({ field: 'map.entries.1.organisationId', reason: 'is not a registered organisation' })]);

    const invalid = await service.error(
      StakeholdersContracts.PutStakeholderMap.subject,
      put(partnership, [{ ...entry(cso, 'lead'), influence: 6, interest: 0 }, { ...entry(community, 'partner'), role: 'sponsor' as never }]),
    );
    expect(invalid.errors?.map((e) => e.field).sort()).toEqual(['map.entries.0.influence', 'map.entries.0.interest', 'map.entries.1.role']);
    const repeated = await service.error(StakeholdersContracts.PutStakeholderMap.subject, put(partnership, [entry(cso, 'lead'), entry(community, 'partner'), entry(cso, 'partner')]));
    expect(repeated.errors).toEqual([expect.objectContaining({ field: 'map.entries.2.organisationId', reason: 'is already in the map' })]);
    expect(await mapRevisions.countDocuments({ aggregateId: partnership })).toBe(0);
  });

  it('refuses operators and prototype keys in map commands and queries', async () => {
    const injected = await service.error(StakeholdersContracts.PutStakeholderMap.subject, {
      ...put(partnershipId(), []),
      partnershipId: { $ne: null },
      map: JSON.parse('{"basedOnVersion": 0, "entries": [], "__proto__": {"admin": true}}'),
    });
    expect(injected.errors?.map((e) => e.field).sort()).toEqual(['map.__proto__', 'partnershipId']);
    const where = await service.error(StakeholdersContracts.GetStakeholderMap.subject, { actor: actors.admin, partnershipId: partnershipId(), $where: '1' });
    expect(where.errors).toEqual([expect.objectContaining({ field: '$where', reason: 'is not an allowed field' })]);
  });

  it('lets only admins and coordinators write a map', async () => {
    const partnership = partnershipId();
    for (const actor of [actors.partnerOf(cso.id), actors.auditor]) {
      const error = await service.error(StakeholdersContracts.PutStakeholderMap.subject, put(partnership, [entry(cso, 'lead')], { actor }));
      expect(error.code).toBe(ErrorCode.Forbidden);
    }
    expect(await mapRevisions.countDocuments({ aggregateId: partnership })).toBe(0);
  });

  it('shows a partner the map of a partnership its organisation is in, and a 404 for any other', async () => {
    const partnership = partnershipId();
    await service.send(StakeholdersContracts.PutStakeholderMap.subject, put(partnership, [entry(cso, 'lead')]));

    const own = await service.send<StakeholderMapView>(StakeholdersContracts.GetStakeholderMap.subject, { actor: actors.partnerOf(cso.id), partnershipId: partnership });
    const other = await service.error(StakeholdersContracts.GetStakeholderMap.subject, { actor: actors.partnerOf(community.id), partnershipId: partnership });
    expect(own.map.version).toBe(1);
    expect(other.code).toBe(ErrorCode.NotFound);
  });

  it('answers 404 for a partnership without a map', async () => {
    const error = await service.error(StakeholdersContracts.GetStakeholderMap.subject, { actor: actors.admin, partnershipId: partnershipId() });
    expect(error.code).toBe(ErrorCode.NotFound);
  });

  it('checks the map against the registry as it is now: an organisation that starts representing women makes it pass', async () => {
    const partnership = partnershipId();
    const grassroots = await service.createOrganisation({ sector: 'community', vulnerableGroups: [] });
    await service.send(StakeholdersContracts.PutStakeholderMap.subject, put(partnership, [entry(cso, 'lead'), entry(grassroots, 'partner')]));
    const before = await service.send<StakeholderMapView>(StakeholdersContracts.GetStakeholderMap.subject, { actor: actors.admin, partnershipId: partnership });

    const { id, version, createdAt, createdBy, updatedAt, updatedBy, ...input } = grassroots;
    void [createdAt, createdBy, updatedAt, updatedBy];
    await service.send(StakeholdersContracts.UpdateOrganisation.subject, {
      idempotencyKey: key(),
      actor: actors.partnerOf(id),
      id,
      basedOnVersion: version,
      organisation: { ...input, vulnerableGroups: ['women'] },
    });
    const after = await service.send<StakeholderMapView>(StakeholdersContracts.GetStakeholderMap.subject, { actor: actors.admin, partnershipId: partnership });

    expect(before.check.flags).toEqual(['no_women_representation']);
    expect(after.check).toMatchObject({ passed: true, flags: [] });
  });
});
