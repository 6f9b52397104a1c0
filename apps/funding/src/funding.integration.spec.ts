import * as path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import type { ClientProxy } from '@nestjs/microservices';
import { connect, JSONCodec, type NatsConnection } from 'nats';
import { firstValueFrom } from 'rxjs';
import {
  ErrorCode,
  eventStreamName,
  FundingEventType,
  type Actor,
  type CreateOrganisationCommand,
  type DomainEvent,
  type ErrorBody,
  type FundingBalance,
  type FundingPlanInput,
  type FundingSummary,
  type FundingTrace,
  type FundingView,
  type LedgerEntry,
  type LedgerPage,
  type PlanSetEntry,
  type Organisation,
  type PartnershipIndicator,
  type ProgressReport,
  type Sector,
  type StoredRecordDigest,
  FundingContracts,
  MonitoringContracts,
  StakeholdersContracts,
} from '@mitra/contracts';
import { startApp, type ManagedProcess } from '@mitra/stack';
import { natsConnectionOptions, signingNatsClientProxy } from '@mitra/platform';
import { systemEnv, systemKeysDir, testCallerConfig, vouchedBySubject, withinContract } from '@mitra/testing';

const key = () => `test-${randomUUID()}`;
const newPartnership = () => randomBytes(10).toString('hex');
const admin: Actor = { userId: 'admin-funding-it', role: 'admin' };
const auditor: Actor = { userId: 'auditor-funding-it', role: 'auditor' };

