import {
  agreementFieldsSchema,
  toFieldErrors,
  type AgreementFields,
  type LifecycleState,
  type Organisation,
  type Person,
  type Representative,
} from '@mitra/contracts';
import {
  emptyContribution,
  formValuesFromFields,
  fundsOf,
  prefillDraft,
  signingAccountsOf,
  toAgreementFields,
  type DraftFormValues,
  type PrefillSources,
} from './draft-form';
import { draftErrorPlaces, placeFieldErrors } from './field-errors';

const ids = {
  forum: '64c000000000000000000002',
  lpm: '64c000000000000000000003',
  pemkot: '64c000000000000000000001',
  left: '64c000000000000000000004',
  hendra: '64d000000000000000000001',
  asep: '64d000000000000000000002',
  asepBefore: '64d000000000000000000003',
} as const;

function organisation(
  id: string,
  name: string,
  sector: Organisation['sector'],
  regency?: string,
): Organisation {
  return {
    id,
    name,
    sector,
    region: { province: 'Jawa Barat', ...(regency ? { regency } : {}) },
    contacts: [],
    resources: [],
    vulnerableGroups: [],
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: 'admin',
    updatedAt: '2026-01-01T00:00:00.000Z',
    updatedBy: 'admin',
  };
}

function person(id: string, name: string, organisationId: string, role: string): Person {
  return {
    id,
    name,
    memberships: [{ organisationId, role, since: '2026-01-01T00:00:00.000Z' }],
    pastMemberships: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: 'admin',
  };
}

const representative = (personId: string, organisationId: string, assignedAt: string): Representative => ({
  partnershipId: 'p1',
  personId,
  organisationId,
  assignedAt,
  assignedBy: 'coord-1',
});

const partnership: Pick<LifecycleState, 'name' | 'partners'> = {
  name: 'Bandung Bebas Sampah Plastik',
  partners: [
    { organisationId: ids.lpm, role: 'partner', joinedAt: '2026-02-01T00:00:00.000Z' },
    {
      organisationId: ids.left,
      role: 'supporter',
      joinedAt: '2026-02-02T00:00:00.000Z',
      withdrawnAt: '2026-03-01T00:00:00.000Z',
    },
    { organisationId: ids.pemkot, role: 'supporter', joinedAt: '2026-02-03T00:00:00.000Z' },
    { organisationId: ids.forum, role: 'lead', joinedAt: '2026-01-01T00:00:00.000Z' },
  ],
};

const sources: PrefillSources = {
  partnership,
  organisations: [
    organisation(ids.forum, 'Forum CSR Kota Bandung', 'business', 'Kota Bandung'),
    organisation(ids.lpm, 'LPM Kelurahan Cibangkong', 'community', 'Kota Bandung'),
    organisation(ids.left, 'Yayasan yang Keluar', 'cso'),
  ],
  representatives: [
    representative(ids.hendra, ids.forum, '2026-02-01T00:00:00.000Z'),
    representative(ids.asepBefore, ids.lpm, '2026-02-01T00:00:00.000Z'),
    representative(ids.asep, ids.lpm, '2026-02-05T00:00:00.000Z'),
  ],
  people: [
    person(ids.hendra, 'Hendra Gunawan', ids.forum, 'Ketua Forum'),
    person(ids.asep, 'Asep Supriatna', ids.lpm, 'Ketua LPM'),
    person(ids.asepBefore, 'Wakil Lama', ids.lpm, 'Sekretaris'),
  ],
  plan: { sdgTargets: ['11.6', '12.5'] },
  accounts: [
    { id: 'user-hendra', name: 'Hendra Gunawan', role: 'partner', organisationId: ids.forum },
    { id: 'user-forum-staff', name: 'Staf Forum', role: 'partner', organisationId: ids.forum },
    { id: 'user-asep', name: 'Asep Supriatna', role: 'partner', organisationId: ids.lpm },
    { id: 'user-koordinator', name: 'Rina Kurniasih', role: 'coordinator' },
  ],
};

