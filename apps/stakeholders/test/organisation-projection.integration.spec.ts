import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import type { OrganisationInput } from '@mitra/contracts';
import { systemEnv } from '@mitra/testing';
import { migrateOrganisations } from '../src/migration/previous-layout';
import { organisationClaimKey } from '../src/organisations/organisation-claim';
import { stateOf } from '../src/organisations/organisation-projection';
import { inputOf, revisionEvent, type OrganisationChange } from '../src/organisations/organisation-revisions';
import type { OrganisationsRepository } from '../src/organisations/organisations.repository';
import { organisationInput } from './stakeholders-caller';
import { createOrganisationsRepository } from './organisations-repository';

/** The read model follows the revision log without transactions: what a late or stopped writer leaves is put right. */
describe('organisations: the current-state document and search keys follow the revision log', () => {
  let connection: mongoose.Connection;
  let repository: OrganisationsRepository;
  const quiet = { log: jest.fn(), warn: jest.fn() };

  beforeAll(async () => {
    connection = await mongoose.createConnection(systemEnv().MONGO_URL, { dbName: `mitra_stakeholders_projection_${randomUUID().slice(0, 8)}` }).asPromise();
    repository = await createOrganisationsRepository(connection);
  });
  afterAll(async () => {
    await connection.db!.dropDatabase();
    await connection.close();
  });

  const newInput = (overrides: Partial<OrganisationInput> = {}) => inputOf(organisationInput(overrides));
  const register = async (input: OrganisationInput = newInput()) => {
    const created = await repository.create(
      { input, by: 'test', at: new Date(), idempotencyKey: `create-${randomUUID()}`, inputHash: 'h', acknowledgedDuplicateOf: [] },
      { acknowledgeDuplicate: false },
    );
    if ('claimedBy' in created) throw new Error('claimed elsewhere');
    return created.organisation;
  };
  /** Appends a revision as a writer does that stops right after it: nothing projected. */
  const appendOnly = async (id: string, revision: number, organisation: OrganisationInput) => {
    const change: OrganisationChange = { organisation, acknowledgedDuplicateOf: [], at: new Date(), by: 'test' };
    const result = await repository.store.append(id, revision - 1, change, [revisionEvent(id, revision, change)], { idempotencyKey: `edit-${randomUUID()}`, inputHash: 'h' });
    expect(result.status).toBe('appended');
    return change;
  };
  const record = (id: string) => connection.collection('organisations').findOne({ _id: new mongoose.Types.ObjectId(id) });
  const keyVersions = async (id: string) => [...new Set((await connection.collection('organisation_search').find({ o: id }).toArray()).map((key) => key.v))];
  const found = async (name: string) => (await repository.list({ name }, 20)).items.map((o) => [o.id, o.version]);

  it('projects the newest revision whichever writer finishes last, leaving only its search keys and claim', async () => {
    const created = await register();
    const second = newInput({ region: created.region });
    const third = newInput({ region: created.region });
    await appendOnly(created.id, 2, second);
    await appendOnly(created.id, 3, third);

    await Promise.all(Array.from({ length: 6 }, () => repository.projection.project(created.id)));

    expect(await record(created.id)).toMatchObject({ version: 3, name: third.name, identityClaim: organisationClaimKey(third), projected: true });
    expect(await keyVersions(created.id)).toEqual([3]);
    expect(await found(third.name)).toEqual([[created.id, 3]]);
    expect(await found(second.name)).toEqual([]);
  });

  it('catches a document that trails its log up when the organisation is read', async () => {
    const created = await register();
    const second = { ...inputOf(created), name: `${created.name} Baru` };
    await appendOnly(created.id, 2, second);
    // As a late writer on FerretDB may leave it: revision 2 in the log, the document still at 1.
    expect(await record(created.id)).toMatchObject({ version: 1 });

    expect(await repository.findCurrent(created.id)).toMatchObject({ version: 2, name: second.name });
    expect(await record(created.id)).toMatchObject({ version: 2, name: second.name });
    expect(await found(second.name)).toEqual([[created.id, 2]]);
  });

  it('finishes at start-up a projection that stopped after the document, before the search keys', async () => {
    const created = await register();
    const second = { ...inputOf(created), name: `${created.name} Kedua` };
    const change = await appendOnly(created.id, 2, second);
    // What a projection leaves that stopped right after its first write.
    await repository.model.updateOne({ _id: created.id }, { $set: { ...stateOf(2, change), projected: false } }).exec();
    expect(await found(second.name)).toEqual([]);

    expect((await migrateOrganisations(connection, repository, quiet)).recordsProjected).toBe(1);

    expect(await record(created.id)).toMatchObject({ version: 2, projected: true });
    expect(await keyVersions(created.id)).toEqual([2]);
    expect(await found(second.name)).toEqual([[created.id, 2]]);
  });

  it('completes at start-up a registration that stopped after its insert: revision 1 with its event, claim and search keys', async () => {
    const input = newInput();
    const id = new mongoose.Types.ObjectId();
    const at = new Date();
    // What `create` inserts before it appends revision 1.
    await repository.model.create({
      _id: id,
      ...stateOf(1, { organisation: input, acknowledgedDuplicateOf: [], at, by: 'test' }),
      identityClaim: organisationClaimKey(input),
      projected: false,
      createdAt: at,
      createdBy: 'test',
      idempotencyKey: `stopped-${randomUUID()}`,
      inputHash: 'h',
    });
    expect(await found(input.name)).toEqual([]);

    const report = await migrateOrganisations(connection, repository, quiet);

    expect(report.recordsProjected).toBe(1);
    expect(await record(id.toString())).toMatchObject({ projected: true, version: 1, identityClaim: organisationClaimKey(input) });
    expect(await found(input.name)).toEqual([[id.toString(), 1]]);
    const pending = await repository.store.pendingEvents({ aggregateId: id.toString(), limit: 10 });
    expect(pending.map((p) => p.events.map((e) => e.type))).toEqual([['stakeholders.organisation.registered']]);
    expect((await migrateOrganisations(connection, repository, quiet)).recordsProjected).toBe(0);
  });
});
