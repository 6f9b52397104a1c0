import { randomUUID } from 'node:crypto';
import type { OrganisationFilter } from '@mitra/contracts';
import { QueryPlanRecorder, systemEnv, unindexedPlans, type QueryPlan } from '@mitra/testing';
import { createOrganisationsRepository } from './organisations-repository';
import type { OrganisationsRepository } from '../src/organisations/organisations.repository';

/**
 * The hot query guard of organisation search: every read that a search or a list page sends must be
 * served by an index on the embedded database, as its own query plan says. A search that falls back
 * to a scan (a regular expression on the organisations, a count of every match, a sort the index does
 * not give) fails here rather than slowing down with the registry.
 */
describe('organisation search on the database: every read served by an index', () => {
  let recorder: QueryPlanRecorder;
  let repository: OrganisationsRepository;
  const marker = randomUUID().slice(0, 6);

  beforeAll(async () => {
    recorder = await QueryPlanRecorder.connect(systemEnv().MONGO_URL, `mitra_stakeholders_plans_${Date.now()}`);
    repository = await createOrganisationsRepository(recorder.connection);
    const sectors = ['cso', 'community', 'business', 'media'] as const;
    const regencies = ['Kota Bandung', 'Kota Cimahi', 'Kabupaten Garut'];
    for (let i = 0; i < 24; i++) {
      await repository.create(
        {
          input: {
            name: `${['Yayasan', 'Forum', 'LPM Kelurahan'][i % 3]} ${['Sehat', 'Cibangkong', 'Mandiri', 'Harapan'][i % 4]} ${marker} ${i}`,
            sector: sectors[i % sectors.length]!,
            region: { province: 'Jawa Barat', regency: regencies[i % regencies.length]!, ...(i % 5 === 0 ? { district: 'Batununggal', village: 'Cibangkong' } : {}) },
            contacts: [],
            resources: i % 2 ? [{ kind: 'funds' }, { kind: 'expertise' }] : [{ kind: 'network' }],
            vulnerableGroups: i % 3 ? ['women'] : [],
          },
          by: 'plans',
          at: new Date(),
          idempotencyKey: `plans-${marker}-${i}`,
          inputHash: 'plans',
          acknowledgedDuplicateOf: [],
        },
        { acknowledgeDuplicate: true },
      );
    }
  });

  afterAll(async () => {
    await recorder.connection.dropDatabase();
    await recorder.close();
  });

  /** A first page and the page after it, as a caller pages. */
  const twoPages = async (filter: OrganisationFilter) => {
    const first = await repository.list(filter, 3);
    const cursor = first.nextCursor ? JSON.parse(Buffer.from(first.nextCursor, 'base64url').toString('utf8')) : undefined;
    const second = cursor ? await repository.list(filter, 3, { sortKey: cursor[0], id: cursor[1], shown: cursor[2] }) : undefined;
    return [first, second];
  };

  /** A sorted scan reads an index from its start: only a plain page of everything may do that. */
  const scansWithAFilter = (plans: QueryPlan[]) =>
    plans.filter(({ plan, filter }) => /\bSCAN\b/.test(plan) && Object.keys(filter as object).some((key) => key !== '$or'));

  it.each<[string, OrganisationFilter]>([
    ['every organisation', {}],
    ['a whole word of the name', { name: 'cibangkong' }],
    ['the beginning of a word', { name: 'CIBANG' }],
    ['two words and a one-letter one', { name: `forum ${marker} s` }],
    ['a name within sectors and a region', { name: 'sehat', sectors: ['cso', 'community'], region: { province: 'jawa barat', regency: 'kota bandung' } }],
    ['one sector and a province', { sectors: ['business'], region: { province: 'Jawa Barat' } }],
    ['several sectors', { sectors: ['cso', 'media'] }],
    ['a village', { region: { province: 'Jawa Barat', village: 'Cibangkong' } }],
    ['resources and a group', { resources: ['funds', 'expertise'], vulnerableGroups: ['women'] }],
  ])('pages through %s with indexed reads only', async (_, filter) => {
    let pages: Awaited<ReturnType<typeof twoPages>> = [];
    const plans = await recorder.plansOf(async () => {
      pages = await twoPages(filter);
    });

    expect(pages[0]!.items.length).toBeGreaterThan(0);
    expect(plans.length).toBeGreaterThanOrEqual(2);
    expect(unindexedPlans(plans)).toEqual([]);
    expect(scansWithAFilter(plans)).toEqual([]);
  });

  it('would catch the search this replaced: a case-insensitive expression on the name and a count of every match', async () => {
    const organisations = recorder.connection.collection('organisations');
    const plans = await recorder.plansOf(async () => {
      await organisations.find({ name: { $regex: 'sehat', $options: 'i' } }).sort({ sortName: 1, _id: 1 }).limit(21).toArray();
      await organisations.countDocuments({ name: { $regex: 'sehat', $options: 'i' } });
    });
    expect(unindexedPlans(plans)).toHaveLength(1);
    expect(scansWithAFilter(plans)).toHaveLength(2);
  });
});
