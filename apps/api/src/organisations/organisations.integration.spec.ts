import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import type { ClientProxy } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';
import {
  duplicateOfField,
  duplicateOfNameField,
  ErrorCode,
  type CreateOrganisationInput,
  type DuplicateOrganisationPage,
  type ErrorBody,
  type Organisation,
  type OrganisationPage,
  type OrganisationVersion,
  StakeholdersContracts,
} from '@mitra/contracts';
import { freePorts, startApp, startNats, type ManagedProcess } from '@mitra/stack';
import { signingNatsClientProxy } from '@mitra/platform';
import { ApiClient, systemEnv, systemKeysDir, testCallerConfig, vouchedBySubject } from '@mitra/testing';

const organisation = (name = `Yayasan Uji ${randomUUID().slice(0, 8)}`, overrides: Partial<CreateOrganisationInput> = {}): CreateOrganisationInput => ({
  name,
  sector: 'cso',
  region: { province: 'Jawa Barat', regency: 'Kota Bandung' },
  contacts: [{ name: 'Siti', email: 'siti@example.org' }],
  resources: [{ kind: 'expertise', note: 'gizi anak' }],
  vulnerableGroups: ['women'],
  ...overrides,
});

describe('organisations: api → NATS → stakeholders → database', () => {
  const api = new ApiClient();
  let database: mongoose.Connection;
  let organisations: mongoose.Collection;

  beforeAll(async () => {
    database = await mongoose.createConnection(systemEnv().MONGO_URL, { dbName: 'mitra_stakeholders' }).asPromise();
    organisations = database.collection('organisations');
  });
  afterAll(() => database.close());

  it('creates an organisation and reads it back', async () => {
    const input = organisation();
    const created = await api.post<Organisation>('organisations', input);

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...input, createdBy: (await api.user()).id });
    const read = await api.get<Organisation>(`organisations/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it('gives one record for the same idempotency key sent twice', async () => {
    const key = `org-${randomUUID()}`;
    const input = organisation();
    const [first, second] = await Promise.all([api.post<Organisation>('organisations', input, key), api.post<Organisation>('organisations', input, key)]);

    expect(first.body.id).toBe(second.body.id);
    expect(await organisations.countDocuments({ idempotencyKey: key })).toBe(1);
  });

  it('refuses the same idempotency key for a different organisation with 409, storing nothing', async () => {
    const key = `org-${randomUUID()}`;
    await api.post('organisations', organisation('Yayasan Pertama'), key);
    const reused = await api.post<ErrorBody>('organisations', organisation('Yayasan Kedua'), key);

    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe(ErrorCode.Conflict);
    expect(await organisations.countDocuments({ name: 'Yayasan Kedua' })).toBe(0);
  });

  it('refuses invalid input at the api with field errors and stores nothing', async () => {
    const before = await organisations.countDocuments();
    const { status, body } = await api.post<ErrorBody>('organisations', {
      name: 'X',
      sector: 'bank',
      region: {},
      contacts: [{ name: 'A', email: 'not-an-email' }],
      owner: 'me',
    });

    expect(status).toBe(400);
    expect(body.code).toBe(ErrorCode.ValidationFailed);
    expect(body.errors?.map((e) => e.field).sort()).toEqual(
      ['contacts.0.email', 'name', 'owner', 'region.province', 'sector'].sort(),
    );
    expect(await organisations.countDocuments()).toBe(before);
  });

  it('refuses a command without an idempotency key', async () => {
    const { status, body } = await api.post<ErrorBody>('organisations', organisation(), null);

    expect(status).toBe(400);
    expect(body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key', reason: 'is required' })]);
  });

  it('answers 400 for a malformed id and 404 for an unknown one', async () => {
    expect((await api.get('organisations/not-an-id')).status).toBe(400);
    expect((await api.get('organisations/0123456789abcdef01234567')).status).toBe(404);
  });

  it('keeps the full record: region down to the village, contacts, resources and the groups represented', async () => {
    const input = organisation(undefined, {
      sector: 'community',
      region: { province: 'Jawa Barat', regency: 'Kota Bandung', district: 'Batununggal', village: 'Cibangkong' },
      contacts: [{ name: 'Pak RW', position: 'Ketua RW 05', phone: '+62 812 0000 0000' }],
      resources: [{ kind: 'labour', note: 'kader posyandu' }, { kind: 'geographic_reach' }],
      vulnerableGroups: ['women', 'poor', 'people_with_disabilities'],
    });
    const created = await api.post<Organisation>('organisations', input);

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...input, version: 1 });
  });

  describe('search and lists', () => {
    const marker = randomUUID().slice(0, 8);
    const names = (page: OrganisationPage) => page.items.map((o) => o.name);

    beforeAll(async () => {
      await api.post('organisations', organisation(`Forum CSR ${marker}`, { sector: 'business', resources: [{ kind: 'funds' }, { kind: 'network' }], vulnerableGroups: [] }));
      await api.post('organisations', organisation(`LPM ${marker} Dago`, { sector: 'community', region: { province: 'Jawa Barat', regency: 'Kota Bandung', district: 'Coblong', village: 'Dago' }, resources: [] }));
      await api.post('organisations', organisation(`Yayasan ${marker} Bali`, { region: { province: 'Bali' }, resources: [{ kind: 'funds' }] }));
    });

    it('searches by the beginnings of the words of the name in any case, by sector, region and resources', async () => {
      const byName = await api.get<OrganisationPage>(`organisations?name=${marker.toUpperCase()}`);
      expect(byName.status).toBe(200);
      expect(byName.body.total).toEqual({ count: 3, exact: true });

      expect(names((await api.get<OrganisationPage>(`organisations?name=${marker}&sector=business,community`)).body).sort()).toEqual([`Forum CSR ${marker}`, `LPM ${marker} Dago`]);
      expect(names((await api.get<OrganisationPage>(`organisations?name=${marker}&sector=cso&sector=community`)).body).sort()).toEqual([`LPM ${marker} Dago`, `Yayasan ${marker} Bali`]);
      expect(names((await api.get<OrganisationPage>(`organisations?name=${marker}&province=jawa%20barat&village=DAGO`)).body)).toEqual([`LPM ${marker} Dago`]);
      expect(names((await api.get<OrganisationPage>(`organisations?name=${marker}&resources=funds,network`)).body)).toEqual([`Forum CSR ${marker}`]);
      expect(names((await api.get<OrganisationPage>(`organisations?name=${marker}&vulnerableGroups=women`)).body).sort()).toEqual([`LPM ${marker} Dago`, `Yayasan ${marker} Bali`]);
    });

    it('pages with a cursor, counting what it has shown until the last page gives the total', async () => {
      const first = await api.get<OrganisationPage>(`organisations?name=${marker}&limit=2`);
      const second = await api.get<OrganisationPage>(`organisations?name=${marker}&limit=2&cursor=${first.body.nextCursor}`);
      expect([first.body.total, second.body.total]).toEqual([
        { count: 2, exact: false },
        { count: 3, exact: true },
      ]);
      expect([...names(first.body), ...names(second.body)]).toEqual([`Forum CSR ${marker}`, `LPM ${marker} Dago`, `Yayasan ${marker} Bali`]);
      expect(second.body.nextCursor).toBeNull();
    });

    it('refuses a page size above 100, an unknown sector and an unknown parameter with field errors', async () => {
      const { status, body } = await api.get<ErrorBody>('organisations?limit=500&sector=bank&owner=me');
      expect(status).toBe(400);
      expect(body.errors?.map((e) => e.field).sort()).toEqual(['limit', 'owner', 'sector.0']);
    });
  });

  describe('NoSQL operator injection at the api', () => {
    it.each([
      ['name[$ne]=null', 'name[$ne]'],
      ['sector[$in]=cso', 'sector[$in]'],
      ['$where=sleep(1000)', '$where'],
      ['__proto__[admin]=1', '__proto__[admin]'],
      ['__proto__=x', '__proto__'],
    ])('refuses ?%s in a search with a field error', async (query, field) => {
      const { status, body } = await api.get<ErrorBody>(`organisations?${query}`);
      expect(status).toBe(400);
      expect(body.errors?.map((e) => e.field)).toContain(field);
    });

    it('refuses operator objects, $where and __proto__ in a body, storing nothing', async () => {
      const before = await organisations.countDocuments();
      const injected = JSON.parse(
        JSON.stringify({ ...organisation(), name: { $ne: null }, sector: { $gt: '' } }).replace(/}$/, ',"$where":"1","__proto__":{"isAdmin":true}}'),
      );
      const { status, body } = await api.post<ErrorBody>('organisations', injected);

      expect(status).toBe(400);
      expect(body.errors?.map((e) => e.field).sort()).toEqual(['$where', '__proto__', 'name', 'sector']);
      expect(await organisations.countDocuments()).toBe(before);
    });
  });

  describe('duplicates', () => {
    it('answers 409 naming the existing record for a likely duplicate, and registers it when acknowledged', async () => {
      const existing = await api.post<Organisation>('organisations', organisation(`PT Sinar ${randomUUID().slice(0, 8)} Tbk`));
      const lookalike = organisation(existing.body.name.replace(/^PT /, '').replace(/ Tbk$/, '').toLowerCase());

      const refused = await api.post<ErrorBody>('organisations', lookalike);
      expect(refused.status).toBe(409);
      expect(refused.body.errors).toEqual([
        expect.objectContaining({ field: duplicateOfField, reason: existing.body.id }),
        expect.objectContaining({ field: duplicateOfNameField, reason: existing.body.name }),
      ]);

      const acknowledged = await api.post<Organisation>('organisations', { ...lookalike, acknowledgeDuplicate: true });
      expect(acknowledged.status).toBe(201);
      const report = await api.get<DuplicateOrganisationPage>('organisations/duplicates?limit=100');
      expect(report.status).toBe(200);
      expect(report.body.pairs.find((p) => [p.first.id, p.second.id].includes(acknowledged.body.id))).toMatchObject({ acknowledged: true });
    });
  });

  describe('versions', () => {
    it('writes the next version against the one read, lists every version, and refuses a stale one with 409', async () => {
      const created = await api.post<Organisation>('organisations', organisation());
      const { id, version, createdAt, createdBy, updatedAt, updatedBy, ...input } = created.body;
      void [createdAt, createdBy, updatedAt, updatedBy];

      const updated = await api.post<Organisation>(`organisations/${id}/versions`, { basedOnVersion: version, organisation: { ...input, resources: [] } });
      const stale = await api.post<ErrorBody>(`organisations/${id}/versions`, { basedOnVersion: version, organisation: input });
      const versions = await api.get<OrganisationVersion[]>(`organisations/${id}/versions`);

      expect(updated.status).toBe(201);
      expect(updated.body).toMatchObject({ id, version: 2, resources: [] });
      expect(stale.status).toBe(409);
      expect(versions.body.map((v) => v.version)).toEqual([1, 2]);
    });

    it('refuses an update body with operators or a missing version, with field errors', async () => {
      const created = await api.post<Organisation>('organisations', organisation());
      const { status, body } = await api.post<ErrorBody>(`organisations/${created.body.id}/versions`, { organisation: { ...organisation(), name: { $ne: null } } });
      expect(status).toBe(400);
      expect(body.errors?.map((e) => e.field).sort()).toEqual(['basedOnVersion', 'organisation.name']);
    });
  });

  describe('the stakeholders service itself', () => {
    let client: ClientProxy;
    beforeAll(() => {
      client = signingNatsClientProxy(testCallerConfig(), vouchedBySubject);
    });
    afterAll(() => client.close());

    it('refuses an invalid command arriving over NATS with field errors and stores nothing', async () => {
      const before = await organisations.countDocuments();
      const reply = firstValueFrom(
        client.send(StakeholdersContracts.CreateOrganisation.subject, {
          idempotencyKey: 'short',
          actor: { userId: 'u1', role: 'superuser' },
          organisation: { ...organisation(), sector: 'bank' },
        }),
      );

      await expect(reply).rejects.toMatchObject({
        code: ErrorCode.ValidationFailed,
        errors: expect.arrayContaining([
          expect.objectContaining({ field: 'idempotencyKey', reason: 'must be at least 8 characters' }),
          expect.objectContaining({ field: 'actor.role' }),
          expect.objectContaining({ field: 'organisation.sector' }),
        ]),
      });
      expect(await organisations.countDocuments()).toBe(before);
    });
  });
});

describe('organisations while the stakeholders service is down', () => {
  let nats: ManagedProcess;
  let stakeholders: ManagedProcess;
  let isolatedApi: ManagedProcess;
  let api: ApiClient;
  const requestTimeoutMs = 1000;

  beforeAll(async () => {
    // A NATS of their own, so stopping this stakeholders instance leaves no other to answer.
    const { MONGO_URL, MITRA_TEST_DATA_DIR } = systemEnv();
    const [natsPort, apiPort] = await freePorts(2);
    const dataDir = path.join(MITRA_TEST_DATA_DIR, 'service-down');
    const ownNats = await startNats(dataDir, natsPort);
    nats = ownNats.process;
    const env = {
      NATS_URL: `nats://127.0.0.1:${natsPort}`,
      MONGO_URL,
      API_PORT: String(apiPort),
      TEMPORAL_ADDRESS: systemEnv().TEMPORAL_ADDRESS,
    };
    [stakeholders, isolatedApi] = await Promise.all([
      startApp('stakeholders', { env, logDir: dataDir, keysDir: systemKeysDir(), natsCredentialsDir: ownNats.credentialsDir }),
      startApp('api', { env, logDir: dataDir, keysDir: systemKeysDir(), natsCredentialsDir: ownNats.credentialsDir }),
    ]);
    api = new ApiClient(`http://127.0.0.1:${apiPort}`);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([stakeholders?.stop(), isolatedApi?.stop()]);
    await nats?.stop();
  });

  it('answers 503 within the request timeout instead of hanging', async () => {
    expect((await api.post('organisations', organisation())).status).toBe(201);
    await stakeholders.stop();

    const started = Date.now();
    const { status, body } = await api.post<ErrorBody>('organisations', organisation());

    expect(status).toBe(503);
    expect(body.code).toBe(ErrorCode.ServiceUnavailable);
    expect(Date.now() - started).toBeLessThan(requestTimeoutMs + 2000);
  });
});