describe('funding service over NATS', () => {
  let client: ClientProxy;
  let nats: NatsConnection;
  let database: mongoose.Connection;
  const ledgerEntries = () => database.collection<{ _id: string; [field: string]: unknown }>('ledger_entries');
  const org = { city: '', company: '', donor: '', rw: '', vendor: '', cso: '' };
  let coordinatorCity: Actor;
  let coordinatorCompany: Actor;
  const partner = (organisationId: string, userId = `wakil-${organisationId}`): Actor => ({
    userId,
    role: 'partner',
    organisationId,
  });

  const send = async <T>(subject: string, payload: unknown) =>
    withinContract(subject, await firstValueFrom(client.send<T>(subject, payload)));
  const refused = async (subject: string, payload: unknown): Promise<ErrorBody> => {
    try {
      await send(subject, payload);
    } catch (error) {
      return error as ErrorBody;
    }
    throw new Error(`${subject} was not refused`);
  };
  const command = (partnershipId: string, actor: Actor, body: Record<string, unknown>) => ({
    idempotencyKey: key(),
    actor,
    partnershipId,
    ...body,
  });

  const plan = (overrides: Partial<FundingPlanInput> = {}): FundingPlanInput => ({
    mechanism: 'common_fund',
    fundHolderOrganisationId: org.cso,
    lines: [
      {
        id: 'gizi',
        activity: 'Kelas gizi balita',
        amount: 100_000_000,
        year: 2026,
        sdgTargets: ['2.2', '3.2'],
        responsibleOrganisationId: org.city,
        source: { kind: 'apbd' },
      },
      {
        id: 'beasiswa',
        activity: 'Beasiswa SMA',
        amount: 50_000_000,
        year: 2026,
        sdgTargets: ['4.1'],
        responsibleOrganisationId: org.company,
        source: { kind: 'csr', field: 'pendidikan' },
      },
    ],
    ...overrides,
  });
  const cash = (
    organisationId: string,
    amount: number,
    schedule: unknown[] = [{ dueOn: '2026-02-01', amount }],
  ) => ({
    organisationId,
    contribution: { kind: 'cash', amount },
    schedule,
  });
  const request = (amount: number, overrides: Record<string, unknown> = {}) => ({
    lineId: 'gizi',
    amount,
    purpose: 'Makanan tambahan balita',
    receivingOrganisationId: org.vendor,
    ...overrides,
  });

  /** A common fund holding `amount`, received from the company; returns the partnership id. */
  async function commonFund(amount: number, overrides: Partial<FundingPlanInput> = {}): Promise<string> {
    const partnershipId = newPartnership();
    await send(FundingContracts.SetPlan.subject, command(partnershipId, coordinatorCity, { plan: plan(overrides) }));
    const commitment = await send<LedgerEntry>(
      FundingContracts.RecordCommitment.subject,
      command(partnershipId, partner(org.company), { commitment: cash(org.company, amount) }),
    );
    await send(
      FundingContracts.RecordReceipt.subject,
      command(partnershipId, partner(org.cso), {
        receipt: { commitment: commitment.sequence, amount, receivedOn: '2026-02-10', reference: 'TRF-001' },
      }),
    );
    return partnershipId;
  }

  async function approved(partnershipId: string, amount: number): Promise<number> {
    const requested = await send<LedgerEntry>(
      FundingContracts.RequestDisbursement.subject,
      command(partnershipId, partner(org.cso), { request: request(amount) }),
    );
    for (const actor of [coordinatorCity, coordinatorCompany])
      await send(
        FundingContracts.ApproveDisbursement.subject,
        command(partnershipId, actor, { request: requested.sequence, approval: {} }),
      );
    return requested.sequence;
  }

  const view = (partnershipId: string, actor: Actor = admin) =>
    send<FundingView>(FundingContracts.GetFunding.subject, { actor, partnershipId });

  async function eventsOf(
    partnershipId: string,
    until: (events: DomainEvent[]) => boolean,
    timeoutMs = 10_000,
  ): Promise<DomainEvent[]> {
    const codec = JSONCodec<DomainEvent>();
    const deadline = Date.now() + timeoutMs;
    const found: DomainEvent[] = [];
    while (Date.now() < deadline) {
      found.length = 0;
      const consumer = await nats
        .jetstream()
        .consumers.get(eventStreamName, { filterSubjects: ['events.funding.>'] });
      const messages = await consumer.fetch({ max_messages: 10_000, expires: 1000 });
      for await (const message of messages) {
        const event = codec.decode(message.data);
        if (event.partnershipId === partnershipId) found.push(event);
        if (message.info.pending === 0) break;
      }
      if (until(found)) return found;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return found;
  }

  beforeAll(async () => {
    client = signingNatsClientProxy(testCallerConfig(), vouchedBySubject);
    nats = await connect(natsConnectionOptions(systemEnv()));
    database = await mongoose
      .createConnection(systemEnv().MONGO_URL, { dbName: 'mitra_funding' })
      .asPromise();
    const register = async (name: string, sector: Sector) => {
      const organisation: CreateOrganisationCommand = {
        idempotencyKey: key(),
        actor: admin,
        organisation: {
          name: `${name} ${randomUUID().slice(0, 8)}`,
          sector,
          region: { province: 'Jawa Barat', regency: 'Kota Bandung' },
        },
        acknowledgeDuplicate: true,
      };
      return (await send<Organisation>(StakeholdersContracts.CreateOrganisation.subject, organisation)).id;
    };
    org.city = await register('Pemerintah Kota Bandung', 'government_regency');
    org.company = await register('PT Sumber Air Lestari', 'business');
    org.donor = await register('Program Gizi Internasional', 'international_donor');
    org.rw = await register('RW 05 Kelurahan Cibangkong', 'community');
    org.vendor = await register('CV Pangan Sehat', 'business');
    org.cso = await register('Yayasan Dana Bersama', 'cso');
    coordinatorCity = { userId: 'koordinator-kota', role: 'coordinator', organisationId: org.city };
    coordinatorCompany = { userId: 'koordinator-pt', role: 'coordinator', organisationId: org.company };
  });
  afterAll(async () => {
    await client.close();
    await nats.close();
    await database.close();
  });

  describe('the plan and commitments', () => {
    it('sets a common-fund plan, records a commitment per partner and emits funding.plan.set, funding.commitment.recorded and funding.plan.committed once', async () => {
      const partnershipId = newPartnership();
      const set = await send<LedgerEntry>(
        FundingContracts.SetPlan.subject,
        command(partnershipId, coordinatorCity, { plan: plan() }),
      );
      expect(set).toMatchObject({
        sequence: 1,
        kind: 'plan_set',
        plan: { version: 1, governance: { approvalsRequired: 2, distinctOrganisations: 2 } },
      });
      await send(
        FundingContracts.RecordCommitment.subject,
        command(partnershipId, partner(org.company), {
          commitment: { ...cash(org.company, 60_000_000), organisationId: undefined },
        }),
      );
      const inKind = {
        contribution: {
          kind: 'in_kind',
          description: 'Ahli gizi dua orang selama enam bulan',
          valueEstimate: 30_000_000,
        },
        schedule: [
          { dueOn: '2026-03-01', amount: 15_000_000 },
          { dueOn: '2026-09-01', amount: 15_000_000 },
        ],
      };
      await send(
        FundingContracts.RecordCommitment.subject,
        command(partnershipId, partner(org.cso), { commitment: inKind }),
      );

      const funding = await view(partnershipId, auditor);
      expect(funding.plan).toMatchObject({
        mechanism: 'common_fund',
        organisationSectors: {
          [org.city]: 'government_regency',
          [org.company]: 'business',
          [org.cso]: 'cso',
        },
      });
      expect(funding.commitments.map((c) => [c.organisationId, c.contribution.kind])).toEqual([
        [org.company, 'cash'],
        [org.cso, 'in_kind'],
      ]);
      const published = await eventsOf(partnershipId, (found) => found.length >= 7);
      const events = published.filter((e) => e.type !== FundingEventType.LedgerAppended);
      expect(events.map((e) => e.type)).toEqual([
        FundingEventType.PlanSet,
        FundingEventType.CommitmentRecorded,
        FundingEventType.PlanCommitted,
        FundingEventType.CommitmentRecorded,
      ]);
      // Each entry is announced once, with the hash its stored record has, for the partnership's hash chain.
      const records = await send<StoredRecordDigest[]>(FundingContracts.ListLedgerRecords.subject, { actor: auditor, partnershipId });
      expect(published.filter((e) => e.type === FundingEventType.LedgerAppended).map((e) => [e.data.recordId, e.data.recordHash])).toEqual(
        [1, 2, 3].map((sequence) => [`${partnershipId}:${sequence}`, records.find((r) => r.recordId === `${partnershipId}:${sequence}`)?.recordHash]),
      );
      expect(events[2]).toMatchObject({
        eventId: `funding:${partnershipId}:2:1`,
        partnershipId,
        data: { commitment: 2 },
      });
    });

    it('refuses bad input with field errors and stores nothing', async () => {
      const partnershipId = newPartnership();
      const shares = await refused(
        FundingContracts.SetPlan.subject,
        command(partnershipId, coordinatorCity, {
          plan: plan({
            mechanism: 'co_funding',
            fundHolderOrganisationId: undefined,
            shares: [
              { organisationId: org.city, percent: 70 },
              { organisationId: org.company, percent: 20 },
            ],
          }),
        }),
      );
      expect(shares).toMatchObject({
        code: ErrorCode.ValidationFailed,
        errors: [expect.objectContaining({ field: 'plan.shares', reason: 'must add up to 100%' })],
      });
      const amount = await refused(
        FundingContracts.SetPlan.subject,
        command(partnershipId, coordinatorCity, {
          plan: plan({ lines: [{ ...plan().lines[0], amount: 1.5 }] }),
        }),
      );
      expect(amount.errors).toEqual([
        expect.objectContaining({ field: 'plan.lines.0.amount', reason: 'must be a whole number of Rupiah' }),
      ]);
      const unregistered = await refused(
        FundingContracts.SetPlan.subject,
        command(partnershipId, coordinatorCity, {
          plan: plan({ fundHolderOrganisationId: new mongoose.Types.ObjectId().toString() }),
        }),
      );
      expect(unregistered.errors).toEqual([
        {
          field: 'plan.fundHolderOrganisationId',
          reason: 'is not an organisation in the stakeholders registry',
          code: 'funding.organisation_not_registered',
        },
      ]);
      const beforePlan = await refused(
        FundingContracts.RecordCommitment.subject,
        command(partnershipId, coordinatorCity, { commitment: cash(org.company, 1) }),
      );
      expect(beforePlan.code).toBe(ErrorCode.Conflict);

      expect(await ledgerEntries().countDocuments({ aggregateId: partnershipId })).toBe(0);
      expect((await view(partnershipId)).sequence).toBe(0);
    });

    it('refuses query operators in ids and filters with 400 and returns no data', async () => {
      const partnershipId = await commonFund(10_000_000);
      const injected: Array<[string, unknown]> = [
        [FundingContracts.GetFunding.subject, { actor: admin, partnershipId: { $gt: '' } }],
        [FundingContracts.ListLedger.subject, { actor: admin, partnershipId, after: { $gt: 0 } }],
        [FundingContracts.GetTrace.subject, { actor: admin, partnershipId, sequence: { $ne: null } }],
        [FundingContracts.GetSummary.subject, { actor: admin, partnershipId: { $regex: '.*' } }],
        [
          FundingContracts.RecordCommitment.subject,
          command(partnershipId, coordinatorCity, {
            commitment: { ...cash(org.company, 5), organisationId: { $gt: '' } },
          }),
        ],
        [
          FundingContracts.ApproveDisbursement.subject,
          command(partnershipId, coordinatorCity, { request: { $gt: 0 }, approval: {} }),
        ],
      ];
      for (const [subject, payload] of injected) {
        const body = await refused(subject, payload);
        expect(body.code).toBe(ErrorCode.ValidationFailed);
        expect(body).not.toHaveProperty('entries');
      }
      expect((await view(partnershipId)).sequence).toBe(3);
    });
  });

  describe('authorization at the service', () => {
    it('lets a partner act only for its own organisation and an auditor only read', async () => {
      const partnershipId = await commonFund(20_000_000);
      const forOther = await refused(
        FundingContracts.RecordCommitment.subject,
        command(partnershipId, partner(org.company), { commitment: cash(org.donor, 5_000_000) }),
      );
      expect(forOther.code).toBe(ErrorCode.Forbidden);
      const requestForOther = await refused(
        FundingContracts.RequestDisbursement.subject,
        command(partnershipId, partner(org.cso), {
          request: request(1_000_000, { requestingOrganisationId: org.city }),
        }),
      );
      expect(requestForOther.code).toBe(ErrorCode.Forbidden);
      for (const [subject, body] of [
        [FundingContracts.SetPlan.subject, { plan: plan() }],
        [FundingContracts.RecordCommitment.subject, { commitment: cash(org.company, 1) }],
        [FundingContracts.RequestDisbursement.subject, { request: request(1) }],
        [FundingContracts.ReverseEntry.subject, { entry: 3, reversal: { reason: 'Auditor mencoba membatalkan' } }],
      ] as const) {
        expect((await refused(subject, command(partnershipId, auditor, body))).code).toBe(
          ErrorCode.Forbidden,
        );
      }
      expect(
        (await send<FundingSummary>(FundingContracts.GetSummary.subject, { actor: auditor, partnershipId })).totals
          .received,
      ).toBe(20_000_000);
      expect((await view(partnershipId)).sequence).toBe(3);
    });

    it('refuses the requester approving its own request, and a partner approving', async () => {
      const partnershipId = await commonFund(20_000_000);
      const requested = await send<LedgerEntry>(
        FundingContracts.RequestDisbursement.subject,
        command(partnershipId, coordinatorCity, { request: request(5_000_000) }),
      );
      const self = await refused(
        FundingContracts.ApproveDisbursement.subject,
        command(partnershipId, coordinatorCity, { request: requested.sequence, approval: {} }),
      );
      expect(self).toMatchObject({
        code: ErrorCode.Forbidden,
        message: 'The requester may not approve its own request.',
      });
      const byPartner = await refused(
        FundingContracts.ApproveDisbursement.subject,
        command(partnershipId, partner(org.donor), { request: requested.sequence, approval: {} }),
      );
      expect(byPartner.code).toBe(ErrorCode.Forbidden);
    });
  });

  describe('idempotency', () => {
    it('answers a repeated key with the first entry, and the same key with other input with 409', async () => {
      const partnershipId = await commonFund(20_000_000);
      const repeated = command(partnershipId, partner(org.cso), { request: request(2_000_000) });
      const first = await send<LedgerEntry>(FundingContracts.RequestDisbursement.subject, repeated);
      const again = await send<LedgerEntry>(FundingContracts.RequestDisbursement.subject, repeated);
      expect(again).toEqual(first);
      const other = await refused(FundingContracts.RequestDisbursement.subject, {
        ...repeated,
        request: request(3_000_000),
      });
      expect(other.code).toBe(ErrorCode.Conflict);
      expect(
        (await send<FundingBalance>(FundingContracts.GetBalance.subject, { actor: admin, partnershipId })).total,
      ).toEqual({ received: 20_000_000, reserved: 2_000_000, disbursed: 0, available: 18_000_000 });
    });
  });

  describe('the invariants of the common fund', () => {
    it('never disburses more than the fund holds or the budget line allows', async () => {
      const partnershipId = await commonFund(60_000_000);
      const overFund = await refused(
        FundingContracts.RequestDisbursement.subject,
        command(partnershipId, partner(org.cso), { request: request(60_000_001) }),
      );
      expect(overFund).toMatchObject({
        code: ErrorCode.Conflict,
        message: 'The request exceeds what the fund holds (Rp 60.000.000 available).',
      });
      await send(
        FundingContracts.RequestDisbursement.subject,
        command(partnershipId, partner(org.cso), { request: request(50_000_000) }),
      );
      const overLine = await refused(
        FundingContracts.RequestDisbursement.subject,
        command(partnershipId, partner(org.cso), { request: request(50_000_001) }),
      );
      expect(overLine).toMatchObject({
        code: ErrorCode.Conflict,
        message: 'The request exceeds what remains of budget line gizi (Rp 50.000.000).',
      });
      const overHeld = await refused(
        FundingContracts.RequestDisbursement.subject,
        command(partnershipId, partner(org.cso), { request: request(10_000_001, { lineId: 'beasiswa' }) }),
      );
      expect(overHeld.errors).toEqual([
        expect.objectContaining({ field: 'request.amount', reason: 'must be at most Rp 10.000.000', code: overHeld.refusal?.code, params: overHeld.refusal?.params }),
      ]);
      expect(overHeld.refusal?.code).toMatch(/^funding\.request_exceeds_/);
      expect((await view(partnershipId)).sequence).toBe(4);
    });

    it('pays only with two approvers from two organisations other than the requester’s, once', async () => {
      const partnershipId = await commonFund(20_000_000);
      const requested = await send<LedgerEntry>(
        FundingContracts.RequestDisbursement.subject,
        command(partnershipId, partner(org.company), { request: request(5_000_000) }),
      );
      const payment = { paidOn: '2026-03-01', reference: 'SP2D-17' };
      await send(
        FundingContracts.ApproveDisbursement.subject,
        command(partnershipId, coordinatorCompany, { request: requested.sequence, approval: {} }),
      );
      await send(
        FundingContracts.ApproveDisbursement.subject,
        command(partnershipId, coordinatorCity, { request: requested.sequence, approval: {} }),
      );
      const early = await refused(
        FundingContracts.PayDisbursement.subject,
        command(partnershipId, admin, { request: requested.sequence, payment }),
      );
      expect(early.message).toBe(
        "The request needs 2 approval(s) from 2 organisation(s) other than the requester's; it has 2 from 1.",
      );
      await send(
        FundingContracts.ApproveDisbursement.subject,
        command(
          partnershipId,
          { userId: 'koordinator-donor', role: 'coordinator', organisationId: org.donor },
          { request: requested.sequence, approval: {} },
        ),
      );
      const paid = await send<LedgerEntry>(
        FundingContracts.PayDisbursement.subject,
        command(partnershipId, partner(org.cso), { request: requested.sequence, payment }),
      );
      expect(paid).toMatchObject({
        kind: 'payment',
        amount: 5_000_000,
        payerOrganisationId: org.cso,
        receiverOrganisationId: org.vendor,
      });
      const events = await eventsOf(partnershipId, (found) =>
        found.some((e) => e.type === FundingEventType.DisbursementPaid),
      );
      expect(events.filter((e) => e.type === FundingEventType.DisbursementApproved)).toHaveLength(1);
    });

    it('lets exactly one of ten parallel requests racing for the last Rupiah win', async () => {
      const partnershipId = await commonFund(10_000_000);
      const racers = Array.from({ length: 10 }, (_, i) =>
        send<LedgerEntry>(
          FundingContracts.RequestDisbursement.subject,
          command(partnershipId, partner(org.cso, `wakil-cso-${i}`), { request: request(10_000_000) }),
        ),
      );
      const outcomes = await Promise.allSettled(racers);
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as ErrorBody] : []));
      expect(won).toHaveLength(1);
      expect(lost.map((e) => e.code)).toEqual(Array(9).fill(ErrorCode.Conflict));
      const page = await send<LedgerPage>(FundingContracts.ListLedger.subject, { actor: admin, partnershipId });
      expect(page.entries.filter((e) => e.kind === 'disbursement_request')).toHaveLength(1);
      expect(
        (await send<FundingBalance>(FundingContracts.GetBalance.subject, { actor: admin, partnershipId })).total,
      ).toEqual({ received: 10_000_000, reserved: 10_000_000, disbursed: 0, available: 0 });
    }, 120_000);

    it('pays a request once when ten payments race for it', async () => {
      const partnershipId = await commonFund(10_000_000);
      const sequence = await approved(partnershipId, 10_000_000);
      const racers = Array.from({ length: 10 }, (_, i) =>
        send<LedgerEntry>(
          FundingContracts.PayDisbursement.subject,
          command(partnershipId, admin, {
            request: sequence,
            payment: { paidOn: '2026-03-01', reference: `SP2D-${i}` },
          }),
        ),
      );
      const outcomes = await Promise.allSettled(racers);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(
        outcomes.flatMap((o) => (o.status === 'rejected' ? [(o.reason as ErrorBody).code] : [])),
      ).toEqual(Array(9).fill(ErrorCode.Conflict));
      expect(
        (await send<FundingBalance>(FundingContracts.GetBalance.subject, { actor: admin, partnershipId })).total
          .disbursed,
      ).toBe(10_000_000);
    }, 120_000);
  });

  describe('budget ceilings', () => {
    const ceilings = [
      { sector: 'community' as const, maxPerOrganisationPerYear: 100_000_000, cashAllowed: false },
    ];

    it('refuses a plan giving one community institution more than Rp 100.000.000 in a year, checking the sector with the registry', async () => {
      const rwLine = (id: string, amount: number) => ({
        ...plan().lines[0],
        id,
        amount,
        responsibleOrganisationId: org.rw,
      });
      const body = await refused(
        FundingContracts.SetPlan.subject,
        command(newPartnership(), coordinatorCity, {
          plan: plan({ ceilings, lines: [rwLine('rw-1', 70_000_000), rwLine('rw-2', 40_000_000)] }),
        }),
      );
      expect(body).toMatchObject({
        code: ErrorCode.ValidationFailed,
        errors: [{ field: 'plan.lines.1.amount' }],
      });
    });

    it('never pays cash to a community institution', async () => {
      const partnershipId = await commonFund(50_000_000, { ceilings });
      const body = await refused(
        FundingContracts.RequestDisbursement.subject,
        command(partnershipId, partner(org.cso), {
          request: request(1_000_000, { receivingOrganisationId: org.rw }),
        }),
      );
      expect(body.errors).toEqual([
        {
          field: 'request.receivingOrganisationId',
          reason: 'is a community organisation: the plan funds its activities, never with cash paid to it',
          code: 'funding.no_cash_to_sector',
          params: { sector: 'community' },
        },
      ]);
    });
  });

  describe('results-gated tranches', () => {
    it('releases a tranche only once monitoring has approved its period, asking monitoring at release time', async () => {
      const partnershipId = newPartnership();
      await send(FundingContracts.SetPlan.subject, command(partnershipId, coordinatorCity, { plan: plan() }));
      const schedule = [
        { dueOn: '2026-02-01', amount: 40_000_000 },
        { dueOn: '2026-08-01', amount: 60_000_000, resultsGate: { periodNumber: 1 } },
      ];
      const commitment = await send<LedgerEntry>(
        FundingContracts.RecordCommitment.subject,
        command(partnershipId, coordinatorCity, { commitment: cash(org.donor, 100_000_000, schedule) }),
      );
      const receipt = (amount: number) =>
        command(partnershipId, coordinatorCity, {
          receipt: {
            commitment: commitment.sequence,
            amount,
            receivedOn: '2026-08-10',
            reference: 'SWIFT-1',
          },
        });
      expect((await refused(FundingContracts.RecordReceipt.subject, receipt(100_000_000))).code).toBe(
        ErrorCode.Conflict,
      );
      const trancheId = `${commitment.sequence}.2`;
      const early = await refused(
        FundingContracts.ReleaseTranche.subject,
        command(partnershipId, coordinatorCity, { trancheId }),
      );
      expect(early.message).toBe(
        `Tranche ${trancheId} waits for monitoring to approve the report of period 1.`,
      );

      const indicator = await send<PartnershipIndicator>(MonitoringContracts.DefineIndicator.subject, {
        ...command(partnershipId, coordinatorCity, {}),
        indicator: {
          name: 'Angka kematian balita',
          sdg: { kind: 'indicator', code: '3.2.1' },
          unit: 'per 1000',
          direction: 'lower_is_better',
          accumulation: 'per_period',
        },
      });
      const report = await send<ProgressReport>(MonitoringContracts.SubmitReport.subject, {
        ...command(partnershipId, partner(org.cso), {}),
        report: {
          periodNumber: 1,
          values: [{ indicatorId: indicator.id, value: 21 }],
          narrative: 'Kelas gizi berjalan di 12 posyandu.',
        },
      });
      await send(MonitoringContracts.ApproveReport.subject, {
        ...command(partnershipId, coordinatorCompany, {}),
        reportId: report.id,
      });

      const released = await send<LedgerEntry>(
        FundingContracts.ReleaseTranche.subject,
        command(partnershipId, coordinatorCity, { trancheId }),
      );
      expect(released).toMatchObject({
        kind: 'tranche_release',
        trancheId,
        periodNumber: 1,
        reportIds: [report.id],
      });
      expect(await send<LedgerEntry>(FundingContracts.RecordReceipt.subject, receipt(100_000_000))).toMatchObject({
        kind: 'receipt',
        amount: 100_000_000,
      });
      const tranche = (await view(partnershipId)).commitments[0].tranches[1];
      expect(tranche).toMatchObject({
        releasable: true,
        release: { sequence: released.sequence, reportIds: [report.id] },
      });
      const events = await eventsOf(partnershipId, (found) =>
        found.some((e) => e.type === FundingEventType.TrancheReleased),
      );
      expect(events.find((e) => e.type === FundingEventType.TrancheReleased)).toMatchObject({
        data: { trancheId, amount: 60_000_000, periodNumber: 1 },
      });
    });
  });

  describe('corrections, summaries and the trace', () => {
    it('corrects by reversing entries, and traces every Rupiah from commitment to expenditure', async () => {
      const partnershipId = await commonFund(30_000_000);
      const sequence = await approved(partnershipId, 12_000_000);
      const paid = await send<LedgerEntry>(
        FundingContracts.PayDisbursement.subject,
        command(partnershipId, coordinatorCity, {
          request: sequence,
          payment: { paidOn: '2026-03-01', reference: 'SP2D-9' },
        }),
      );
      const evidence = {
        link: 'https://example.org/kuitansi-9.pdf',
        description: 'Pembelian makanan tambahan untuk 12 posyandu',
      };
      const spend = (amount: number) =>
        command(partnershipId, partner(org.vendor), {
          expenditure: {
            payment: paid.sequence,
            amount,
            spentOn: '2026-03-15',
            receivingOrganisationId: org.rw,
            evidence,
          },
        });
      const spent = await send<LedgerEntry>(FundingContracts.RecordExpenditure.subject, spend(9_000_000));
      expect((await refused(FundingContracts.RecordExpenditure.subject, spend(3_000_001))).code).toBe(
        ErrorCode.Conflict,
      );

      const blocked = await refused(
        FundingContracts.ReverseEntry.subject,
        command(partnershipId, coordinatorCity, {
          entry: 3,
          reversal: { reason: 'Penerimaan dicatat dua kali' },
        }),
      );
      expect(blocked.message).toBe(
        'Entry 3 cannot be reversed: reverse the disbursement requests drawing on it first.',
      );
      const reversal = await send<LedgerEntry>(
        FundingContracts.ReverseEntry.subject,
        command(partnershipId, coordinatorCity, {
          entry: spent.sequence,
          reversal: { reason: 'Kuitansi salah nominal' },
        }),
      );
      expect(reversal).toMatchObject({
        kind: 'reversal',
        reverses: spent.sequence,
        reversedKind: 'expenditure',
        amount: 9_000_000,
      });
      const corrected = await send<LedgerEntry>(FundingContracts.RecordExpenditure.subject, spend(8_500_000));

      const page = await send<LedgerPage>(FundingContracts.ListLedger.subject, {
        actor: auditor,
        partnershipId,
        after: spent.sequence - 1,
        limit: 2,
      });
      expect(
        page.entries.map((e) => [e.sequence, e.kind, 'reversedBy' in e ? e.reversedBy : undefined]),
      ).toEqual([
        [spent.sequence, 'expenditure', reversal.sequence],
        [reversal.sequence, 'reversal', undefined],
      ]);
      expect(page.nextAfter).toBe(reversal.sequence);

      const summary = await send<FundingSummary>(FundingContracts.GetSummary.subject, {
        actor: auditor,
        partnershipId,
      });
      expect(summary.totals).toMatchObject({
        committed: 30_000_000,
        received: 30_000_000,
        disbursed: 12_000_000,
        spent: 8_500_000,
        available: 18_000_000,
      });
      expect(summary.byPartner.find((p) => p.organisationId === org.company)).toMatchObject({
        committed: 30_000_000,
        received: 30_000_000,
        disbursed: 12_000_000,
        spent: 8_500_000,
      });
      expect(summary.bySdgTarget.find((t) => t.target === '3.2')).toMatchObject({
        planned: 100_000_000,
        disbursed: 12_000_000,
        spent: 8_500_000,
      });

      const trace = await send<FundingTrace>(FundingContracts.GetTrace.subject, {
        actor: auditor,
        partnershipId,
        sequence: corrected.sequence,
      });
      expect(trace.flows).toEqual([
        {
          stage: 'spent',
          amount: 8_500_000,
          organisationId: org.company,
          commitment: 2,
          receipt: 3,
          request: sequence,
          payment: paid.sequence,
          expenditure: corrected.sequence,
          lineId: 'gizi',
          holderOrganisationId: org.rw,
        },
      ]);
      const events = await eventsOf(
        partnershipId,
        (found) => found.filter((e) => e.type === FundingEventType.ExpenditureRecorded).length === 2,
      );
      expect(events.map((e) => e.type)).toEqual(
        expect.arrayContaining([
          FundingEventType.ReceiptRecorded,
          FundingEventType.DisbursementRequested,
          FundingEventType.DisbursementApproved,
          FundingEventType.DisbursementPaid,
          FundingEventType.EntryReversed,
        ]),
      );
    });
  });

  describe('events left pending by a crash, and a ledger of the previous layout', () => {
    let restarted: ManagedProcess | undefined;
    afterAll(async () => {
      await restarted?.stop();
    });

    it('are published when a funding instance starts, the old ledger moved into the store first', async () => {
      const event = (partnershipId: string): DomainEvent => ({
        eventId: `funding:${partnershipId}:1:0`,
        type: FundingEventType.PlanSet,
        occurredAt: new Date().toISOString(),
        partnershipId,
        organisationIds: [],
        data: { version: 1 },
      });
      const entry: PlanSetEntry = {
        sequence: 1,
        at: new Date().toISOString(),
        actor: admin,
        kind: 'plan_set',
        plan: {
          mechanism: 'separate',
          ceilings: [],
          lines: plan().lines.slice(0, 1),
          governance: { approvalsRequired: 1, distinctOrganisations: 0 },
          version: 1,
          organisationSectors: { [org.city]: 'government_regency' },
        },
      };
      const command = { key: 'crashed', subject: 'funding.plan.save', inputHash: 'x' };
      // Written by this version, which died before publishing.
      const crashed = newPartnership();
      await ledgerEntries().insertOne({
        _id: `${crashed}:1`,
        aggregateId: crashed,
        revision: 1,
        idempotencyKey: command.key,
        inputHash: command.inputHash,
        change: { entry, command },
        events: [event(crashed)],
        published: false,
        recordedAt: new Date(),
      });
      // Written by the previous version (a collection per partnership and a marker), which died the same way.
      const legacy = newPartnership();
      const _id = `${legacy}:1`;
      await database
        .collection<{ _id: string; [field: string]: unknown }>('ledger_outbox')
        .insertOne({ _id, partnershipId: legacy, sequence: 1, createdAt: new Date() });
      await database.collection<{ _id: string; [field: string]: unknown }>(`ledger_${legacy}`).insertOne({
        _id,
        partnershipId: legacy,
        sequence: 1,
        entry,
        command,
        outbox: [event(legacy)],
        eventsPublished: false,
      });

      const { NATS_URL, MONGO_URL, MITRA_TEST_DATA_DIR, MITRA_TEST_NATS_CREDENTIALS_DIR } = systemEnv();
      restarted = await startApp('funding', {
        env: { NATS_URL, MONGO_URL },
        natsCredentialsDir: MITRA_TEST_NATS_CREDENTIALS_DIR,
        logDir: path.join(MITRA_TEST_DATA_DIR, `funding-restart-${randomUUID().slice(0, 8)}`),
        keysDir: systemKeysDir(),
      });
      for (const partnershipId of [crashed, legacy]) {
        const events = await eventsOf(partnershipId, (found) => found.length > 0, 20_000);
        expect(events).toMatchObject([{ eventId: `funding:${partnershipId}:1:0`, type: 'funding.plan.set' }]);
      }
      let published = false;
      for (let attempt = 0; attempt < 40 && !published; attempt++) {
        const flags = await ledgerEntries()
          .find({ _id: { $in: [`${crashed}:1`, _id] } })
          .toArray();
        published = flags.length === 2 && flags.every((d) => d.published === true);
        if (!published) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(published).toBe(true);
      const collections = (await database.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
      expect(collections).not.toContain(`ledger_${legacy}`);
      expect(collections).not.toContain('ledger_outbox');
      expect((await send<LedgerPage>(FundingContracts.ListLedger.subject, { actor: admin, partnershipId: legacy })).entries).toEqual([entry]);
    }, 180_000);
  });
});
