import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
  type KeyObject,
} from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { headers as natsHeaders, JSONCodec, connect, type NatsConnection } from 'nats';
import type { ClientProxy } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';
import {
  AgreementsContracts,
  ErrorCode,
  FundingContracts,
  healthSubject,
  serviceOfSubject,
  type Actor,
  type ErrorBody,
  type FundingPlanInput,
  type FundingView,
  type LedgerEntry,
  type LifecycleState,
  type Organisation,
  type Sector,
} from '@mitra/contracts';
import { keyFingerprint } from '@mitra/domain';
import {
  assertionKeyFiles,
  ensureAssertionKeyPair,
  ensureInstallationKeys,
  freePorts,
  natsSeedFile,
  receiverKeyEntries,
  startApp,
  startNats,
  type ManagedProcess,
} from '@mitra/stack';
import { ApiClient, systemEnv, systemKeysDir, testCallerConfig } from '@mitra/testing';
import { natsConnectionOptions, signingNatsClientProxy } from '../nats';
import { assertionHeader, encodeAssertion, payloadClaims, type AssertionClaims } from './actor-assertion';
import { keyIdOf } from './assertion-keys';
import { pairwiseKey } from './pairwise-keys';

const json = JSONCodec();
const idempotencyKey = () => `attack-${randomUUID()}`;
const objectId = () => randomUUID().replace(/-/g, '').slice(0, 24);

interface AssertionKey {
  privateKey: KeyObject;
  keyId: string;
}

/** A key pair the services have never heard of: the attacker's own. */
function attackerKey(): AssertionKey {
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  return { privateKey, keyId: keyIdOf(publicKey) };
}

/** The public key of the service that answers `subject`, in the test system. */
function serviceKeyOf(subject: string): { publicKey: KeyObject; keyId: string } {
  const file = assertionKeyFiles(systemKeysDir(), serviceOfSubject(subject)).publicKeyFile;
  const publicKey = createPublicKey(fs.readFileSync(file));
  return { publicKey, keyId: keyIdOf(publicKey) };
}

/** An assertion of `claims` from `sender` for the service that answers `receiverSubject` (its audience unless the claims name another). */
function macFor(claims: AssertionClaims, sender: AssertionKey, receiverSubject = claims.subject): string {
  const receiver = serviceKeyOf(receiverSubject);
  return encodeAssertion(
    claims,
    pairwiseKey(sender.privateKey, receiver.publicKey, claims.keyId, receiver.keyId),
  );
}

/**
 * An attacker on the internal network with the project's own `nats` package: raw requests in Nest's wire
 * format to the services' real command subjects, with or without an assertion header. Nothing here goes
 * through the api; what was stored is then read back with a legitimately signed query.
 */
