import type mongoose from 'mongoose';
import {
  ErrorCode,
  type Organisation,
  type Person,
  type PersonPage,
  type Representative,
  type RepresentativeAssignment,
  StakeholdersContracts,
} from '@mitra/contracts';
import { actors, key, partnershipId, StakeholdersCaller, stakeholdersDatabase } from './stakeholders-caller';

describe('stakeholders service: people, memberships and partner representatives over NATS', () => {
  const service = new StakeholdersCaller();
  let database: mongoose.Connection;
  let people: mongoose.Collection;
  let representatives: mongoose.Collection;
  let dinas: Organisation;
  let yayasan: Organisation;

  beforeAll(async () => {
    database = await stakeholdersDatabase();
    people = database.collection('people');
    representatives = database.collection('representatives');
    dinas = await service.createOrganisation({ sector: 'government_regency' });
    yayasan = await service.createOrganisation({ sector: 'cso' });
  });
  afterAll(async () => {
    await service.close();
    await database.close();
  });

  const register = (memberships: Array<{ organisationId: string; role: string }>, actor: object = actors.coordinator, name = `Dewi ${key('p').slice(-6)}`) =>
    service.send<Person>(StakeholdersContracts.CreatePerson.subject, { idempotencyKey: key('person'), actor, person: { name, email: 'dewi@example.org', memberships } });

  describe('people and memberships', () => {
    it('registers a person who belongs to organisations with a role in each', async () => {
      const person = await register([
        { organisationId: dinas.id, role: 'Kepala Bidang Sosial' },
        { organisationId: yayasan.id, role: 'Anggota Dewan Pembina' },
      ]);

      expect(person.memberships.map(({ organisationId, role }) => ({ organisationId, role }))).toEqual([
        { organisationId: dinas.id, role: 'Kepala Bidang Sosial' },
        { organisationId: yayasan.id, role: 'Anggota Dewan Pembina' },
      ].sort((a, b) => a.organisationId.localeCompare(b.organisationId)));
      expect(await service.send(StakeholdersContracts.GetPerson.subject, { actor: actors.admin, id: person.id })).toEqual(person);
      // An auditor works with nobody's organisation: the person, without e-mail and phone.
      const audited = await service.send<Person>(StakeholdersContracts.GetPerson.subject, { actor: actors.auditor, id: person.id });
      expect(audited).toEqual({ ...person, email: undefined });
      expect(audited).not.toHaveProperty('email');
    });

    it('refuses memberships in organisations that are not registered, with field errors, storing nothing', async () => {
      const name = `Tanpa Organisasi ${key().slice(-6)}`;
      const error = await service.error(StakeholdersContracts.CreatePerson.subject, {
        idempotencyKey: key(),
        actor: actors.admin,
        person: { name, memberships: [{ organisationId: dinas.id, role: 'Staf' }, { organisationId: '0123456789abcdef01234567', role: 'Staf' }] },
      });
      expect(error.errors).toEqual([expect.objectContaining({ field: 'person.memberships.1.organisationId', reason: 'is not a registered organisation' })]);
      expect(await people.countDocuments({ name })).toBe(0);
    });

    it('gives one person for the same idempotency key sent twice', async () => {
      const command = { idempotencyKey: key(), actor: actors.coordinator, person: { name: `Budi ${key().slice(-6)}`, memberships: [{ organisationId: dinas.id, role: 'Staf' }] } };
      const [a, b] = await Promise.all([service.send<Person>(StakeholdersContracts.CreatePerson.subject, command), service.send<Person>(StakeholdersContracts.CreatePerson.subject, command)]);
      expect(b).toEqual(a);
      expect(await people.countDocuments({ name: command.person.name })).toBe(1);
    });

    it('adds a membership and changes its role; a repeated command changes nothing', async () => {
      const person = await register([{ organisationId: dinas.id, role: 'Staf' }]);
      const command = { idempotencyKey: key(), actor: actors.coordinator, personId: person.id, membership: { organisationId: yayasan.id, role: 'Relawan' } };
      const added = await service.send<Person>(StakeholdersContracts.SetMembership.subject, command);
      const changed = await service.send<Person>(StakeholdersContracts.SetMembership.subject, { ...command, idempotencyKey: key(), membership: { organisationId: yayasan.id, role: 'Ketua' } });
      const repeated = await service.send<Person>(StakeholdersContracts.SetMembership.subject, command);
      const reused = await service.error(StakeholdersContracts.SetMembership.subject, { ...command, membership: { organisationId: yayasan.id, role: 'Bendahara' } });

      expect(added.memberships.map((m) => m.role)).toEqual(['Staf', 'Relawan']);
      expect(changed.memberships.map((m) => m.role)).toEqual(['Staf', 'Ketua']);
      expect(repeated.memberships.map((m) => m.role)).toEqual(['Staf', 'Ketua']);
      expect(reused.code).toBe(ErrorCode.Conflict);
    });

    it('keeps every membership when two are added to one person at the same moment', async () => {
      const person = await register([{ organisationId: dinas.id, role: 'Staf' }]);
      const others = await Promise.all([service.createOrganisation(), service.createOrganisation(), service.createOrganisation()]);
      await Promise.all(
        others.map((organisation) =>
          service.send(StakeholdersContracts.SetMembership.subject, { idempotencyKey: key(), actor: actors.admin, personId: person.id, membership: { organisationId: organisation.id, role: 'Anggota' } }),
        ),
      );
      const read = await service.send<Person>(StakeholdersContracts.GetPerson.subject, { actor: actors.admin, id: person.id });
      expect(read.memberships).toHaveLength(4);
    });

    it("shows a partner the people of its own organisation and a 404 for anyone else's", async () => {
      const own = await register([{ organisationId: yayasan.id, role: 'Staf' }]);
      const other = await register([{ organisationId: dinas.id, role: 'Staf' }]);

      const seen = await service.send<Person>(StakeholdersContracts.GetPerson.subject, { actor: actors.partnerOf(yayasan.id), id: own.id });
      const hidden = await service.error(StakeholdersContracts.GetPerson.subject, { actor: actors.partnerOf(yayasan.id), id: other.id });
      expect(seen.id).toBe(own.id);
      expect(hidden.code).toBe(ErrorCode.NotFound);
    });

    it('lets a partner register people only into its own organisation, and an auditor none', async () => {
      const own = await register([{ organisationId: yayasan.id, role: 'Staf' }], actors.partnerOf(yayasan.id));
      expect(own.memberships).toHaveLength(1);
      const name = `Tidak Boleh ${key().slice(-6)}`;
      const foreign = await service.error(StakeholdersContracts.CreatePerson.subject, {
        idempotencyKey: key(),
        actor: actors.partnerOf(yayasan.id),
        person: { name, memberships: [{ organisationId: dinas.id, role: 'Staf' }] },
      });
      const audited = await service.error(StakeholdersContracts.CreatePerson.subject, { idempotencyKey: key(), actor: actors.auditor, person: { name, memberships: [] } });
      expect([foreign.code, audited.code]).toEqual([ErrorCode.Forbidden, ErrorCode.Forbidden]);
      expect(await people.countDocuments({ name })).toBe(0);
    });

    it('lists the members of an organisation page by page', async () => {
      const organisation = await service.createOrganisation();
      const registered = [];
      for (let i = 0; i < 3; i++) registered.push(await register([{ organisationId: organisation.id, role: `Peran ${i}` }]));
      const list = (cursor?: string | null) =>
        service.send<PersonPage>(StakeholdersContracts.ListMembers.subject, { actor: actors.partnerOf(organisation.id), organisationId: organisation.id, limit: 2, ...(cursor ? { cursor } : {}) });

      const first = await list();
      const second = await list(first.nextCursor);
      expect([first.total, second.total]).toEqual([3, 3]);
      expect([...first.items, ...second.items].map((p) => p.id)).toEqual(registered.map((p) => p.id));
      expect(second.nextCursor).toBeNull();
      const foreign = await service.error(StakeholdersContracts.ListMembers.subject, { actor: actors.partnerOf(dinas.id), organisationId: organisation.id });
      expect(foreign.code).toBe(ErrorCode.Forbidden);
    });

    it('refuses operators in people commands with field errors', async () => {
      const error = await service.error(StakeholdersContracts.CreatePerson.subject, {
        idempotencyKey: key(),
        actor: actors.admin,
        person: { name: { $gt: '' }, memberships: [{ organisationId: { $ne: null }, role: 'Staf', $where: '1' }] },
      });
      expect(error.errors?.map((e) => e.field).sort()).toEqual(['person.memberships.0.$where', 'person.memberships.0.organisationId', 'person.name']);
    });
  });

  describe('partner representatives', () => {
    let both: Person;
    beforeAll(async () => {
      both = await register([
        { organisationId: dinas.id, role: 'Staf' },
        { organisationId: yayasan.id, role: 'Relawan' },
      ]);
    });

    const assign = (partnership: string, organisationId: string, actor: object = actors.coordinator, idempotencyKey = key('rep')) => ({
      idempotencyKey,
      actor,
      partnershipId: partnership,
      personId: both.id,
      organisationId,
    });

    it('lets a person act for exactly one organisation per partnership', async () => {
      const [first, second] = [partnershipId(), partnershipId()];
      const representative = await service.send<Representative>(StakeholdersContracts.AssignRepresentative.subject, assign(first, dinas.id));
      const again = await service.send<Representative>(StakeholdersContracts.AssignRepresentative.subject, assign(first, dinas.id));
      const otherOrganisation = await service.error(StakeholdersContracts.AssignRepresentative.subject, assign(first, yayasan.id));
      const elsewhere = await service.send<Representative>(StakeholdersContracts.AssignRepresentative.subject, assign(second, yayasan.id));

      expect(representative).toMatchObject({ partnershipId: first, personId: both.id, organisationId: dinas.id });
      expect(again).toEqual(representative);
      expect(otherOrganisation.code).toBe(ErrorCode.Conflict);
      expect(elsewhere.organisationId).toBe(yayasan.id);
      expect(await service.send(StakeholdersContracts.ListRepresentatives.subject, { actor: actors.auditor, partnershipId: first })).toEqual([representative]);
    });

    it('holds one organisation per person and partnership when two assignments race', async () => {
      const partnership = partnershipId();
      const outcomes = await Promise.allSettled([
        service.send(StakeholdersContracts.AssignRepresentative.subject, assign(partnership, dinas.id)),
        service.send(StakeholdersContracts.AssignRepresentative.subject, assign(partnership, yayasan.id)),
      ]);
      expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(await representatives.countDocuments({ partnershipId: partnership })).toBe(1);
    });

    it('refuses a representative for an organisation the person does not belong to', async () => {
      const outsider = await service.createOrganisation();
      const error = await service.error(StakeholdersContracts.AssignRepresentative.subject, assign(partnershipId(), outsider.id));
      expect(error.errors).toEqual([expect.objectContaining({ field: 'organisationId', reason: 'is not an organisation this person belongs to', code: 'stakeholders.not_a_member' })]);
    });

    it("lets a partner name its own organisation's representative and no other's", async () => {
      const partnership = partnershipId();
      const own = await service.send<Representative>(StakeholdersContracts.AssignRepresentative.subject, assign(partnership, yayasan.id, actors.partnerOf(yayasan.id)));
      const foreign = await service.error(StakeholdersContracts.AssignRepresentative.subject, assign(partnershipId(), dinas.id, actors.partnerOf(yayasan.id)));
      const audited = await service.error(StakeholdersContracts.AssignRepresentative.subject, assign(partnershipId(), dinas.id, actors.auditor));
      expect(own.assignedBy).toBe(actors.partnerOf(yayasan.id).userId);
      expect([foreign.code, audited.code]).toEqual([ErrorCode.Forbidden, ErrorCode.Forbidden]);
    });

    it('refuses a partnership id that is an operator or not a partnership id', async () => {
      const error = await service.error(StakeholdersContracts.ListRepresentatives.subject, { actor: actors.admin, partnershipId: { $gt: '' } });
      const malformed = await service.error(StakeholdersContracts.AssignRepresentative.subject, assign('../etc', dinas.id));
      expect(error.errors).toEqual([expect.objectContaining({ field: 'partnershipId', reason: expect.any(String) })]);
      expect(malformed.errors).toEqual([expect.objectContaining({ field: 'partnershipId', reason: 'must be a partnership id' })]);
    });
  });
  describe('ending memberships and unassigning representatives, keeping the history', () => {
    const end = (personId: string, organisationId: string, actor: object = actors.coordinator, idempotencyKey = key('end')) => ({ idempotencyKey, actor, personId, organisationId });
    const unassign = (partnership: string, personId: string, actor: object = actors.coordinator, idempotencyKey = key('unassign')) => ({ idempotencyKey, actor, partnershipId: partnership, personId });

    it("ends a membership with who and when, answers its repeat the same, and lets the person join again", async () => {
      const person = await register([
        { organisationId: dinas.id, role: 'Staf' },
        { organisationId: yayasan.id, role: 'Relawan' },
      ]);
      const command = end(person.id, yayasan.id, actors.partnerOf(yayasan.id));
      const ended = await service.send<Person>(StakeholdersContracts.EndMembership.subject, command);

      expect(ended.memberships.map((m) => m.organisationId)).toEqual([dinas.id]);
      expect(ended.pastMemberships).toEqual([
        { organisationId: yayasan.id, role: 'Relawan', since: person.memberships.find((m) => m.organisationId === yayasan.id)!.since, endedAt: expect.any(String), endedBy: actors.partnerOf(yayasan.id).userId },
      ]);
      expect(await service.send(StakeholdersContracts.EndMembership.subject, command)).toEqual(ended);
      expect((await service.error(StakeholdersContracts.EndMembership.subject, { ...command, actor: actors.admin, organisationId: dinas.id })).code).toBe(ErrorCode.Conflict);
      expect((await service.error(StakeholdersContracts.EndMembership.subject, end(person.id, yayasan.id))).code).toBe(ErrorCode.NotFound);
      // The organisation still sees its former member; its member list does not show it.
      expect((await service.send<Person>(StakeholdersContracts.GetPerson.subject, { actor: actors.partnerOf(yayasan.id), id: person.id })).id).toBe(person.id);
      const members = await service.send<PersonPage>(StakeholdersContracts.ListMembers.subject, { actor: actors.admin, organisationId: yayasan.id, limit: 100 });
      expect(members.items.map((p) => p.id)).not.toContain(person.id);

      const rejoined = await service.send<Person>(StakeholdersContracts.SetMembership.subject, { idempotencyKey: key(), actor: actors.coordinator, personId: person.id, membership: { organisationId: yayasan.id, role: 'Ketua' } });
      expect(rejoined.memberships.map((m) => [m.organisationId, m.role])).toEqual([[dinas.id, 'Staf'], [yayasan.id, 'Ketua']]);
      expect(rejoined.pastMemberships.map((m) => [m.organisationId, m.role])).toEqual([[yayasan.id, 'Relawan']]);
    });

    it("refuses ending another organisation's membership for a partner, and any for an auditor", async () => {
      const person = await register([{ organisationId: dinas.id, role: 'Staf' }]);
      const foreign = await service.error(StakeholdersContracts.EndMembership.subject, end(person.id, dinas.id, actors.partnerOf(yayasan.id)));
      const audited = await service.error(StakeholdersContracts.EndMembership.subject, end(person.id, dinas.id, actors.auditor));
      expect([foreign.code, audited.code]).toEqual([ErrorCode.Forbidden, ErrorCode.Forbidden]);
      expect((await service.send<Person>(StakeholdersContracts.GetPerson.subject, { actor: actors.admin, id: person.id })).memberships).toHaveLength(1);
    });

    it('does not bring an ended membership back when the registration is repeated', async () => {
      const command = { idempotencyKey: key('person'), actor: actors.coordinator, person: { name: `Sari ${key().slice(-6)}`, memberships: [{ organisationId: dinas.id, role: 'Staf' }] } };
      const person = await service.send<Person>(StakeholdersContracts.CreatePerson.subject, command);
      await service.send(StakeholdersContracts.EndMembership.subject, end(person.id, dinas.id));
      const repeated = await service.send<Person>(StakeholdersContracts.CreatePerson.subject, command);
      expect(repeated.memberships).toEqual([]);
      expect(repeated.pastMemberships.map((m) => m.organisationId)).toEqual([dinas.id]);
    });

    it('refuses to end the membership of a person who still represents the organisation, until unassigned', async () => {
      const person = await register([{ organisationId: dinas.id, role: 'Kepala Bidang' }]);
      const partnership = partnershipId();
      await service.send(StakeholdersContracts.AssignRepresentative.subject, { idempotencyKey: key(), actor: actors.coordinator, partnershipId: partnership, personId: person.id, organisationId: dinas.id });

      const refused = await service.error(StakeholdersContracts.EndMembership.subject, end(person.id, dinas.id));
      expect(refused).toMatchObject({ code: ErrorCode.Conflict, errors: [expect.objectContaining({ field: 'representatives', reason: partnership, code: 'stakeholders.still_representing' })] });
      await service.send(StakeholdersContracts.UnassignRepresentative.subject, unassign(partnership, person.id));
      expect((await service.send<Person>(StakeholdersContracts.EndMembership.subject, end(person.id, dinas.id))).memberships).toEqual([]);
    });

    it('unassigns a representative keeping who and when in the history, and lets the person be named again', async () => {
      const person = await register([
        { organisationId: dinas.id, role: 'Staf' },
        { organisationId: yayasan.id, role: 'Relawan' },
      ]);
      const partnership = partnershipId();
      const assign = { idempotencyKey: key('rep'), actor: actors.coordinator, partnershipId: partnership, personId: person.id, organisationId: dinas.id };
      const assigned = await service.send<Representative>(StakeholdersContracts.AssignRepresentative.subject, assign);

      const command = unassign(partnership, person.id, actors.partnerOf(dinas.id));
      const unassigned = await service.send<RepresentativeAssignment>(StakeholdersContracts.UnassignRepresentative.subject, command);
      expect(unassigned).toEqual({ ...assigned, unassignedAt: expect.any(String), unassignedBy: actors.partnerOf(dinas.id).userId });
      expect(await service.send(StakeholdersContracts.UnassignRepresentative.subject, command)).toEqual(unassigned);
      expect(await service.send(StakeholdersContracts.ListRepresentatives.subject, { actor: actors.auditor, partnershipId: partnership })).toEqual([]);
      // The assigning command repeated answers what it did then; it does not name the person again.
      expect(await service.send(StakeholdersContracts.AssignRepresentative.subject, assign)).toEqual(assigned);
      expect(await service.send(StakeholdersContracts.ListRepresentatives.subject, { actor: actors.auditor, partnershipId: partnership })).toEqual([]);

      const renamed = await service.send<Representative>(StakeholdersContracts.AssignRepresentative.subject, { ...assign, idempotencyKey: key('rep'), organisationId: yayasan.id });
      const history = await service.send<RepresentativeAssignment[]>(StakeholdersContracts.ListRepresentativeHistory.subject, { actor: actors.auditor, partnershipId: partnership });
      expect(history).toEqual([unassigned, { ...renamed, unassignedAt: null, unassignedBy: null }]);
      expect((await service.error(StakeholdersContracts.UnassignRepresentative.subject, unassign(partnershipId(), person.id))).code).toBe(ErrorCode.NotFound);
    });

    it("refuses unassigning another organisation's representative for a partner, and any for an auditor", async () => {
      const person = await register([{ organisationId: dinas.id, role: 'Staf' }]);
      const partnership = partnershipId();
      await service.send(StakeholdersContracts.AssignRepresentative.subject, { idempotencyKey: key(), actor: actors.coordinator, partnershipId: partnership, personId: person.id, organisationId: dinas.id });
      const foreign = await service.error(StakeholdersContracts.UnassignRepresentative.subject, unassign(partnership, person.id, actors.partnerOf(yayasan.id)));
      const audited = await service.error(StakeholdersContracts.UnassignRepresentative.subject, unassign(partnership, person.id, actors.auditor));
      expect([foreign.code, audited.code]).toEqual([ErrorCode.Forbidden, ErrorCode.Forbidden]);
      expect(await service.send<Representative[]>(StakeholdersContracts.ListRepresentatives.subject, { actor: actors.auditor, partnershipId: partnership })).toHaveLength(1);
    });
  });
});
