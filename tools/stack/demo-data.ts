import type {
  CreateOrganisationInput,
  LifecycleState,
  Organisation,
  OrganisationPage,
  Person,
  PersonInput,
  StakeholderEntryInput,
  StakeholderMapView,
  StartPartnershipInput,
} from '@mitra/contracts';
import { ApiClient, demoAccountOrganisations, demoAccounts, demoAdmin, demoPassword, seedDemoAccounts } from '@mitra/testing';

const bandung = { province: 'Jawa Barat', regency: 'Kota Bandung' };

/**
 * Organisations of Bandung's partnerships (seed 002): the four pillars (government, companies,
 * community, universities) and the civil society that speaks for women. Fixed keys: a second
 * start adds nothing. The demo accounts' organisations come from @mitra/testing, which seeds the
 * same accounts in the test system.
 */
export const demoOrganisations = {
  bappelitbang: demoAccountOrganisations.bappelitbang,
  dinkes: {
    key: 'demo-org-dinkes-bandung',
    organisation: {
      name: 'Dinas Kesehatan Kota Bandung',
      sector: 'government_regency',
      region: bandung,
      contacts: [{ name: 'Bidang Kesehatan Masyarakat', position: 'Kepala Bidang' }],
      resources: [{ kind: 'funds', note: 'APBD program gizi' }, { kind: 'expertise', note: 'tenaga gizi puskesmas' }],
      vulnerableGroups: [],
    },
  },
  forumCsr: demoAccountOrganisations.forumCsr,
  lpmCibangkong: demoAccountOrganisations.lpmCibangkong,
  pkkCibangkong: {
    key: 'demo-org-pkk-cibangkong',
    organisation: {
      name: 'TP PKK Kelurahan Cibangkong',
      sector: 'community',
      region: { ...bandung, district: 'Batununggal', village: 'Cibangkong' },
      contacts: [],
      resources: [{ kind: 'labour' }, { kind: 'network' }],
      vulnerableGroups: ['women'],
    },
  },
  yayasanPerempuan: {
    key: 'demo-org-yayasan-perempuan',
    organisation: {
      name: 'Yayasan Perempuan Mandiri Bandung',
      sector: 'cso',
      region: bandung,
      contacts: [{ name: 'Dewi Lestari', position: 'Direktur Eksekutif', email: 'dewi@example.org' }],
      resources: [{ kind: 'expertise', note: 'pendampingan ibu hamil dan menyusui' }, { kind: 'supervision_reporting' }],
      vulnerableGroups: ['women', 'poor', 'people_with_disabilities'],
    },
  },
  sdgsCenter: {
    key: 'demo-org-sdgs-center-unpad',
    organisation: {
      name: 'SDGs Center Universitas Padjadjaran',
      sector: 'academia',
      region: bandung,
      contacts: [],
      resources: [{ kind: 'expertise' }, { kind: 'supervision_reporting', note: 'evaluasi dan data dasar' }],
      vulnerableGroups: [],
    },
  },
} satisfies Record<string, { key: string; organisation: CreateOrganisationInput }>;

type DemoOrganisation = keyof typeof demoOrganisations;

export const demoPartnership: { key: string; input: StartPartnershipInput } = {
  key: 'demo-partnership-stunting-bandung',
  input: { name: 'Kemitraan Pencegahan Stunting Kota Bandung' },
};

/** The CSR programme that the study found planned by companies alone: it fails the inclusiveness check. */
export const demoCsrPartnership: { key: string; input: StartPartnershipInput } = {
  key: 'demo-partnership-tjsl-pendidikan-bandung',
  input: { name: 'Program TJSL Pendidikan Kota Bandung' },
};

type DemoEntry = Omit<StakeholderEntryInput, 'organisationId'> & { organisation: DemoOrganisation };

/** Passes: a CSO and community groups at the table, women represented. */
export const demoStuntingMap: DemoEntry[] = [
  { organisation: 'bappelitbang', interest: 4, influence: 5, role: 'lead' },
  { organisation: 'dinkes', interest: 5, influence: 4, role: 'partner' },
  { organisation: 'forumCsr', interest: 3, influence: 4, role: 'partner' },
  { organisation: 'yayasanPerempuan', interest: 5, influence: 3, role: 'partner' },
  { organisation: 'pkkCibangkong', interest: 5, influence: 2, role: 'partner' },
  { organisation: 'lpmCibangkong', interest: 5, influence: 2, role: 'beneficiary' },
  { organisation: 'sdgsCenter', interest: 3, influence: 3, role: 'evaluator' },
];

/** Fails: no CSO, no community group, nobody for women. */
export const demoCsrMap: DemoEntry[] = [
  { organisation: 'forumCsr', interest: 5, influence: 4, role: 'lead' },
  { organisation: 'bappelitbang', interest: 3, influence: 5, role: 'supporter' },
  { organisation: 'sdgsCenter', interest: 2, influence: 2, role: 'evaluator' },
];