describe('a service bus that believes no unproven actor', () => {
  const api = new ApiClient();
  let attacker: NatsConnection;
  let legitimate: ClientProxy;
  let apiKey: AssertionKey;
  let partnershipId = '';
  const org = { city: '', cso: '' };
  const admin: Actor = { userId: 'attacker-as-admin', role: 'admin' };

  /** Claims as the api would make them for this message, changed by `overrides`: what a stolen or buggy sender could make. */
  function claims(
    subject: string,
    payload: unknown,
    overrides: Partial<AssertionClaims> = {},
  ): AssertionClaims {
    const now = Date.now();
    return {
      keyId: apiKey.keyId,
      audience: serviceKeyOf(subject).keyId,
      id: randomUUID(),
      subject,
      ...payloadClaims(payload),
      issuedAt: now,
      expiresAt: now + 30_000,
      ...overrides,
    };
  }

  /** The error a service answers to a raw request, or undefined when it accepted it. */
  async function send(subject: string, payload: unknown, assertion?: string): Promise<ErrorBody | undefined> {
    const headers = natsHeaders();
    if (assertion !== undefined) headers.set(assertionHeader, assertion);
    const reply = await attacker.request(
      subject,
      json.encode({ pattern: subject, data: payload, id: randomUUID() }),
      { timeout: 10_000, headers },
    );
    return reply.json<{ err?: ErrorBody }>().err;
  }
  const read = <T>(subject: string, payload: unknown) => firstValueFrom(legitimate.send<T>(subject, payload));

  const plan = (amount = 80_000_000): FundingPlanInput => ({
    mechanism: 'common_fund',
    fundHolderOrganisationId: org.cso,
    lines: [
      {
        id: 'air',
        activity: 'Sambungan air bersih',
        amount,
        year: 2026,
        sdgTargets: ['6.1'],
        responsibleOrganisationId: org.city,
        source: { kind: 'apbd' },
      },
    ],
  });
  const enrolledPublicKey = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x!;
  const enrolledKeyId = keyFingerprint(Buffer.from(enrolledPublicKey, 'base64url'));

  /** The commands the attacker sent: each would store something if its actor were believed. */
  const commands = (): Array<[string, Record<string, unknown>]> => [
    [
      FundingContracts.SetPlan.subject,
      { idempotencyKey: idempotencyKey(), actor: admin, partnershipId, plan: plan() },
    ],
    [
      FundingContracts.RecordCommitment.subject,
      {
        idempotencyKey: idempotencyKey(),
        actor: { userId: 'attacker-as-partner', role: 'partner', organisationId: org.city },
        partnershipId,
        commitment: {
          organisationId: org.city,
          contribution: { kind: 'cash', amount: 1_000_000 },
          schedule: [{ dueOn: '2026-02-01', amount: 1_000_000 }],
        },
      },
    ],
    [
      AgreementsContracts.EnrolKey.subject,
      {
        idempotencyKey: idempotencyKey(),
        actor: admin,
        key: { userId: 'victim-user', organisationId: org.cso, publicKey: enrolledPublicKey },
      },
    ],
    [
      AgreementsContracts.Sign.subject,
      {
        idempotencyKey: idempotencyKey(),
        actor: { userId: 'victim-user', role: 'partner', organisationId: org.cso },
        agreementId: objectId(),
        versionNumber: 1,
        signature: {
          organisationId: org.cso,
          keyId: enrolledKeyId,
          contentHash: 'a'.repeat(64),
          value: 'A'.repeat(86),
        },
      },
    ],
  ];

  beforeAll(async () => {
    // On the bus as the api would be (its NATS user may send these requests): only the assertion stands in the way.
    attacker = await connect({
      ...natsConnectionOptions({
        NATS_URL: systemEnv().NATS_URL,
        NATS_NKEY_SEED_FILE: natsSeedFile(systemEnv().MITRA_TEST_NATS_CREDENTIALS_DIR, 'api'),
      }),
      name: 'attacker',
    });
    legitimate = signingNatsClientProxy(testCallerConfig());
    const apiKeyObject = createPrivateKey(
      fs.readFileSync(assertionKeyFiles(systemKeysDir(), 'api').privateKeyFile),
    );
    apiKey = { privateKey: apiKeyObject, keyId: keyIdOf(createPublicKey(apiKeyObject)) };
    const register = async (name: string, sector: Sector) =>
      (
        await api.post<Organisation>('organisations', {
          name: `${name} ${randomUUID().slice(0, 8)}`,
          sector,
          region: { province: 'Nusa Tenggara Timur' },
          acknowledgeDuplicate: true,
        })
      ).body.id;
    org.city = await register('Pemerintah Kota Kupang', 'government_regency');
    org.cso = await register('Yayasan Air untuk Semua', 'cso');
    partnershipId = (await api.post<LifecycleState>('partnerships', { name: 'Kemitraan yang diserang' })).body
      .partnershipId;
  });
  afterAll(async () => {
    await attacker.close();
    await legitimate.close();
  });

  const expectNothingStored = async () => {
    expect(
      (await read<FundingView>(FundingContracts.GetFunding.subject, { actor: admin, partnershipId }))
        .sequence,
    ).toBe(0);
    await expect(
      read(AgreementsContracts.GetKey.subject, { actor: admin, keyId: enrolledKeyId }),
    ).rejects.toMatchObject({ code: ErrorCode.NotFound });
  };

  it('refuses every command sent without an assertion', async () => {
    for (const [subject, payload] of commands()) {
      expect(await send(subject, payload)).toEqual({
        code: ErrorCode.Unauthenticated,
        message: 'The message does not prove who sent it.',
        errors: [expect.objectContaining({ field: 'Mitra-Assertion', reason: 'is missing' })],
      });
    }
    await expectNothingStored();
  });

  it("refuses an assertion made with the attacker's own key, under its own key id or the api's", async () => {
    const own = attackerKey();
    for (const [subject, payload] of commands()) {
      expect(
        (await send(subject, payload, macFor(claims(subject, payload, { keyId: own.keyId }), own)))?.errors,
      ).toEqual([{ field: 'Mitra-Assertion', reason: `is sent by key ${own.keyId}, which is not trusted` }]);
      expect(await send(subject, payload, macFor(claims(subject, payload), own))).toMatchObject({
        code: ErrorCode.Unauthenticated,
        errors: [{ reason: 'has an invalid MAC' }],
      });
    }
    await expectNothingStored();
  });

  it('refuses an expired assertion, and one dated in the future', async () => {
    const past = Date.now() - 120_000;
    const future = Date.now() + 120_000;
    for (const [subject, payload] of commands()) {
      const expired = macFor(claims(subject, payload, { issuedAt: past, expiresAt: past + 30_000 }), apiKey);
      expect(await send(subject, payload, expired)).toMatchObject({
        code: ErrorCode.Unauthenticated,
        errors: [{ reason: expect.stringMatching(/^expired at /) }],
      });
      const early = macFor(
        claims(subject, payload, { issuedAt: future, expiresAt: future + 30_000 }),
        apiKey,
      );
      expect(await send(subject, payload, early)).toMatchObject({
        code: ErrorCode.Unauthenticated,
        errors: [{ reason: expect.stringMatching(/^is issued in the future/) }],
      });
    }
    await expectNothingStored();
  });

  it('refuses a genuine assertion sent with another subject, another payload or another actor', async () => {
    for (const [subject, payload] of commands()) {
      const signed = (claimed: Partial<AssertionClaims>) =>
        macFor(claims(subject, payload, claimed), apiKey, subject);
      expect(
        await send(subject, payload, signed({ subject: FundingContracts.GetFunding.subject })),
      ).toMatchObject({
        code: ErrorCode.Forbidden,
        errors: [{ reason: `is for subject ${FundingContracts.GetFunding.subject}, not ${subject}` }],
      });
      const altered = { ...payload, idempotencyKey: idempotencyKey() };
      expect(await send(subject, altered, signed({}))).toMatchObject({
        code: ErrorCode.Forbidden,
        errors: [{ reason: 'is for another payload (its SHA-256 differs)' }],
      });
      const otherActor = signed({
        actor: { userId: 'someone-else', role: 'partner', organisationId: org.cso },
      });
      expect(await send(subject, payload, otherActor)).toMatchObject({
        code: ErrorCode.Forbidden,
        errors: [{ reason: "names another actor than the payload's actor" }],
      });
    }
    await expectNothingStored();
  });

  it('accepts a genuine message once and refuses the same message sent again', async () => {
    const publicKey = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x!;
    const keyId = keyFingerprint(Buffer.from(publicKey, 'base64url'));
    const subject = AgreementsContracts.EnrolKey.subject;
    const owner: Actor = { userId: 'replayed-user', role: 'partner', organisationId: org.cso };
    const payload = {
      idempotencyKey: idempotencyKey(),
      actor: owner,
      key: { userId: owner.userId, organisationId: org.cso, publicKey },
    };
    const assertion = macFor(claims(subject, payload), apiKey);
    expect(await send(subject, payload, assertion)).toBeUndefined();
    expect(await send(subject, payload, assertion)).toMatchObject({
      code: ErrorCode.Unauthenticated,
      errors: [{ reason: expect.stringMatching(/^was already used/) }],
    });
    expect(await read(AgreementsContracts.GetKey.subject, { actor: admin, keyId })).toMatchObject({
      keyId,
      userId: 'replayed-user',
    });
  });

  it('refuses a genuine assertion made for another service, as it is or re-addressed', async () => {
    for (const [subject, payload] of commands()) {
      const otherSubject =
        serviceOfSubject(subject) === 'funding'
          ? AgreementsContracts.GetKey.subject
          : FundingContracts.GetFunding.subject;
      const forOther = claims(subject, payload, { audience: serviceKeyOf(otherSubject).keyId });
      const audience = serviceKeyOf(subject).keyId;
      expect(await send(subject, payload, macFor(forOther, apiKey, otherSubject))).toMatchObject({
        code: ErrorCode.Unauthenticated,
        errors: [{ reason: `is meant for key ${forOther.audience}, not this service's ${audience}` }],
      });
      const [, mac] = macFor(forOther, apiKey, otherSubject).split('.');
      const readdressed = Buffer.from(JSON.stringify({ ...forOther, audience })).toString('base64url');
      expect(await send(subject, payload, `${readdressed}.${mac}`)).toMatchObject({
        code: ErrorCode.Unauthenticated,
        errors: [{ reason: 'has an invalid MAC' }],
      });
    }
    await expectNothingStored();
  });

  it('still serves the api, which signs for its users, and funding, which signs when it asks stakeholders', async () => {
    const set = await api.post<LedgerEntry>(`partnerships/${partnershipId}/funding/plan`, plan(50_000_000));
    expect(set.status).toBe(201);
    const view = await api.get<FundingView>(`partnerships/${partnershipId}/funding`);
    expect(view.body).toMatchObject({ sequence: 1, plan: { lines: [{ id: 'air', amount: 50_000_000 }] } });
  });
});

