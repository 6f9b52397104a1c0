import { randomUUID } from 'node:crypto';
import type {
  CreateOrganisationInput,
  ErrorBody,
  LifecycleState,
  Organisation,
  Person,
  PersonPage,
  Representative,
  RepresentativeAssignment,
  StakeholderMapView,
} from '@mitra/contracts';
import { ApiClient } from '@mitra/testing';

const organisation = (overrides: Partial<CreateOrganisationInput> = {}): CreateOrganisationInput => ({
  name: `Organisasi Uji ${randomUUID().slice(0, 8)}`,
  sector: 'cso',
  region: { province: 'Jawa Barat', regency: 'Kota Bandung' },
  ...overrides,
});

describe('people, representatives and stakeholder maps: api → NATS → stakeholders → database', () => {
  const api = new ApiClient();
  let dinas: Organisation;
  let yayasan: Organisation;
  let forum: Organisation;
  let lpm: Organisation;
  let partnershipId: string;

  const create = async (overrides: Partial<CreateOrganisationInput>) => {
    const response = await api.post<Organisation>('organisations', organisation(overrides));
    expect(response.status).toBe(201);
    return response.body;
  };

  beforeAll(async () => {
    dinas = await create({ sector: 'government_regency' });
    yayasan = await create({ sector: 'cso', vulnerableGroups: ['women'] });
    forum = await create({ sector: 'business', resources: [{ kind: 'funds' }] });
    lpm = await create({ sector: 'community', vulnerableGroups: ['poor'] });
    const started = await api.post<LifecycleState>('partnerships', { name: `Kemitraan Uji ${randomUUID().slice(0, 8)}` });
    expect(started.status).toBe(201);
    partnershipId = started.body.partnershipId;
  });

  describe('people', () => {
    it('registers a person with memberships, adds another, and lists the members of an organisation', async () => {
      const created = await api.post<Person>('people', { name: 'Rina Marlina', email: 'rina@example.org', memberships: [{ organisationId: dinas.id, role: 'Kepala Seksi' }] });
      const added = await api.post<Person>(`people/${created.body.id}/memberships`, { organisationId: yayasan.id, role: 'Relawan' });
      const read = await api.get<Person>(`people/${created.body.id}`);
      const members = await api.get<PersonPage>(`organisations/${yayasan.id}/members?limit=10`);

      expect(created.status).toBe(201);
      expect(added.body.memberships.map((m) => [m.organisationId, m.role])).toEqual([
        [dinas.id, 'Kepala Seksi'],
        [yayasan.id, 'Relawan'],
      ]);
      expect(read.body).toEqual(added.body);
      expect(members.body.items.map((p) => p.id)).toContain(created.body.id);
    });

    it('refuses bad people input and operators with field errors', async () => {
      const { status, body } = await api.post<ErrorBody>('people', { name: 'R', email: 'nope', memberships: [{ organisationId: { $ne: null }, role: '' }], $where: '1' });
      expect(status).toBe(400);
      expect(body.errors?.map((e) => e.field).sort()).toEqual(['$where', 'email', 'memberships.0.organisationId', 'memberships.0.role', 'name']);
      expect((await api.get('people/not-an-id')).status).toBe(400);
      expect((await api.get('people/0123456789abcdef01234567')).status).toBe(404);
    });
  });

  describe('partner representatives', () => {
    it('names one representative per person and partnership, and lists them', async () => {
      const person = await api.post<Person>('people', { name: 'Agus Salim', memberships: [{ organisationId: forum.id, role: 'Manajer CSR' }, { organisationId: lpm.id, role: 'Warga' }] });
      const assigned = await api.post<Representative>(`partnerships/${partnershipId}/representatives`, { personId: person.body.id, organisationId: forum.id });
      const second = await api.post<ErrorBody>(`partnerships/${partnershipId}/representatives`, { personId: person.body.id, organisationId: lpm.id });
      const listed = await api.get<Representative[]>(`partnerships/${partnershipId}/representatives`);

      expect(assigned.status).toBe(201);
      expect(second.status).toBe(409);
      expect(listed.body).toContainEqual(assigned.body);
    });

    it('answers 404 for a partnership that was never started and 400 for a malformed id', async () => {
      const unknown = await api.post<ErrorBody>(`partnerships/${'0'.repeat(20)}/representatives`, { personId: '0123456789abcdef01234567', organisationId: forum.id });
      const malformed = await api.get<ErrorBody>('partnerships/xyz/representatives');
      expect(unknown.status).toBe(404);
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors).toEqual([expect.objectContaining({ field: 'partnershipId', reason: 'must be a partnership id' })]);
    });

    it('unassigns a representative, keeping the assignment with who and when in the history', async () => {
      const person = await api.post<Person>('people', { name: 'Dedi Mulyadi', memberships: [{ organisationId: forum.id, role: 'Staf CSR' }] });
      const assigned = await api.post<Representative>(`partnerships/${partnershipId}/representatives`, { personId: person.body.id, organisationId: forum.id });
      const path = `partnerships/${partnershipId}/representatives/${person.body.id}`;

      const unassigned = await api.send<RepresentativeAssignment>('DELETE', path, undefined, { 'idempotency-key': `test-${randomUUID()}` });
      expect(unassigned.status).toBe(200);
      expect(unassigned.body).toEqual({ ...assigned.body, unassignedAt: expect.any(String), unassignedBy: (await api.user()).id });
      expect((await api.get<Representative[]>(`partnerships/${partnershipId}/representatives`)).body).not.toContainEqual(assigned.body);
      expect((await api.get<RepresentativeAssignment[]>(`partnerships/${partnershipId}/representatives/history`)).body).toContainEqual(unassigned.body);
      expect((await api.send('DELETE', path, undefined, { 'idempotency-key': `test-${randomUUID()}` })).status).toBe(404);
      expect((await api.send<ErrorBody>('DELETE', path)).body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key', reason: 'is required' })]);
    });
  });

  describe('ending a membership', () => {
    it("ends a person's membership of an organisation and keeps it as a past one", async () => {
      const person = await api.post<Person>('people', { name: 'Euis Komalasari', memberships: [{ organisationId: lpm.id, role: 'Kader' }, { organisationId: yayasan.id, role: 'Relawan' }] });
      const ended = await api.send<Person>('DELETE', `organisations/${lpm.id}/members/${person.body.id}`, undefined, { 'idempotency-key': `test-${randomUUID()}` });

      expect(ended.status).toBe(200);
      expect(ended.body.memberships.map((m) => m.organisationId)).toEqual([yayasan.id]);
      expect(ended.body.pastMemberships).toEqual([expect.objectContaining({ organisationId: lpm.id, role: 'Kader', endedBy: (await api.user()).id })]);
      expect((await api.get<Person>(`people/${person.body.id}`)).body).toEqual(ended.body);
      const again = await api.send<ErrorBody>('DELETE', `organisations/${lpm.id}/members/${person.body.id}`, undefined, { 'idempotency-key': `test-${randomUUID()}` });
      expect(again.status).toBe(404);
      const malformed = await api.send<ErrorBody>('DELETE', `organisations/${lpm.id}/members/nope`, undefined, { 'idempotency-key': `test-${randomUUID()}` });
      expect(malformed.body.errors).toEqual([expect.objectContaining({ field: 'personId', reason: expect.any(String) })]);
    });
  });

  describe('stakeholder maps', () => {
    it('writes a map, reads it with its check, and flags the map again when its women representation leaves', async () => {
      const entries = [
        { organisationId: dinas.id, interest: 4, influence: 5, role: 'lead' },
        { organisationId: yayasan.id, interest: 5, influence: 3, role: 'partner' },
        { organisationId: forum.id, interest: 3, influence: 4, role: 'supporter' },
        { organisationId: lpm.id, interest: 5, influence: 2, role: 'beneficiary' },
      ];
      const written = await api.post<StakeholderMapView>(`partnerships/${partnershipId}/stakeholder-map/versions`, { basedOnVersion: 0, entries });
      const read = await api.get<StakeholderMapView>(`partnerships/${partnershipId}/stakeholder-map`);

      expect(written.status).toBe(201);
      expect(read.body).toEqual(written.body);
      expect(read.body.check).toMatchObject({ passed: true, flags: [] });
      expect(read.body.check.summary.highInfluenceWithoutSeat.map((s) => s.organisationId)).toEqual([forum.id]);

      const withoutWomen = await api.post<StakeholderMapView>(`partnerships/${partnershipId}/stakeholder-map/versions`, {
        basedOnVersion: 1,
        entries: entries.filter((entry) => entry.organisationId !== yayasan.id),
      });
      expect(withoutWomen.body.map.version).toBe(2);
      expect(withoutWomen.body.check).toMatchObject({ passed: false, flags: ['no_cso', 'no_women_representation'] });
      const stale = await api.post<ErrorBody>(`partnerships/${partnershipId}/stakeholder-map/versions`, { basedOnVersion: 1, entries });
      expect(stale.status).toBe(409);
    });

    it('refuses scores out of range, unknown roles and operators with field errors', async () => {
      const { status, body } = await api.post<ErrorBody>(`partnerships/${partnershipId}/stakeholder-map/versions`, {
        basedOnVersion: 0,
        entries: [{ organisationId: { $ne: null }, interest: 9, influence: 0, role: 'king', $where: '1' }],
      });
      expect(status).toBe(400);
      expect(body.errors?.map((e) => e.field).sort()).toEqual([
        'entries.0.$where',
        'entries.0.influence',
        'entries.0.interest',
        'entries.0.organisationId',
        'entries.0.role',
      ]);
    });

    it('answers 404 for the map of a partnership that has none, and for writing one of a partnership never started', async () => {
      expect((await api.get(`partnerships/${'f'.repeat(20)}/stakeholder-map`)).status).toBe(404);
      const write = await api.post<ErrorBody>(`partnerships/${'e'.repeat(20)}/stakeholder-map/versions`, { basedOnVersion: 0, entries: [] });
      expect(write.status).toBe(404);
    });
  });

  it('documents the new routes in the OpenAPI document', async () => {
    const response = await fetch(`${api.baseUrl}/api/docs/openapi.json`);
    const document = (await response.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/organisations/duplicates',
        '/api/v1/organisations/{id}/versions',
        '/api/v1/organisations/{id}/members',
        '/api/v1/people',
        '/api/v1/people/{id}/memberships',
        '/api/v1/partnerships/{partnershipId}/stakeholder-map',
        '/api/v1/partnerships/{partnershipId}/stakeholder-map/versions',
        '/api/v1/partnerships/{partnershipId}/representatives',
      ]),
    );
  });
});
