import type { CreateOrganisationInput, StartPartnershipInput } from '@mitra/contracts';

/** Organisations of a Bandung four-pillar partnership (seed 002). Fixed keys: a second start adds nothing. */
export const demoOrganisations: Array<{ key: string; organisation: CreateOrganisationInput }> = [
  {
    key: 'demo-org-bappeda-bandung',
    organisation: {
      name: 'Bappelitbang Kota Bandung',
      sector: 'government_regency',
      region: { province: 'Jawa Barat', regency: 'Kota Bandung' },
      contacts: [{ name: 'Sekretariat KMP', email: 'kmp@bandung.go.id' }],
    },
  },
  {
    key: 'demo-org-forum-csr',
    organisation: {
      name: 'Forum CSR Kota Bandung',
      sector: 'business',
      region: { province: 'Jawa Barat', regency: 'Kota Bandung' },
      contacts: [],
    },
  },
  {
    key: 'demo-org-lpm-cibangkong',
    organisation: {
      name: 'LPM Kelurahan Cibangkong',
      sector: 'community',
      region: { province: 'Jawa Barat', regency: 'Kota Bandung', district: 'Batununggal', village: 'Cibangkong' },
      contacts: [],
    },
  },
  {
    key: 'demo-org-sdgs-center-unpad',
    organisation: {
      name: 'SDGs Center Universitas Padjadjaran',
      sector: 'academia',
      region: { province: 'Jawa Barat', regency: 'Kota Bandung' },
      contacts: [],
    },
  },
];

export const demoPartnership: { key: string; input: StartPartnershipInput } = {
  key: 'demo-partnership-stunting-bandung',
  input: { name: 'Kemitraan Pencegahan Stunting Kota Bandung' },
};

async function post(apiUrl: string, path: string, key: string, body: unknown): Promise<void> {
  const response = await fetch(`${apiUrl}/api/v1/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`Demo data: POST ${path} gave ${response.status}: ${await response.text()}`);
}

export async function loadDemoData(apiUrl: string): Promise<void> {
  for (const { key, organisation } of demoOrganisations) await post(apiUrl, 'organisations', key, organisation);
  await post(apiUrl, 'partnerships', demoPartnership.key, demoPartnership.input);
}
