import { randomUUID } from 'node:crypto';
import type mongoose from 'mongoose';
import {
  ErrorCode,
  type OfficialRegion,
  type Organisation,
  type OrganisationFilter,
  type OrganisationPage,
  StakeholdersContracts,
} from '@mitra/contracts';
import {
  actors,
  key,
  organisationInput,
  StakeholdersCaller,
  stakeholdersDatabase,
} from './stakeholders-caller';

describe('stakeholders service: official region codes', () => {
  const service = new StakeholdersCaller();
  let database: mongoose.Connection;

  beforeAll(async () => {
    database = await stakeholdersDatabase();
  });
  afterAll(async () => {
    await service.close();
    await database.close();
  });

  const search = (query: object) =>
    service.send<OfficialRegion[]>(StakeholdersContracts.SearchRegions.subject, {
      actor: actors.partnerOf('0123456789abcdef01234567'),
      ...query,
    });
  const register = (region: object, name = `Yayasan Wilayah ${randomUUID().slice(0, 8)}`) =>
    service.send<Organisation>(StakeholdersContracts.CreateOrganisation.subject, {
      idempotencyKey: key(),
      actor: actors.coordinator,
      organisation: organisationInput({ name, region: region as Organisation['region'] }),
    });
  const list = (filter: OrganisationFilter) =>
    service.send<OrganisationPage>(StakeholdersContracts.ListOrganisations.subject, {
      actor: actors.auditor,
      filter,
      limit: 100,
    });

  it('finds regions by name for any signed-in role, with the regions above them', async () => {
    const found = await search({ name: 'cibangkong', level: 'village' });
    expect(found).toEqual([
      {
        code: '32.73.12.1003',
        name: 'Cibangkong',
        level: 'village',
        parents: [
          { code: '32', name: 'Jawa Barat' },
          { code: '32.73', name: 'Kota Bandung' },
          { code: '32.73.12', name: 'Batununggal' },
        ],
      },
      expect.objectContaining({ code: '33.02.16.2005', name: 'Cibangkong' }),
    ]);
    expect((await search({ name: 'cibangkong', within: '32.73' })).map((region) => region.code)).toEqual([
      '32.73.12.1003',
    ]);
    const regions = await service.send<OfficialRegion[]>(StakeholdersContracts.GetRegions.subject, {
      actor: actors.auditor,
      codes: ['32.73', '32'],
    });
    expect(regions.map((region) => region.name)).toEqual(['Kota Bandung', 'Jawa Barat']);
  });

  it('refuses a malformed code and reports an unknown one as not found', async () => {
    const malformed = await service.error(StakeholdersContracts.SearchRegions.subject, {
      actor: actors.auditor,
      within: '32.7',
    });
    expect(malformed.errors).toEqual([
      expect.objectContaining({ field: 'within', reason: expect.stringContaining('official region code') }),
    ]);
    const unknown = await service.error(StakeholdersContracts.GetRegions.subject, {
      actor: actors.auditor,
      codes: ['32.73', '32.99'],
    });
    expect(unknown).toMatchObject({ code: ErrorCode.NotFound, message: 'The region 32.99 was not found.' });
  });

  it('registers an organisation by its village code, with the official names filled in', async () => {
    const created = await register({ code: '32.73.12.1003' });
    expect(created.region).toEqual({
      code: '32.73.12.1003',
      province: 'Jawa Barat',
      regency: 'Kota Bandung',
      district: 'Batununggal',
      village: 'Cibangkong',
    });
    const read = await service.send<Organisation>(StakeholdersContracts.GetOrganisation.subject, {
      actor: actors.auditor,
      id: created.id,
    });
    expect(read).toEqual(created);
  });

  it('refuses a code that is not official and names that contradict the code, storing nothing', async () => {
    const organisations = database.collection('organisations');
    const name = `Yayasan Salah Kode ${randomUUID().slice(0, 8)}`;
    const unknown = await service.error(StakeholdersContracts.CreateOrganisation.subject, {
      idempotencyKey: key(),
      actor: actors.coordinator,
      organisation: organisationInput({ name, region: { code: '32.73.99' } as Organisation['region'] }),
    });
    expect(unknown).toMatchObject({
      code: ErrorCode.ValidationFailed,
      refusal: { code: 'stakeholders.region_unknown', params: { code: '32.73.99' } },
      errors: [expect.objectContaining({ field: 'organisation.region.code' })],
    });
    const disagreeing = await service.error(StakeholdersContracts.CreateOrganisation.subject, {
      idempotencyKey: key(),
      actor: actors.coordinator,
      organisation: organisationInput({
        name,
        region: { code: '32.73', province: 'Jawa Barat', regency: 'Kabupaten Bandung' },
      }),
    });
    expect(disagreeing).toMatchObject({
      code: ErrorCode.ValidationFailed,
      refusal: {
        code: 'stakeholders.region_names_disagree',
        params: { code: '32.73', given: 'Kabupaten Bandung', official: 'Kota Bandung' },
      },
      errors: [expect.objectContaining({ field: 'organisation.region.regency' })],
    });
    expect(await organisations.countDocuments({ name })).toBe(0);
  });

  it('codes a region written by hand when its names lead to one official region, and keeps it uncoded otherwise', async () => {
    const coded = await register({
      province: 'Jawa Barat',
      regency: 'kota bandung',
      district: 'Batununggal',
      village: 'Cibangkong',
    });
    expect(coded.region.code).toBe('32.73.12.1003');
    // "Bandung" is both the regency and the city: kept as written, without a code.
    const ambiguous = await register({ province: 'Jawa Barat', regency: 'Bandung' });
    expect(ambiguous.region).toEqual({ province: 'Jawa Barat', regency: 'Bandung' });
  });

  it('finds the organisations within a region, its sub-regions included, and no others', async () => {
    const marker = `Wilayahuji${randomUUID().slice(0, 6)}`;
    const inVillage = await register({ code: '32.73.12.1003' }, `${marker} Cibangkong`);
    const inCity = await register({ code: '32.73' }, `${marker} Kota`);
    const inRegency = await register({ code: '32.04.37' }, `${marker} Soreang`);

    const names = async (filter: OrganisationFilter) =>
      (await list(filter)).items.map((organisation) => organisation.name).sort();
    expect(await names({ name: marker, region: { code: '32.73' } })).toEqual(
      [inVillage.name, inCity.name].sort(),
    );
    expect(await names({ name: marker, region: { code: '32' } })).toEqual(
      [inVillage.name, inCity.name, inRegency.name].sort(),
    );
    expect(await names({ name: marker, region: { code: '32.73.12' } })).toEqual([inVillage.name]);
    // Without a name to read by, the code itself is the index range read.
    const byCode = await list({ region: { code: '32.73.12.1003' } });
    expect(byCode.items.map((organisation) => organisation.id)).toContain(inVillage.id);
    expect(
      byCode.items
        .filter((organisation) => organisation.region.code !== '32.73.12.1003')
        .map((o) => o.region),
    ).toEqual([]);
  });
});