/**
 * The rotation steps of docs/architecture.md on a running service: a sender's new key is trusted beside the
 * old one, then the old one is removed. A stakeholders instance of its own (own NATS, own keys) restarted
 * between the steps, as an operator restarts the services.
 */
describe("rotating a sender's key", () => {
  const processes: ManagedProcess[] = [];
  afterAll(async () => {
    for (const running of processes.reverse()) await running.stop();
  });

  it('accepts the old and the new key during the overlap and refuses the old key once it is removed', async () => {
    const dataDir = path.join(systemEnv().MITRA_TEST_DATA_DIR, `rotation-${randomUUID().slice(0, 8)}`);
    const keysDir = path.join(dataDir, 'keys');
    ensureInstallationKeys(keysDir, ['tests']);
    // Step 1: the old pair is kept under another name and a new one is made.
    const old = {
      privateKeyFile: path.join(keysDir, 'tests.previous.key'),
      publicKeyFile: path.join(keysDir, 'tests.previous.pub'),
    };
    const current = assertionKeyFiles(keysDir, 'tests');
    fs.renameSync(current.privateKeyFile, old.privateKeyFile);
    fs.renameSync(current.publicKeyFile, old.publicKeyFile);
    ensureAssertionKeyPair(keysDir, 'tests');

    const [natsPort] = await freePorts(1);
    const natsUrl = `nats://127.0.0.1:${natsPort}`;
    const ownNats = await startNats(dataDir, natsPort);
    processes.push(ownNats.process);
    const startStakeholders = async () => {
      const instance = await startApp('stakeholders', {
        env: { NATS_URL: natsUrl, MONGO_URL: systemEnv().MONGO_URL },
        logDir: dataDir,
        keysDir,
        natsCredentialsDir: ownNats.credentialsDir,
      });
      processes.push(instance);
      return instance;
    };
    const ask = async (privateKeyFile: string): Promise<ErrorBody | undefined> => {
      const client = signingNatsClientProxy({
        NATS_URL: natsUrl,
        NATS_NKEY_SEED_FILE: natsSeedFile(ownNats.credentialsDir, 'api'),
        ASSERTION_KEY_FILE: privateKeyFile,
        ASSERTION_RECEIVER_KEY_FILES: receiverKeyEntries(keysDir),
        ASSERTION_TTL_MS: 30_000,
      });
      try {
        await firstValueFrom(client.send(healthSubject('stakeholders'), {}));
        return undefined;
      } catch (error) {
        return error as ErrorBody;
      } finally {
        await client.close();
      }
    };

    // Step 2: the service trusts both public keys in the folder.
    const overlapping = await startStakeholders();
    expect(await ask(old.privateKeyFile)).toBeUndefined();
    expect(await ask(current.privateKeyFile)).toBeUndefined();
    await overlapping.stop();

    // Step 4: the old public key is removed and the service restarted.
    fs.rmSync(old.publicKeyFile);
    await startStakeholders();
    expect(await ask(current.privateKeyFile)).toBeUndefined();
    expect(await ask(old.privateKeyFile)).toMatchObject({
      code: ErrorCode.Unauthenticated,
      errors: [
        {
          field: 'Mitra-Assertion',
          reason: expect.stringMatching(/^is sent by key .+, which is not trusted$/),
        },
      ],
    });
  }, 240_000);
});
