import { randomUUID } from 'node:crypto';
import type { LifecycleState } from '@mitra/contracts';
import { ApiClient, demoAccounts } from '@mitra/testing';
import type { PartnershipAccount } from './user-contracts';

describe("a partnership's accounts: who its members see by name", () => {
  const coordinator = ApiClient.signedInAs(demoAccounts.coordinator.email);
  const forum = ApiClient.signedInAs(demoAccounts.forumCsr.email);
  const lpm = ApiClient.signedInAs(demoAccounts.lpmCibangkong.email);
  let partnershipId = '';
  let forumOrganisation = '';
  let lpmOrganisation = '';

  beforeAll(async () => {
    [forumOrganisation, lpmOrganisation] = await Promise.all(
      [forum, lpm].map(async (client) => (await client.user()).organisationId!),
    );
    const started = await coordinator.post<LifecycleState>('partnerships', {
      name: 'Kemitraan Nama Pelaku',
      leadOrganisationId: forumOrganisation,
    });
    expect(started.status).toBe(201);
    partnershipId = started.body.partnershipId;
  });

  it('names the staff and the lead’s representative to a member, without emails or outsiders', async () => {
    const { status, body } = await forum.get<PartnershipAccount[]>(`partnerships/${partnershipId}/accounts`);
    expect(status).toBe(200);
    const names = body.map((account) => account.name);
    expect(names).toEqual(
      expect.arrayContaining([demoAccounts.forumCsr.name, demoAccounts.coordinator.name]),
    );
    expect(names).not.toContain(demoAccounts.lpmCibangkong.name);
    expect(names).not.toContain(demoAccounts.auditor.name);
    expect(JSON.stringify(body)).not.toContain('@');
    expect(body.find((account) => account.name === demoAccounts.forumCsr.name)).toMatchObject({
      role: 'partner',
      organisationId: forumOrganisation,
    });
  });

  it('leaves out the coordinators and staff of unrelated partnerships', async () => {
    const admin = new ApiClient();
    const unrelated = `Koordinator Lain ${randomUUID().slice(0, 6)}`;
    const created = await admin.post('users', {
      email: `koordinator-lain-${randomUUID().slice(0, 8)}@bandung.go.id`,
      name: unrelated,
      role: 'coordinator',
      organisationId: (await coordinator.user()).organisationId,
      password: 'Tanjakan-Ciumbuleuit-1942',
    });
    expect(created.status).toBe(201);

    const { body } = await forum.get<PartnershipAccount[]>(`partnerships/${partnershipId}/accounts`);
    const names = body.map((account) => account.name);
    expect(names).toContain(demoAccounts.coordinator.name);
    expect(names).not.toContain(unrelated);
    expect(names).not.toContain('Administrator');
  });

  it('shows nothing to an organisation outside the partnership, then names it once it joins', async () => {
    expect((await lpm.get(`partnerships/${partnershipId}/accounts`)).status).toBe(404);
    const added = await coordinator.post(`partnerships/${partnershipId}/decisions/addPartner`, {
      organisationId: lpmOrganisation,
      role: 'partner',
    });
    expect(added.status).toBeLessThan(300);
    const { status, body } = await lpm.get<PartnershipAccount[]>(`partnerships/${partnershipId}/accounts`);
    expect(status).toBe(200);
    expect(body.map((account) => account.name)).toContain(demoAccounts.lpmCibangkong.name);
  });

  it('refuses an id that is not a partnership id', async () => {
    const { status, body } = await coordinator.get<{ fieldErrors?: unknown }>(
      'partnerships/not-an-id/accounts',
    );
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toContain('partnershipId');
  });
});
