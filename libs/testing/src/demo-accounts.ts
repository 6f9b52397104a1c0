import type { CreateOrganisationInput, Organisation, OrganisationPage, Role } from '@mitra/contracts';
import type { ApiClient } from './api-client';

export interface Credentials {
  email: string;
  password: string;
}

/** The password of every demo account (README, the dev launcher and the test system). */
export const demoPassword = 'mitra-demo-2026';

/** The first administrator; the api creates it from ADMIN_EMAIL and ADMIN_PASSWORD. */
export const demoAdmin: Credentials = { email: 'admin@mitra.id', password: demoPassword };

const bandung = { province: 'Jawa Barat', regency: 'Kota Bandung' };

/** The organisations the demo accounts work for (the demo data registers them with the same keys). */
export const demoAccountOrganisations = {
  bappelitbang: {
    key: 'demo-org-bappeda-bandung',
    organisation: {
      name: 'Bappelitbang Kota Bandung',
      sector: 'government_regency',
      region: bandung,
      contacts: [{ name: 'Sekretariat KMP', email: 'kmp@bandung.go.id' }],
      resources: [
        { kind: 'regulation_support', note: 'Perwal dan rekomendasi perencanaan' },
        { kind: 'supervision_reporting' },
      ],
      vulnerableGroups: [],
    },
  },
  forumCsr: {
    key: 'demo-org-forum-csr',
    organisation: {
      name: 'Forum CSR Kota Bandung',
      sector: 'business',
      region: bandung,
      contacts: [],
      resources: [{ kind: 'funds', note: 'dana TJSL anggota forum' }, { kind: 'network' }],
      vulnerableGroups: [],
    },
  },
  lpmCibangkong: {
    key: 'demo-org-lpm-cibangkong',
    organisation: {
      name: 'LPM Kelurahan Cibangkong',
      sector: 'community',
      region: { ...bandung, district: 'Batununggal', village: 'Cibangkong' },
      contacts: [],
      resources: [{ kind: 'labour', note: 'kader posyandu dan RW' }, { kind: 'geographic_reach' }],
      vulnerableGroups: ['poor'],
    },
  },
} satisfies Record<string, { key: string; organisation: CreateOrganisationInput }>;

export type DemoAccountOrganisation = keyof typeof demoAccountOrganisations;

export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  organisation?: DemoAccountOrganisation;
}

/** The demo accounts besides the administrator (docs: the sign-in contract and README). */
export const demoAccounts = {
  coordinator: {
    email: 'koordinator@bandung.go.id',
    name: 'Rina Kurniasih',
    role: 'coordinator',
    organisation: 'bappelitbang',
  },
  forumCsr: {
    email: 'mitra@forumcsr-bandung.id',
    name: 'Hendra Gunawan',
    role: 'partner',
    organisation: 'forumCsr',
  },
  lpmCibangkong: {
    email: 'mitra@lpm-cibangkong.id',
    name: 'Asep Supriatna',
    role: 'partner',
    organisation: 'lpmCibangkong',
  },
  auditor: { email: 'auditor@bpkp.go.id', name: 'Dewi Anggraini', role: 'auditor' },
} satisfies Record<string, DemoAccount>;

export interface SeededAccounts {
  organisations: Record<DemoAccountOrganisation, Organisation>;
  /** User id by email. */
  userIds: Record<string, string>;
}

/** Registers the organisation, or finds it when it was registered before (under another key or shape). */
async function organisationOf(
  admin: ApiClient,
  { key, organisation }: { key: string; organisation: CreateOrganisationInput },
): Promise<Organisation> {
  const created = await admin.post<Organisation>('organisations', organisation, key);
  if (created.status < 300) return created.body;
  const query = new URLSearchParams({
    name: organisation.name,
    province: organisation.region.province,
    limit: '100',
  });
  const found = (await admin.get<OrganisationPage>(`organisations?${query}`)).body.items?.find(
    (item) => item.name.toLowerCase() === organisation.name.toLowerCase(),
  );
  if (!found)
    throw new Error(
      `Demo accounts: organisation ${organisation.name} could be neither registered nor found (${created.status})`,
    );
  return found;
}

/**
 * Creates the demo accounts through the admin API, with their organisations; an account that exists
 * already is left as it is, so this may run on every start.
 */
export async function seedDemoAccounts(admin: ApiClient): Promise<SeededAccounts> {
  const organisations = {} as Record<DemoAccountOrganisation, Organisation>;
  for (const name of Object.keys(demoAccountOrganisations) as DemoAccountOrganisation[]) {
    organisations[name] = await organisationOf(admin, demoAccountOrganisations[name]);
  }
  for (const account of Object.values(demoAccounts) as DemoAccount[]) {
    const created = await admin.post('users', {
      email: account.email,
      name: account.name,
      role: account.role,
      ...(account.organisation ? { organisationId: organisations[account.organisation].id } : {}),
      password: demoPassword,
    });
    if (created.status !== 201 && created.status !== 409)
      throw new Error(
        `Demo accounts: ${account.email} gave ${created.status}: ${JSON.stringify(created.body)}`,
      );
  }
  const users = (await admin.get<Array<{ id: string; email: string }>>('users')).body;
  return { organisations, userIds: Object.fromEntries(users.map((user) => [user.email, user.id])) };
}
