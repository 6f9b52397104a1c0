import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  AgreementsContracts,
  defineQuery,
  ErrorCode,
  everyone,
  FundingContracts,
  MitraError,
  StakeholdersContracts,
  type Actor,
  type ContractInput,
} from '@mitra/contracts';
import { testCallerConfig, vouchedAsTheApi } from '@mitra/testing';
import { createServiceClient, type ServiceClient } from './service-client';

const admin: Actor = { userId: 'admin-service-client-it', role: 'admin' };

async function failureOf(promise: Promise<unknown>): Promise<MitraError> {
  const outcome = await promise.then(
    (value) => new Error(`expected a failure, got ${JSON.stringify(value)}`),
    (error: unknown) => error,
  );
  if (!(outcome instanceof MitraError)) throw outcome;
  return outcome;
}

/** The service client against the real NATS and services the global setup started. */
describe('the service client', () => {
  let services: ServiceClient;

  beforeAll(() => {
    services = createServiceClient(testCallerConfig(), vouchedAsTheApi);
  });
  afterAll(async () => {
    await services.onApplicationShutdown();
  });

  it('answers SERVICE_UNAVAILABLE at once when no service listens: nothing was delivered, so sending again is safe', async () => {
    // A subject of a service the client has the key of (it could not make the assertion otherwise), no handler's.
    const nobody = defineQuery({
      subject: 'stakeholders.nobody.listens.here',
      payload: z.strictObject({}),
      reply: z.strictObject({}),
      access: { roles: everyone },
      timeoutMs: 10_000,
    });
    const started = Date.now();
    const failure = await failureOf(services.send(nobody, {}));
    expect(failure.code).toBe(ErrorCode.ServiceUnavailable);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('answers OUTCOME_UNKNOWN for a command answered too late; sent again with the same key it returns the write, stored once', async () => {
    const city = (
      await services.send(StakeholdersContracts.CreateOrganisation, {
        idempotencyKey: `test-${randomUUID()}`,
        actor: admin,
        organisation: {
          name: `Pemerintah Kota Uji ${randomUUID().slice(0, 8)}`,
          sector: 'government_regency',
          region: { province: 'Jawa Barat', regency: 'Kota Bandung' },
        },
        acknowledgeDuplicate: true,
      })
    ).id;
    const partnershipId = randomBytes(10).toString('hex');
    const command: ContractInput<typeof FundingContracts.SetPlan> = {
      idempotencyKey: `test-${randomUUID()}`,
      actor: admin,
      partnershipId,
      plan: {
        mechanism: 'separate',
        lines: [
          {
            id: 'gizi',
            activity: 'Kelas gizi balita',
            amount: 10_000_000,
            year: 2026,
            sdgTargets: ['2.2'],
            responsibleOrganisationId: city,
            source: { kind: 'apbd' },
          },
        ],
      },
    };

    // Delivered, and answered after the caller stopped waiting.
    const late = await failureOf(services.send(FundingContracts.SetPlan, command, { timeoutMs: 1 }));
    expect(late.code).toBe(ErrorCode.OutcomeUnknown);
    expect(late.message).toMatch(/outcome is unknown.*same Idempotency-Key returns the original result/);

    const ledger = () => services.send(FundingContracts.ListLedger, { actor: admin, partnershipId });
    for (let waited = 0; (await ledger()).entries.length === 0 && waited < 10_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const again = await services.send(FundingContracts.SetPlan, command);
    expect(again).toMatchObject({ sequence: 1, kind: 'plan_set' });
    expect((await ledger()).entries).toHaveLength(1);
  });

  it('refuses, as INTERNAL, an answer that is not the reply its contract promises', async () => {
    // The service answers a list of templates; this contract claims a single record.
    const misdeclared = { ...AgreementsContracts.ListTemplates, reply: z.looseObject({}) };
    const failure = await failureOf(services.send(misdeclared, { actor: admin }));
    expect(failure.code).toBe(ErrorCode.Internal);
  });

  it("passes on the service's refusal, naming the field", async () => {
    const failure = await failureOf(
      services.send(FundingContracts.GetFunding, { actor: admin, partnershipId: 'bukan-id' }),
    );
    expect(failure.code).toBe(ErrorCode.ValidationFailed);
    expect(failure.errors).toEqual([expect.objectContaining({ field: 'partnershipId', reason: 'must be a partnership id' })]);
  });
});
