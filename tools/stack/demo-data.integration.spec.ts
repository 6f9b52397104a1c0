import { ApiClient, demoAccounts, systemEnv } from '@mitra/testing';
import type { LifecycleState, OrganisationPage, StakeholderMapView } from '@mitra/contracts';
import { demoOrganisations, loadDemoData } from './demo-data';

describe('demo data', () => {
  const api = new ApiClient();

  it('registers the Bandung stakeholders once, however often it is loaded', async () => {
    const first = await loadDemoData(systemEnv().MITRA_API_URL);
    const second = await loadDemoData(systemEnv().MITRA_API_URL);

    expect(Object.values(second.organisations).map((o) => o.id)).toEqual(Object.values(first.organisations).map((o) => o.id));
    const forum = await api.get<OrganisationPage>(`organisations?name=${encodeURIComponent(demoOrganisations.forumCsr.organisation.name)}`);
    expect(forum.body.total).toEqual({ count: 1, exact: true });
  });

  it('has a Bandung map that passes the inclusiveness check and one that fails it', async () => {
    const { partnerships } = await loadDemoData(systemEnv().MITRA_API_URL);
    const stunting = await api.get<StakeholderMapView>(`partnerships/${partnerships.stunting}/stakeholder-map`);
    const csr = await api.get<StakeholderMapView>(`partnerships/${partnerships.csr}/stakeholder-map`);

    expect(stunting.body.check).toMatchObject({ passed: true, flags: [] });
    expect(csr.body.check).toMatchObject({ passed: false, flags: ['no_cso', 'no_community', 'no_women_representation'] });
    expect(csr.body.check.summary.highInfluenceWithoutSeat.map((s) => s.name)).toEqual([demoOrganisations.bappelitbang.organisation.name]);
  });

  it('makes the demo coordinator coordinate the stunting partnership, with both demo partners in it', async () => {
    const { partnerships, organisations } = await loadDemoData(systemEnv().MITRA_API_URL);
    const coordinator = ApiClient.signedInAs(demoAccounts.coordinator.email);
    const state = (await coordinator.get<LifecycleState>(`partnerships/${partnerships.stunting}`)).body;

    expect(state.coordinators).toEqual([(await coordinator.user()).id]);
    expect(state.leadOrganisationId).toBe(organisations.bappelitbang.id);
    const active = state.partners.filter((partner) => !partner.withdrawnAt).map((partner) => partner.organisationId);
    expect(active).toEqual(expect.arrayContaining([organisations.forumCsr.id, organisations.lpmCibangkong.id]));
    for (const partner of [demoAccounts.forumCsr, demoAccounts.lpmCibangkong]) {
      expect((await ApiClient.signedInAs(partner.email).get(`partnerships/${partnerships.stunting}`)).status).toBe(200);
    }
    expect((await ApiClient.signedInAs(demoAccounts.lpmCibangkong.email).get(`partnerships/${partnerships.csr}`)).status).toBe(404);
  });
});