export const demoPeople: Array<{ key: string; person: Omit<PersonInput, 'memberships'>; memberships: Array<{ organisation: DemoOrganisation; role: string }> }> = [
  { key: 'demo-person-dewi', person: { name: 'Dewi Lestari', email: 'dewi@example.org' }, memberships: [{ organisation: 'yayasanPerempuan', role: 'Direktur Eksekutif' }] },
  { key: 'demo-person-asep', person: { name: 'Asep Supriatna' }, memberships: [{ organisation: 'lpmCibangkong', role: 'Ketua LPM' }] },
  { key: 'demo-person-rina', person: { name: 'Rina Kurniasih' }, memberships: [{ organisation: 'bappelitbang', role: 'Kepala Bidang Sosial Budaya' }] },
];

/** A POST that may meet a record from an earlier start (`tolerate`: those statuses give undefined). */
async function post<T>(api: ApiClient, path: string, key: string, body: unknown, tolerate: number[] = []): Promise<T | undefined> {
  const response = await api.post<T>(path, body, key);
  if (response.status < 300) return response.body;
  if (tolerate.includes(response.status)) return undefined;
  throw new Error(`Demo data: POST ${path} gave ${response.status}: ${JSON.stringify(response.body)}`);
}

/** A record registered before the demo data had its current shape is found by its name instead. */
async function findByName(api: ApiClient, organisation: CreateOrganisationInput): Promise<Organisation | undefined> {
  const query = new URLSearchParams({ name: organisation.name, province: organisation.region.province, limit: '100' });
  const page = await api.get<OrganisationPage>(`organisations?${query}`);
  return page.body.items?.find((item) => item.name.toLowerCase() === organisation.name.toLowerCase());
}

export interface LoadedDemoData {
  organisations: Record<DemoOrganisation, Organisation>;
  partnerships: { stunting: string; csr: string };
  maps: { stunting?: StakeholderMapView; csr?: StakeholderMapView };
}

/** Loads the demo through the api as its administrator (and the demo coordinator); every step may run again. */
export async function loadDemoData(apiUrl: string): Promise<LoadedDemoData> {
  const api = new ApiClient(apiUrl, demoAdmin);
  const coordinator = ApiClient.signedInAs(demoAccounts.coordinator.email, { password: demoPassword, baseUrl: apiUrl });
  const organisations = {} as Record<DemoOrganisation, Organisation>;
  for (const [name, { key, organisation }] of Object.entries(demoOrganisations) as Array<[DemoOrganisation, { key: string; organisation: CreateOrganisationInput }]>) {
    const created = (await post<Organisation>(api, 'organisations', key, organisation, [409])) ?? (await findByName(api, organisation));
    if (!created) throw new Error(`Demo data: organisation ${organisation.name} could be neither registered nor found`);
    organisations[name] = created;
  }
  await seedDemoAccounts(api);

  const people: Person[] = [];
  for (const { key, person, memberships } of demoPeople) {
    const body = { ...person, memberships: memberships.map(({ organisation, role }) => ({ organisationId: organisations[organisation].id, role })) };
    const created = await post<Person>(api, 'people', key, body, [409]);
    if (created) people.push(created);
  }

  // The demo coordinator starts (and so coordinates) the stunting partnership, led by its organisation.
  const stunting =
    (await post<LifecycleState>(coordinator, 'partnerships', demoPartnership.key, { ...demoPartnership.input, leadOrganisationId: organisations.bappelitbang.id }, [409])) ??
    // 409: started by the administrator before the demo accounts existed; `.data/dev` keeps it so.
    (await post<LifecycleState>(api, 'partnerships', demoPartnership.key, demoPartnership.input))!;
  const csr = (await post<LifecycleState>(api, 'partnerships', demoCsrPartnership.key, { ...demoCsrPartnership.input, leadOrganisationId: organisations.forumCsr.id }))!;
  const partnerships = { stunting: stunting.partnershipId, csr: csr.partnershipId };

  // The organisations of the map join as partners (the demo partners' among them); 403: an old start the coordinator does not coordinate.
  for (const { organisation, role } of demoStuntingMap) {
    if (role === 'lead') continue;
    await post(coordinator, `partnerships/${partnerships.stunting}/decisions/addPartner`, `demo-partner-stunting-${organisation}`, { organisationId: organisations[organisation].id, role }, [403, 409]);
  }

  // Each person acts for its organisation in the stunting partnership.
  for (const person of people) {
    const [membership] = person.memberships;
    await post(api, `partnerships/${partnerships.stunting}/representatives`, `demo-representative-${person.id}`, { personId: person.id, organisationId: membership.organisationId }, [409]);
  }

  // A partnership that already has a map keeps it (409: the map is past version 0).
  const writeMap = (partnershipId: string, key: string, entries: DemoEntry[]) =>
    post<StakeholderMapView>(
      api,
      `partnerships/${partnershipId}/stakeholder-map/versions`,
      key,
      { basedOnVersion: 0, entries: entries.map(({ organisation, ...entry }) => ({ organisationId: organisations[organisation].id, ...entry })) },
      [409],
    );
  const maps = {
    stunting: await writeMap(partnerships.stunting, 'demo-map-stunting-bandung', demoStuntingMap),
    csr: await writeMap(partnerships.csr, 'demo-map-tjsl-pendidikan-bandung', demoCsrMap),
  };
  return { organisations, partnerships, maps };
}
