import { randomUUID } from 'node:crypto';
import type { LifecycleState, Organisation, Person, PersonPage } from '@mitra/contracts';
import { ApiClient, demoAccounts } from '@mitra/testing';

describe("people's contact details: only for those who work with them", () => {
  const admin = new ApiClient();
  const coordinator = ApiClient.signedInAs(demoAccounts.coordinator.email);
  const auditor = ApiClient.signedInAs(demoAccounts.auditor.email);
  const posyanduPartner = { email: `posyandu-${randomUUID().slice(0, 8)}@example.org`, password: 'Kader-Posyandu-Melati-77' };
  let posyandu: Organisation;
  let kader: Person;

  const register = async (organisationId: string, name: string) => {
    const created = await admin.post<Person>('people', {
      name,
      email: `${randomUUID().slice(0, 8)}@example.org`,
      phone: '+62 812 3456 7890',
      memberships: [{ organisationId, role: 'Kader' }],
    });
    expect(created.status).toBe(201);
    return created.body;
  };

  beforeAll(async () => {
    // An organisation of its own, so no other test's partnership joins it to the coordinator's.
    const registered = await admin.post<Organisation>('organisations', {
      name: `Posyandu Melati ${randomUUID().slice(0, 8)}`,
      sector: 'community',
      region: { province: 'Jawa Barat', regency: 'Kota Bandung' },
    });
    expect(registered.status).toBe(201);
    posyandu = registered.body;
    const account = await admin.post('users', { ...posyanduPartner, name: 'Wakil Posyandu', role: 'partner', organisationId: posyandu.id });
    expect(account.status).toBe(201);
    kader = await register(posyandu.id, 'Siti Kader Posyandu');
  });

  it('shows the e-mail and phone to an admin and to the people of the same organisation', async () => {
    for (const client of [admin, ApiClient.signedInAs(posyanduPartner.email, { password: posyanduPartner.password, fresh: true })]) {
      const { status, body } = await client.get<Person>(`people/${kader.id}`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ email: kader.email, phone: '+62 812 3456 7890' });
    }
  });

  it('shows a coordinator and an auditor outside the person’s partnerships the name without contact details', async () => {
    for (const client of [coordinator, auditor]) {
      const { status, body } = await client.get<Person>(`people/${kader.id}`);
      expect(status).toBe(200);
      expect(body.name).toBe('Siti Kader Posyandu');
      expect(body).not.toHaveProperty('email');
      expect(body).not.toHaveProperty('phone');
    }
    const members = await coordinator.get<PersonPage>(`organisations/${posyandu.id}/members`);
    expect(members.status).toBe(200);
    expect(members.body.items.map((person) => person.id)).toContain(kader.id);
    expect(JSON.stringify(members.body)).not.toContain('@example.org');
  });

  it('shows them to a coordinator once both organisations act in one partnership', async () => {
    const staff = await register((await coordinator.user()).organisationId!, 'Staf Bappelitbang');
    const partnershipId = (
      await coordinator.post<LifecycleState>('partnerships', { name: `Kemitraan Posyandu ${randomUUID().slice(0, 6)}` })
    ).body.partnershipId;
    for (const person of [kader, staff]) {
      const assigned = await admin.post(`partnerships/${partnershipId}/representatives`, {
        personId: person.id,
        organisationId: person.memberships[0]!.organisationId,
      });
      expect(assigned.status).toBe(201);
    }

    const { body } = await coordinator.get<Person>(`people/${kader.id}`);
    expect(body).toMatchObject({ email: kader.email, phone: '+62 812 3456 7890' });
    expect((await auditor.get<Person>(`people/${kader.id}`)).body).not.toHaveProperty('email');
  });
});