const fields: AgreementFields = {
  title: 'Kemitraan Bandung Bebas Sampah Plastik',
  place: 'Bandung',
  parties: [
    {
      organisationId: ids.forum,
      name: 'Forum CSR Kota Bandung',
      sector: 'business',
      address: 'Jl. Wastukancana No. 2, Bandung',
      role: 'lead',
      representative: { userId: 'user-hendra', name: 'Hendra Gunawan', title: 'Ketua Forum' },
      responsibilities: ['Menghimpun dana TJSL', 'Memantau bank sampah'],
      contributions: [
        { kind: 'funds', description: 'Dana TJSL', amountIdr: 450_000_000 },
        { kind: 'expertise', description: 'Pendamping teknis' },
      ],
    },
    {
      organisationId: ids.lpm,
      name: 'LPM Kelurahan Cibangkong',
      sector: 'community',
      role: 'partner',
      representative: { userId: 'user-asep', name: 'Asep Supriatna', title: 'Ketua LPM' },
      responsibilities: ['Menggerakkan warga memilah sampah'],
      contributions: [],
    },
  ],
  mouReference: 'Nota Kesepahaman Nomor 01/KMP/2026',
  background: 'Sampah plastik rumah tangga terus meningkat.',
  purpose: 'Mengurangi sampah plastik rumah tangga sebesar 30 persen.',
  scope: ['Bank sampah di setiap RW', 'Kampanye pengurangan plastik'],
  sdgTargets: ['11.6', '12.5'],
  governance: { body: 'Sekretariat Bersama KMP', decisionRule: 'majority', meetingFrequency: 'quarterly' },
  communication: 'Rapat koordinasi bulanan.',
  funding: { mechanism: 'co_funding', notes: 'Dana TJSL disalurkan per triwulan.' },
  reporting: { frequency: 'semiannual', notes: 'Laporan daring.' },
  confidentiality: 'Data pribadi warga tidak dibagikan.',
  startDate: '2026-10-01',
  durationMonths: 24,
  disputeVenue: 'Pengadilan Negeri Bandung',
};

/** How the api would refuse what the form sends: its contract, with the body's `fields.` prefix. */
const refusalOf = (draft: unknown) => {
  const result = agreementFieldsSchema.safeParse(draft);
  return result.success
    ? []
    : toFieldErrors(result.error).map((error) => ({ ...error, field: `fields.${error.field}` }));
};

describe('pre-filling a draft from the partnership', () => {
  const values = prefillDraft(sources);

  it('names the active partners as parties, the lead first, with their registered names, sectors and roles', () => {
    expect(
      values.parties.map((party) => [party.organisationId, party.name, party.sector, party.role]),
    ).toEqual([
      [ids.forum, 'Forum CSR Kota Bandung', 'business', 'lead'],
      [ids.lpm, 'LPM Kelurahan Cibangkong', 'community', 'partner'],
      // Not readable: the coordinator fills in its name and sector.
      [ids.pemkot, '', '', 'supporter'],
    ]);
  });

  it("takes each party's signatory from the representative assigned last, with the position held there", () => {
    expect(values.parties.map((party) => party.representative)).toEqual([
      { userId: 'user-hendra', name: 'Hendra Gunawan', title: 'Ketua Forum' },
      { userId: 'user-asep', name: 'Asep Supriatna', title: 'Ketua LPM' },
      { userId: '', name: '', title: '' },
    ]);
  });

  it("leaves the account to the coordinator when none bears the person's name and several could sign", () => {
    const renamed = prefillDraft({
      ...sources,
      people: sources.people.filter((person) => person.id !== ids.hendra),
    });
    expect(renamed.parties[0].representative.userId).toBe('');
    const single = prefillDraft({
      ...sources,
      accounts: sources.accounts.filter((account) => account.id !== 'user-hendra'),
    });
    expect(single.parties[0].representative).toMatchObject({
      userId: 'user-forum-staff',
      name: 'Hendra Gunawan',
    });
  });

  it('offers the lead the accounts of its coordinators, as any party its representatives', () => {
    const led = prefillDraft({
      ...sources,
      representatives: [representative('person-rina', ids.pemkot, '2026-02-01T00:00:00.000Z')],
      people: [person('person-rina', 'Rina Kurniasih', ids.pemkot, 'Kepala Bidang')],
      accounts: [
        { id: 'user-rina', name: 'Rina Kurniasih', role: 'coordinator', organisationId: ids.pemkot },
        { id: 'user-auditor', name: 'Dewi Anggraini', role: 'auditor', organisationId: ids.pemkot },
      ],
    });
    expect(led.parties.find((party) => party.organisationId === ids.pemkot)?.representative).toEqual({
      userId: 'user-rina',
      name: 'Rina Kurniasih',
      title: 'Kepala Bidang',
    });
    expect(
      signingAccountsOf(ids.pemkot, [
        { id: 'user-rina', name: 'Rina Kurniasih', role: 'coordinator', organisationId: ids.pemkot },
        { id: 'user-auditor', name: 'Dewi Anggraini', role: 'auditor', organisationId: ids.pemkot },
        { id: 'user-admin', name: 'Admin', role: 'admin', organisationId: ids.pemkot },
      ]).map((account) => account.id),
    ).toEqual(['user-rina']);
  });

  it("takes the SDG targets of the monitoring plan, the partnership's name and the lead's city", () => {
    expect(values.sdgTargets).toEqual(['11.6', '12.5']);
    expect(values.title).toBe('Bandung Bebas Sampah Plastik');
    expect(values.place).toBe('Kota Bandung');
  });

  it('starts without SDG targets or place when there is no plan and the lead is unknown', () => {
    const bare = prefillDraft({ ...sources, organisations: [], plan: undefined });
    expect(bare.sdgTargets).toEqual([]);
    expect(bare.place).toBe('');
  });

  it('is refused by the api only at inputs of the form, the unknown signatory accounts among them', () => {
    const { placed, unplaced } = placeFieldErrors(
      refusalOf(toAgreementFields('mou', prefillDraft({ ...sources, accounts: [] }))),
      draftErrorPlaces,
    );
    expect(unplaced).toEqual([]);
    expect(placed).toMatchObject({
      'parties.0.representative.userId': 'is required',
      'parties.1.representative.userId': 'is required',
      'parties.2.name': 'is required',
      'parties.2.sector': expect.stringMatching(/^Invalid option/),
      'parties.0.responsibilities': 'must list at least one responsibility',
      background: 'is required',
      'funding.mechanism': expect.stringMatching(/^Invalid option/),
      startDate: 'must be a date YYYY-MM-DD',
      durationMonths: 'is required',
    });
    expect(placed).not.toHaveProperty('sdgTargets');
  });
});

