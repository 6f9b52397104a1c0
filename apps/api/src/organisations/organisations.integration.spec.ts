import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';
import {
  ErrorCode,
  StakeholdersSubject,
  type CreateOrganisationInput,
  type ErrorBody,
  type Organisation,
} from '@mitra/contracts';
import { freePorts, startApp, startNats, type ManagedProcess } from '@mitra/stack';
import { ApiClient, systemEnv } from '@mitra/testing';

const organisation = (name = `Yayasan Uji ${randomUUID().slice(0, 8)}`): CreateOrganisationInput => ({
  name,
  sector: 'cso',
  region: { province: 'Jawa Barat', regency: 'Kota Bandung' },
  contacts: [{ name: 'Siti', email: 'siti@example.org' }],
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
    expect(created.body).toMatchObject({ ...input, createdBy: 'demo-admin' });
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
    expect(body.errors).toEqual([{ field: 'Idempotency-Key', reason: 'is required' }]);
  });

  it('answers 400 for a malformed id and 404 for an unknown one', async () => {
    expect((await api.get('organisations/not-an-id')).status).toBe(400);
    expect((await api.get('organisations/0123456789abcdef01234567')).status).toBe(404);
  });

  describe('the stakeholders service itself', () => {
    let client: ClientProxy;
    beforeAll(() => {
      client = ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: [systemEnv().NATS_URL] } });
    });
    afterAll(() => client.close());

    it('refuses an invalid command arriving over NATS with field errors and stores nothing', async () => {
      const before = await organisations.countDocuments();
      const reply = firstValueFrom(
        client.send(StakeholdersSubject.CreateOrganisation, {
          idempotencyKey: 'short',
          actor: { userId: 'u1', role: 'superuser' },
          organisation: { ...organisation(), sector: 'bank' },
        }),
      );

      await expect(reply).rejects.toMatchObject({
        code: ErrorCode.ValidationFailed,
        errors: expect.arrayContaining([
          { field: 'idempotencyKey', reason: 'must be at least 8 characters' },
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
    nats = await startNats(dataDir, natsPort);
    const env = {
      NATS_URL: `nats://127.0.0.1:${natsPort}`,
      MONGO_URL,
      API_PORT: String(apiPort),
      NATS_REQUEST_TIMEOUT_MS: String(requestTimeoutMs),
      TEMPORAL_ADDRESS: systemEnv().TEMPORAL_ADDRESS,
    };
    [stakeholders, isolatedApi] = await Promise.all([
      startApp('stakeholders', { env, logDir: dataDir }),
      startApp('api', { env, logDir: dataDir }),
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
