import { randomBytes, randomUUID } from 'node:crypto';
import type { ClientProxy } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';
import {
  ErrorCode,
  MonitoringContracts,
  type Actor,
  type ErrorBody,
  type PartnershipIndicator,
  type ProgressReport,
} from '@mitra/contracts';
import { signingNatsClientProxy } from '@mitra/platform';
import { testCallerConfig, vouchedBySubject } from '@mitra/testing';

const coordinator: Actor = { userId: 'koordinator-angka', role: 'coordinator', organisationId: 'org-kota' };
const partner: Actor = { userId: 'wakil-angka', role: 'partner', organisationId: 'org-a' };
const command = (partnershipId: string, actor: Actor, body: Record<string, unknown>) => ({
  idempotencyKey: `num-${randomUUID()}`,
  actor,
  partnershipId,
  ...body,
});
const bySex = (female: number, male: number) => [
  { dimensions: { sex: 'female' }, value: female },
  { dimensions: { sex: 'male' }, value: male },
];

/** The monitoring service refuses, over NATS, the numbers the web form refuses: it does not rely on the form. */
describe('reported numbers on the monitoring service', () => {
  let client: ClientProxy;
  const send = <T>(subject: string, payload: unknown) => firstValueFrom(client.send<T>(subject, payload));
  const refused = async (subject: string, payload: unknown): Promise<ErrorBody> => {
    try {
      await send(subject, payload);
    } catch (error) {
      return error as ErrorBody;
    }
    throw new Error(`${subject} was not refused`);
  };
  const define = (partnershipId: string, indicator: Record<string, unknown>) =>
    send<PartnershipIndicator>(
      MonitoringContracts.DefineIndicator.subject,
      command(partnershipId, coordinator, {
        indicator: {
          sdg: { kind: 'target', code: '2.2' },
          direction: 'higher_is_better',
          accumulation: 'per_period',
          disaggregations: ['sex'],
          ...indicator,
        },
      }),
    );
  const report = (partnershipId: string, values: unknown[]) =>
    command(partnershipId, partner, {
      report: { periodNumber: 1, values, narrative: 'Penimbangan di 12 posyandu.' },
    });

  beforeAll(() => {
    // Plays the api, which vouches for the coordinator's and the partner's membership of the partnership.
    client = signingNatsClientProxy(testCallerConfig(), vouchedBySubject);
  });
  afterAll(async () => {
    await client.close();
  });

  it('refuses a count whose breakdown does not add up to its total, with the difference, and stores nothing', async () => {
    const partnershipId = randomBytes(10).toString('hex');
    const weighed = await define(partnershipId, { name: 'Balita ditimbang', unit: 'anak' });
    const error = await refused(
      MonitoringContracts.SubmitReport.subject,
      report(partnershipId, [{ indicatorId: weighed.id, value: 125, breakdown: bySex(600, 31) }]),
    );
    expect(error).toMatchObject({
      code: ErrorCode.ValidationFailed,
      errors: [
        expect.objectContaining({ field: 'report.values.0.breakdown', reason: 'adds up to 631, not the value 125 (difference -506)' }),
      ],
    });
    const plan = await send<{ reports: ProgressReport[] }>(MonitoringContracts.GetPlan.subject, {
      actor: coordinator,
      partnershipId,
    });
    expect(plan.reports).toEqual([]);

    const accepted = await send<ProgressReport>(
      MonitoringContracts.SubmitReport.subject,
      report(partnershipId, [{ indicatorId: weighed.id, value: 125, breakdown: bySex(60, 65) }]),
    );
    expect(accepted.values[0]).toMatchObject({ value: 125 });
  });

  it('takes a percentage’s groups as their own rates, but refuses one above 100 and a fractional count', async () => {
    const partnershipId = randomBytes(10).toString('hex');
    const stunting = await define(partnershipId, {
      name: 'Prevalensi stunting',
      unit: '%',
      direction: 'lower_is_better',
    });
    const weighed = await define(partnershipId, { name: 'Balita ditimbang', unit: 'anak' });
    const error = await refused(
      MonitoringContracts.SubmitReport.subject,
      report(partnershipId, [
        { indicatorId: stunting.id, value: 125, breakdown: bySex(22, 26) },
        { indicatorId: weighed.id, value: 12.5, breakdown: bySex(6, 6.5) },
      ]),
    );
    expect(error.code).toBe(ErrorCode.ValidationFailed);
    expect(error.errors).toEqual([
      expect.objectContaining({ field: 'report.values.0.value', reason: 'must be between 0 and 100' }),
      expect.objectContaining({ field: 'report.values.1.value', reason: 'must be a whole number' }),
      expect.objectContaining({ field: 'report.values.1.breakdown.1.value', reason: 'must be a whole number' }),
    ]);
    const accepted = await send<ProgressReport>(
      MonitoringContracts.SubmitReport.subject,
      report(partnershipId, [{ indicatorId: stunting.id, value: 24.5, breakdown: bySex(22, 26) }]),
    );
    expect(accepted.values[0]).toMatchObject({ value: 24.5 });
  });

  it('refuses an indicator whose target breaks its unit, naming the target', async () => {
    const partnershipId = randomBytes(10).toString('hex');
    const error = await refused(
      MonitoringContracts.DefineIndicator.subject,
      command(partnershipId, coordinator, {
        indicator: {
          name: 'Prevalensi stunting',
          sdg: { kind: 'target', code: '2.2' },
          unit: '%',
          direction: 'lower_is_better',
          accumulation: 'per_period',
          targets: [{ periodNumber: 1, value: 125 }],
        },
      }),
    );
    expect(error).toMatchObject({
      code: ErrorCode.ValidationFailed,
      errors: [expect.objectContaining({ field: 'indicator.targets.0.value', reason: 'must be between 0 and 100' })],
    });
  });
});
