import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { systemEnv } from '@mitra/testing';
import { RegionCatalogue } from '@mitra/domain';
import { OrganisationRecord, OrganisationSchema } from '../organisations/organisation.schema';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { readOfficialRegions } from '../regions/region-csv';
import { migrateOrganisations } from './previous-layout';
import { codeRegions, regionCodingAuthor } from './region-coding.migration';

/** The organisations of the previous layout (see previous-layout.integration.spec.ts): regions written by hand. */
const fixture = () =>
  mongoose.mongo.BSON.EJSON.parse(
    fs.readFileSync(path.join(__dirname, 'fixtures/previous-layout.ejson'), 'utf8'),
    { relaxed: true },
  ) as Record<string, Array<Record<string, unknown>>>;
const quiet = { log: jest.fn(), warn: jest.fn() };
const catalogue = new RegionCatalogue(readOfficialRegions());

describe('coding the regions written by hand', () => {
  let connection: mongoose.Connection;
  let organisations: OrganisationsRepository;

  beforeEach(async () => {
    connection = await mongoose
      .createConnection(systemEnv().MONGO_URL, {
        dbName: `mitra_stakeholders_regions_${randomUUID().slice(0, 8)}`,
      })
      .asPromise();
    for (const [name, documents] of Object.entries(fixture()))
      await connection.collection(name).insertMany(documents as never[]);
    organisations = new OrganisationsRepository(
      connection.model(OrganisationRecord.name, OrganisationSchema),
      connection,
    );
    await migrateOrganisations(connection, organisations, quiet);
  });
  afterEach(async () => {
    await connection.db!.dropDatabase();
    await connection.close();
  });

  const idOf = async (name: string) =>
    (await connection.collection('organisations').findOne({ name }))!._id.toString();

  it('codes each region whose names lead to one official region, as a new version, once per catalogue', async () => {
    // A region that names both the regency and the city of Bandung cannot be coded.
    const cafe = await idOf('Komunitas Café Literasi Ñusa');
    const before = (await organisations.latestVersion(cafe))!;
    const { version, acknowledgedDuplicateOf, ...input } = before;
    const ambiguous = { ...input, region: { province: 'Jawa Barat', regency: 'Bandung' } };
    await organisations.appendVersion(
      cafe,
      version + 1,
      {
        input: ambiguous,
        by: 'test',
        at: new Date(),
        idempotencyKey: randomUUID(),
        inputHash: randomUUID(),
        acknowledgedDuplicateOf,
        previous: input,
      },
      { acknowledgeDuplicate: true },
    );
    const lpm = await idOf('LPM Kelurahan Cibangkong');
    const lpmBefore = (await organisations.latestVersion(lpm))!.version;
    const published: string[] = [];

    const result = await codeRegions(
      connection,
      organisations,
      catalogue,
      async (id) => void published.push(id),
      quiet,
    );

    expect(result).toEqual({ coded: 6, uncoded: 1 });
    expect(published).toHaveLength(6);
    expect(published).not.toContain(cafe);
    const coded = (await organisations.findCurrent(lpm))!;
    expect(coded).toMatchObject({
      version: lpmBefore + 1,
      updatedBy: regionCodingAuthor,
      region: {
        code: '32.73.12.1003',
        province: 'Jawa Barat',
        regency: 'Kota Bandung',
        district: 'Batununggal',
        village: 'Cibangkong',
      },
    });
    expect((await organisations.findCurrent(cafe))!.region).toEqual({
      province: 'Jawa Barat',
      regency: 'Bandung',
    });

    // Found by the code of their city now, the village's organisation included.
    const inBandung = await organisations.list({ region: { code: '32.73' } }, 100);
    expect(inBandung.items.map((organisation) => organisation.name).sort()).toEqual(
      [
        'Dinas Kesehatan Kota Bandung',
        'Forum Warga Sukaluyu',
        'LPM Kelurahan Cibangkong',
        'YAYASAN SEHAT SEJAHTERA BANDUNG',
        'Yayasan Sehat Sejahtera Bandung',
      ].sort(),
    );

    // The same catalogue again: nothing to do, not even a scan; a new catalogue finds nothing more to code.
    expect(
      await codeRegions(connection, organisations, catalogue, async () => undefined, quiet),
    ).toBeUndefined();
    await connection.collection('migrations').deleteMany({});
    expect(await codeRegions(connection, organisations, catalogue, async () => undefined, quiet)).toEqual({
      coded: 0,
      uncoded: 1,
    });
    expect((await organisations.findCurrent(lpm))!.version).toBe(lpmBefore + 1);
  });
});