describe('the form values as agreement fields', () => {
  it('give back the fields of a version they were made from', () => {
    expect(toAgreementFields('pks', formValuesFromFields(fields))).toEqual(fields);
    expect(agreementFieldsSchema.parse(toAgreementFields('pks', formValuesFromFields(fields)))).toEqual(
      fields,
    );
  });

  it('leave out the MoU reference of an MoU', () => {
    expect(toAgreementFields('mou', formValuesFromFields(fields))).not.toHaveProperty('mouReference');
  });

  it('read lines as list items and leave out blank lines, blank optional texts and unmade choices', () => {
    const values: DraftFormValues = {
      ...formValuesFromFields(fields),
      scope: '  Bank sampah di setiap RW \n\n Kampanye  \n',
      sdgTargets: [' 11.6', '11.6', '12.5 '],
      confidentiality: '   ',
      durationMonths: '',
      funding: { mechanism: '', notes: '' },
    };
    const draft = toAgreementFields('mou', values);
    expect(draft.scope).toEqual(['Bank sampah di setiap RW', 'Kampanye']);
    expect(draft.sdgTargets).toEqual(['11.6', '12.5']);
    expect(draft.funding).toEqual({});
    expect(draft).not.toHaveProperty('confidentiality');
    expect(draft).not.toHaveProperty('durationMonths');
  });

  it('send a contribution without an amount without one, and an unchosen kind as missing', () => {
    const values = formValuesFromFields(fields);
    values.parties[1].contributions = [{ ...emptyContribution(), description: ' Kader lingkungan ' }];
    expect(toAgreementFields('mou', values).parties?.[1].contributions).toEqual([
      { description: 'Kader lingkungan' },
    ]);
    const { placed } = placeFieldErrors(refusalOf(toAgreementFields('mou', values)), draftErrorPlaces);
    expect(placed).toEqual({ 'parties.1.contributions.0.kind': expect.any(String) });
  });

  it('show a party without a representative at its signatory inputs', () => {
    const values = formValuesFromFields(fields);
    values.parties[1].representative = { userId: '', name: '', title: '' };
    const { placed, unplaced } = placeFieldErrors(
      refusalOf(toAgreementFields('mou', values)),
      draftErrorPlaces,
    );
    expect(unplaced).toEqual([]);
    expect(placed).toEqual({
      'parties.1.representative.userId': 'is required',
      'parties.1.representative.name': 'is required',
      'parties.1.representative.title': 'is required',
    });
  });
});

describe('the funds a party brings', () => {
  it('add up the amounts of its funds, not of other contributions', () => {
    const [forum, lpm] = formValuesFromFields(fields).parties;
    forum.contributions.push({ ...emptyContribution(), kind: 'funds', amountIdr: 800_000_000 });
    forum.contributions.push({ ...emptyContribution(), kind: 'facilities', amountIdr: 5_000_000 });
    expect(fundsOf(forum)).toBe(1_250_000_000);
    expect(fundsOf(lpm)).toBe(0);
  });
});
