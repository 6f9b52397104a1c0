import { randomUUID } from 'node:crypto';
import type { ClientProxy } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';
import {
  type Actor,
  type ErrorBody,
  type FundingBalance,
  type FundingPlanInput,
  type FundingSummary,
  type FundingTrace,
  type FundingView,
  type LedgerEntry,
  type LedgerPage,
  type LifecycleState,
  type Organisation,
  type Sector,
  FundingContracts,
} from '@mitra/contracts';
import { signingNatsClientProxy } from '@mitra/platform';
import { ApiClient, testCallerConfig, vouchedBySubject } from '@mitra/testing';

describe('funding: api → NATS → funding service → ledger', () => {
  const api = new ApiClient();
  let client: ClientProxy;
  let partnershipId = '';
  let base = '';
  const org = { city: '', company: '', vendor: '', cso: '' };

  const plan = (): FundingPlanInput => ({
    mechanism: 'common_fund',
    fundHolderOrganisationId: org.cso,
    lines: [
      {
        id: 'air',
        activity: 'Sambungan air bersih rumah tangga miskin',
        amount: 80_000_000,
        year: 2026,
        sdgTargets: ['6.1'],
        responsibleOrganisationId: org.city,
        source: { kind: 'apbd' },
      },
      {
        id: 'sanitasi',
        activity: 'Jamban sehat',
        amount: 40_000_000,
        year: 2026,
        sdgTargets: ['6.2'],
        responsibleOrganisationId: org.company,
        source: { kind: 'csr', field: 'lingkungan' },
      },
    ],
  });

  beforeAll(async () => {
    client = signingNatsClientProxy(testCallerConfig(), vouchedBySubject);
    const register = async (name: string, sector: Sector) =>
      (
        await api.post<Organisation>('organisations', {
          name: `${name} ${randomUUID().slice(0, 8)}`,
          sector,
          region: { province: 'Nusa Tenggara Timur', regency: 'Kota Kupang' },
          acknowledgeDuplicate: true,
        })
      ).body.id;
    org.city = await register('Pemerintah Kota Kupang', 'government_regency');
    org.company = await register('PT Air Timor', 'business');
    org.vendor = await register('CV Pipa Jaya', 'business');
    org.cso = await register('Yayasan Air untuk Semua', 'cso');
    partnershipId = (await api.post<LifecycleState>('partnerships', { name: 'Kemitraan Air Bersih Kupang' }))
      .body.partnershipId;
    base = `partnerships/${partnershipId}/funding`;
  });
  afterAll(async () => {
    await client.close();
  });

  it('sets the plan and refuses a bad one with field errors, storing nothing', async () => {
    const bad = await api.post<ErrorBody>(`${base}/plan`, {
      ...plan(),
      mechanism: 'co_funding',
      shares: [{ organisationId: org.city, percent: 50 }],
      lines: [{ ...plan().lines[0], amount: -1 }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.field).sort()).toEqual([
      'plan.fundHolderOrganisationId',
      'plan.lines.0.amount',
      'plan.shares',
    ]);
    expect((await api.get<FundingView>(base)).body.sequence).toBe(0);

    const set = await api.post<LedgerEntry>(`${base}/plan`, plan());
    expect(set.status).toBe(201);
    expect(set.body).toMatchObject({
      sequence: 1,
      kind: 'plan_set',
      plan: { mechanism: 'common_fund', governance: { approvalsRequired: 2, distinctOrganisations: 2 } },
    });
  });

  it('records a commitment, and the lifecycle learns the partnership has a funding plan with commitments', async () => {
    const commitment = await api.post<LedgerEntry>(`${base}/commitments`, {
      organisationId: org.company,
      contribution: { kind: 'cash', amount: 60_000_000 },
      schedule: [{ dueOn: '2026-02-01', amount: 60_000_000 }],
    });
    expect(commitment.status).toBe(201);
    expect(commitment.body).toMatchObject({
      sequence: 2,
      kind: 'commitment',
      organisationId: org.company,
      schedule: [{ id: '2.1' }],
    });

    const deadline = Date.now() + 30_000;
    let state = (await api.get<LifecycleState>(`partnerships/${partnershipId}`)).body;
    while (!state.facts.fundingCommitted && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      state = (await api.get<LifecycleState>(`partnerships/${partnershipId}`)).body;
    }
    expect(state.facts.fundingCommitted).toBe(true);
    expect(state.appliedEventIds).toContain(`funding:${partnershipId}:2:1`);
  });

  it('moves money commitment → receipt → request → approvals → payment → expenditure, refusing self-approval', async () => {
    expect(
      (
        await api.post(`${base}/receipts`, {
          commitment: 2,
          amount: 60_000_000,
          receivedOn: '2026-02-05',
          reference: 'TRF-KUPANG-1',
        })
      ).status,
    ).toBe(201);
    const over = await api.post<ErrorBody>(`${base}/disbursements`, {
      lineId: 'air',
      amount: 60_000_001,
      purpose: 'Pipa',
      requestingOrganisationId: org.city,
      receivingOrganisationId: org.vendor,
    });
    expect(over.status).toBe(409);
    const requested = await api.post<LedgerEntry>(`${base}/disbursements`, {
      lineId: 'air',
      amount: 25_000_000,
      purpose: 'Pipa dan meteran air',
      requestingOrganisationId: org.city,
      receivingOrganisationId: org.vendor,
    });
    expect(requested.status).toBe(201);

    const self = await api.post<ErrorBody>(`${base}/disbursements/${requested.body.sequence}/approvals`, {});
    expect(self.status).toBe(403);
    expect(self.body.message).toBe('The requester may not approve its own request.');
    const notYet = await api.post<ErrorBody>(`${base}/disbursements/${requested.body.sequence}/payment`, {
      paidOn: '2026-03-01',
      reference: 'SP2D-1',
    });
    expect(notYet.status).toBe(409);

    for (const approver of [
      { userId: 'koordinator-pt-air', role: 'coordinator', organisationId: org.company },
      { userId: 'koordinator-yayasan', role: 'coordinator', organisationId: org.cso },
    ] satisfies Actor[]) {
      await firstValueFrom(
        client.send(FundingContracts.ApproveDisbursement.subject, {
          idempotencyKey: `test-${randomUUID()}`,
          actor: approver,
          partnershipId,
          request: requested.body.sequence,
          approval: {},
        }),
      );
    }
    const paid = await api.post<LedgerEntry>(`${base}/disbursements/${requested.body.sequence}/payment`, {
      paidOn: '2026-03-01',
      reference: 'SP2D-1',
    });
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({
      kind: 'payment',
      amount: 25_000_000,
      payerOrganisationId: org.cso,
      receiverOrganisationId: org.vendor,
    });

    const spent = await api.post<LedgerEntry>(`${base}/expenditures`, {
      payment: paid.body.sequence,
      amount: 20_000_000,
      spentOn: '2026-03-20',
      receivingOrganisationId: org.vendor,
      evidence: { reference: 'BAST 12/III/2026', description: 'Berita acara serah terima 40 sambungan air' },
    });
    expect(spent.status).toBe(201);

    const balance = (await api.get<FundingBalance>(`${base}/balance`)).body;
    expect(balance.total).toEqual({
      received: 60_000_000,
      reserved: 0,
      disbursed: 25_000_000,
      available: 35_000_000,
    });
    const trace = (await api.get<FundingTrace>(`${base}/trace?sequence=${spent.body.sequence}`)).body;
    expect(trace.flows).toEqual([
      expect.objectContaining({
        stage: 'spent',
        amount: 20_000_000,
        organisationId: org.company,
        commitment: 2,
        receipt: 3,
        payment: paid.body.sequence,
      }),
    ]);
  });

  it('corrects with a reversing entry and shows both in the ledger and the summary', async () => {
    const page = (await api.get<LedgerPage>(`${base}/ledger`)).body;
    const expenditure = page.entries.find((e) => e.kind === 'expenditure')!;
    const reversed = await api.post<LedgerEntry>(`${base}/entries/${expenditure.sequence}/reversal`, {
      reason: 'Nominal BAST salah ketik',
    });
    expect(reversed.status).toBe(201);
    expect(reversed.body).toMatchObject({
      kind: 'reversal',
      reverses: expenditure.sequence,
      amount: 20_000_000,
    });

    const after = (await api.get<LedgerPage>(`${base}/ledger?after=${expenditure.sequence - 1}&limit=1`))
      .body;
    expect(after.entries).toEqual([
      expect.objectContaining({ sequence: expenditure.sequence, reversedBy: reversed.body.sequence }),
    ]);
    expect(after.nextAfter).toBe(expenditure.sequence);
    const summary = (await api.get<FundingSummary>(`${base}/summary`)).body;
    expect(summary.totals).toMatchObject({
      planned: 120_000_000,
      committed: 60_000_000,
      received: 60_000_000,
      disbursed: 25_000_000,
      spent: 0,
    });
    expect(summary.deviation.lines.find((l) => l.lineId === 'air')).toMatchObject({
      planned: 80_000_000,
      disbursed: 25_000_000,
      spent: 0,
      deviationRate: -1,
    });
  });

  it('answers a retried command with the first reply, and the same key with other input with 409', async () => {
    const key = `funding-${randomUUID()}`;
    const body = {
      organisationId: org.cso,
      contribution: { kind: 'in_kind', description: 'Fasilitator desa', valueEstimate: 5_000_000 },
      schedule: [{ dueOn: '2026-04-01', amount: 5_000_000 }],
    };
    const first = await api.post<LedgerEntry>(`${base}/commitments`, body, key);
    const again = await api.post<LedgerEntry>(`${base}/commitments`, body, key);
    expect(again.body).toEqual(first.body);
    const other = await api.post<ErrorBody>(
      `${base}/commitments`,
      { ...body, schedule: [{ dueOn: '2026-05-01', amount: 5_000_000 }] },
      key,
    );
    expect(other.status).toBe(409);
  });

  it('refuses a missing key, malformed ids and query operators with 400, and an unknown partnership with 404', async () => {
    expect(
      (
        await api.post<ErrorBody>(
          `${base}/receipts`,
          { commitment: 2, amount: 1, receivedOn: '2026-02-05', reference: 'x' },
          null,
        )
      ).status,
    ).toBe(400);
    const badSequence = await api.post<ErrorBody>(`${base}/disbursements/abc/approvals`, {});
    expect(badSequence.body.errors).toEqual([
      expect.objectContaining({ field: 'sequence', reason: 'must be a ledger sequence number' }),
    ]);
    expect((await api.post<ErrorBody>(`${base}/tranches/2.x/release`, undefined)).status).toBe(400);
    const injected = await api.get<ErrorBody>(`${base}/ledger?after[$gt]=0`);
    expect(injected.status).toBe(400);
    expect(injected.body).not.toHaveProperty('entries');
    const operator = await api.post<ErrorBody>(`${base}/receipts`, {
      commitment: { $gt: 0 },
      amount: 1,
      receivedOn: '2026-02-05',
      reference: 'x',
    });
    expect(operator.body.errors).toEqual([expect.objectContaining({ field: 'receipt.commitment' })]);
    expect((await api.get<ErrorBody>(`partnerships/${'z'.repeat(20)}/funding`)).status).toBe(400);
    expect((await api.post<ErrorBody>(`partnerships/${'d'.repeat(20)}/funding/plan`, plan())).status).toBe(
      404,
    );
  });

  it('documents the funding routes in the OpenAPI document with their request bodies', async () => {
    const document = (await (await fetch(`${api.baseUrl}/api/docs/openapi.json`)).json()) as {
      paths: Record<
        string,
        Record<
          string,
          { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> } }
        >
      >;
    };
    const prefix = '/api/v1/partnerships/{partnershipId}/funding';
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(
        [
          '',
          '/ledger',
          '/balance',
          '/summary',
          '/trace',
          '/plan',
          '/commitments',
          '/receipts',
          '/disbursements',
          '/disbursements/{sequence}/approvals',
          '/disbursements/{sequence}/payment',
          '/expenditures',
          '/entries/{sequence}/reversal',
          '/tranches/{trancheId}/release',
        ].map((path) => `${prefix}${path}`),
      ),
    );
    const planBody = document.paths[`${prefix}/plan`].post.requestBody!.content['application/json'].schema;
    expect(Object.keys(planBody.properties ?? {})).toEqual(
      expect.arrayContaining([
        'mechanism',
        'fundHolderOrganisationId',
        'shares',
        'governance',
        'ceilings',
        'lines',
      ]),
    );
  });
});
