import * as fs from 'node:fs';
import readXlsxFile from 'read-excel-file/node';
import type { Browser, Page } from 'playwright-core';
import type { FundingPlanInput, FundingView, LifecycleState, Organisation } from '@mitra/contracts';
import { ApiClient, demoAccounts, demoPassword, type SignedInUser } from '@mitra/testing';
import { launchBrowser } from './browser';
import {
  approveDisbursement,
  balance,
  commit,
  commitments,
  disbursementRequest,
  expectBalance,
  expectCommitsOnlyFor,
  expectCommitted,
  expectReadOnly,
  expectRequestStatus,
  fieldError,
  fillFundingPlan,
  ledgerEntries,
  openFunding,
  payDisbursement,
  recordExpenditure,
  recordReceipt,
  requestDisbursement,
  reverseEntry,
  setFundingPlan,
  submitCommitment,
  submitDisbursementRequest,
  submitTrancheRelease,
} from './journey/funding';
import { BrowserSessions, eventually, expectOk, screenshot } from './support';

// The coordinator sets the plan and moves the money in the browser; each partner representative
// commits for its own organisation in its own browser; a second coordinator (the treasurer of the Forum CSR,
// which co-leads) gives the second approval the common fund's rule asks for; the demo auditor reads it all.
describe('funding in the browser', () => {
  const admin = new ApiClient();
  const coordinator = ApiClient.signedInAs(demoAccounts.coordinator.email);
  const run = Date.now().toString(36);
  const treasurerEmail = `bendahara-${run}@forumcsr-bandung.id`;
  let browser: Browser;
  let sessions: BrowserSessions;
  let me: SignedInUser;
  let forum: SignedInUser;
  let lpm: SignedInUser;
  let treasurerId: string;
  let vendor: Organisation;
  let partnershipId: string;
  let coordinatorPage: Page;
  let forumPage: Page;
  let lpmPage: Page;
  let treasurerPage: Page;
  const sequences: Record<string, number> = {};

  const funding = () => `partnerships/${partnershipId}/funding`;
  const ledgerSequence = async () =>
    (await expectOk(coordinator.get<FundingView>(funding()), 'the funding view')).sequence;

  const plan = (communityCeiling: number): FundingPlanInput => ({
    mechanism: 'common_fund',
    fundHolderOrganisationId: forum.organisationId!,
    ceilings: [{ sector: 'community', maxPerOrganisationPerYear: communityCeiling, cashAllowed: false }],
    lines: [
      {
        id: 'bank-sampah',
        activity: 'Bank sampah di setiap RW',
        amount: 450_000_000,
        year: 2026,
        sdgTargets: ['11.6', '12.5'],
        responsibleOrganisationId: lpm.organisationId!,
        source: { kind: 'csr', field: 'lingkungan' },
      },
      {
        id: 'kampanye',
        activity: 'Kampanye kurangi plastik sekali pakai',
        amount: 60_000_000,
        year: 2026,
        sdgTargets: ['12.5'],
        responsibleOrganisationId: me.organisationId!,
        source: { kind: 'apbd' },
      },
      {
        id: 'insentif-rw',
        activity: 'Insentif RW bebas sampah',
        amount: 40_000_000,
        year: 2027,
        sdgTargets: ['11.6'],
        responsibleOrganisationId: forum.organisationId!,
        source: { kind: 'blended', instrument: 'result_based_incentive' },
      },
    ],
  });

  beforeAll(async () => {
    browser = await launchBrowser();
    sessions = new BrowserSessions(browser);
    const meOf = async (email: string) =>
      (await expectOk(ApiClient.signedInAs(email).get<{ user: SignedInUser }>('auth/me'), `me as ${email}`))
        .user;
    [me, forum, lpm] = await Promise.all([
      meOf(demoAccounts.coordinator.email),
      meOf(demoAccounts.forumCsr.email),
      meOf(demoAccounts.lpmCibangkong.email),
    ]);
    treasurerId = (
      await expectOk(
        admin.post<{ id: string }>('users', {
          email: treasurerEmail,
          name: 'Sri Wahyuni',
          role: 'coordinator',
          organisationId: forum.organisationId,
          password: demoPassword,
        }),
        'the treasurer account',
      )
    ).id;
    vendor = await expectOk(
      coordinator.post<Organisation>('organisations', {
        name: `CV Timbangan Digital ${run}`,
        sector: 'business',
        region: { province: 'Jawa Barat', regency: 'Kota Bandung' },
        acknowledgeDuplicate: true,
      }),
      'the supplier',
    );
    partnershipId = (
      await expectOk(
        coordinator.post<LifecycleState>('partnerships', {
          name: `Bandung Bebas Sampah Plastik ${run}`,
          leadOrganisationId: me.organisationId,
        }),
        'the partnership',
      )
    ).partnershipId;
    // The Forum CSR co-leads (its treasurer coordinates with the city); the LPM is a partner.
    for (const [organisationId, role] of [
      [forum.organisationId, 'lead'],
      [lpm.organisationId, 'partner'],
    ] as const) {
      await expectOk(
        coordinator.post(`partnerships/${partnershipId}/decisions/addPartner`, { organisationId, role }),
        'adding a partner',
      );
    }
  }, 180_000);

  afterAll(async () => {
    await sessions?.close();
    await browser?.close();
  });

  it('lets the coordinator set the plan, with the service’s refusal shown under the line it concerns', async () => {
    coordinatorPage = await sessions.signedInPage(
      demoAccounts.coordinator.email,
      `/partnerships/${partnershipId}/funding`,
    );
    await coordinatorPage.getByTestId('plan-none').waitFor();

    // A ceiling of Rp 100.000.000 a year per community organisation: the LPM's line breaks it.
    const form = await fillFundingPlan(coordinatorPage, partnershipId, plan(100_000_000));
    await form.getByTestId('plan-submit').click();
    await eventually(async () =>
      expect(await fieldError(form, 'plan-line-amount-0')).toMatch(
        /di atas batas Rp\s100\.000\.000 per tahun/,
      ),
    );
    expect(await fieldError(form, 'plan-line-amount-1')).toBeNull();
    expect(await ledgerSequence()).toBe(0);
    sessions.forget(/400 .*\/funding\/plan$/);

    expect(await setFundingPlan(coordinatorPage, partnershipId, plan(500_000_000))).toBe(1);
    const view = coordinatorPage.getByTestId('plan-view');
    expect(await view.getByTestId('plan-fund-holder').textContent()).toBe(forum.organisationName);
    expect(await view.getByTestId('plan-governance').textContent()).toContain(
      '2 persetujuan, dari 2 organisasi selain organisasi pengaju',
    );
    const sources = await view
      .getByTestId('plan-line-source')
      .evaluateAll((cells) => cells.map((cell) => [cell.getAttribute('data-source'), cell.textContent]));
    expect(sources.map(([source]) => source)).toEqual(['csr', 'apbd', 'blended']);
    expect(sources[0][1]).toContain('Bidang TJSL: Lingkungan');
    expect(sources[2][1]).toContain('Insentif berbasis hasil');
    expect((await view.getByTestId('plan-total').textContent())?.replace(/\s/g, ' ')).toBe('Rp 550.000.000');
    expect(await coordinatorPage.getByTestId('funding-status').getAttribute('data-status')).toBe('planned');

    const stored = await expectOk(coordinator.get<FundingView>(funding()), 'the funding view');
    expect(stored.plan).toMatchObject({
      version: 1,
      mechanism: 'common_fund',
      governance: { approvalsRequired: 2, distinctOrganisations: 2 },
      ceilings: [{ sector: 'community', maxPerOrganisationPerYear: 500_000_000, cashAllowed: false }],
    });
    expect(stored.plan?.lines.map((line) => line.source)).toEqual(plan(0).lines.map((line) => line.source));
  }, 180_000);

  it('lets each partner representative commit for its own organisation only, refusing a bad amount', async () => {
    forumPage = await sessions.signedInPage(
      demoAccounts.forumCsr.email,
      `/partnerships/${partnershipId}/funding`,
    );
    await expectCommitsOnlyFor(forumPage, partnershipId, forum.organisationId!);

    const form = await submitCommitment(forumPage, partnershipId, { amountIdr: 0, dueOn: '2026-11-01' });
    await eventually(async () => expect(await fieldError(form, 'commit-amount')).toBe('Harus lebih dari 0.'));
    expect(await ledgerSequence()).toBe(1);
    sessions.forget(/400 .*\/funding\/commitments$/);

    sequences.forumCommitment = await commit(forumPage, partnershipId, {
      amountIdr: 300_000_000,
      schedule: [
        { dueOn: '2026-11-01', amountIdr: 200_000_000 },
        { dueOn: '2027-02-01', amountIdr: 100_000_000, periodNumber: 1 },
      ],
      note: 'Dana TJSL anggota forum 2026',
    });

    lpmPage = await sessions.signedInPage(
      demoAccounts.lpmCibangkong.email,
      `/partnerships/${partnershipId}/funding?view=commitments`,
    );
    await expectCommitsOnlyFor(lpmPage, partnershipId, lpm.organisationId!);
    sequences.lpmCommitment = await commit(lpmPage, partnershipId, {
      kind: 'in_kind',
      amountIdr: 50_000_000,
      description: 'Kader lingkungan RW dan gudang bank sampah',
      dueOn: '2026-11-15',
    });

    const stored = await expectOk(coordinator.get<FundingView>(funding()), 'the funding view');
    expect(stored.commitments.map((c) => [c.organisationId, c.contribution, c.recordedBy.userId])).toEqual([
      [forum.organisationId, { kind: 'cash', amount: 300_000_000 }, forum.id],
      [
        lpm.organisationId,
        {
          kind: 'in_kind',
          description: 'Kader lingkungan RW dan gudang bank sampah',
          valueEstimate: 50_000_000,
        },
        lpm.id,
      ],
    ]);
    expect(
      stored.commitments[0].tranches.map((t) => [t.dueOn, t.amount, t.resultsGate, t.releasable]),
    ).toEqual([
      ['2026-11-01', 200_000_000, undefined, true],
      ['2027-02-01', 100_000_000, { periodNumber: 1 }, false],
    ]);
  }, 180_000);

  it('shows every member the plan committed, as the Formation gate has it', async () => {
    await expectCommitted(coordinatorPage, partnershipId);
    await expectCommitted(forumPage, partnershipId);
    expect(await commitments(coordinatorPage, partnershipId)).toEqual([
      {
        sequence: sequences.forumCommitment,
        organisationId: forum.organisationId,
        kind: 'cash',
        value: 'Rp 300.000.000',
        reversed: false,
      },
      {
        sequence: sequences.lpmCommitment,
        organisationId: lpm.organisationId,
        kind: 'in_kind',
        value: 'Rp 50.000.000',
        reversed: false,
      },
    ]);
    const state = await expectOk(
      coordinator.get<LifecycleState>(`partnerships/${partnershipId}`),
      'the state',
    );
    expect(state.facts.fundingCommitted).toBe(true);

    // The results-gated tranche waits for monitoring: the service's answer shows where it was asked.
    const before = await ledgerSequence();
    const tranche = await submitTrancheRelease(
      coordinatorPage,
      partnershipId,
      `${sequences.forumCommitment}.2`,
    );
    await eventually(async () =>
      expect(await tranche.getByTestId('api-error').textContent()).toContain(
        'menunggu laporan periode 1 disetujui',
      ),
    );
    expect(await tranche.getAttribute('data-releasable')).toBe('false');
    expect(await ledgerSequence()).toBe(before);
    sessions.forget(/409 .*\/funding\/tranches\/[0-9.]+\/release$/);
    await openFunding(forumPage, partnershipId, 'commitments');
    expect(await forumPage.getByTestId(`release-${sequences.forumCommitment}.2`).count()).toBe(0);

    await openFunding(coordinatorPage, partnershipId, 'plan');
    await screenshot(coordinatorPage, 'funding-plan.png');
  }, 120_000);

  it('moves money: a receipt, a request approved by two people of two organisations, paid and spent', async () => {
    sequences.receipt = await recordReceipt(coordinatorPage, partnershipId, {
      commitment: sequences.forumCommitment,
      amountIdr: 200_000_000,
      receivedOn: '2026-11-03',
      reference: 'TRF-CSR-0001',
    });

    // More than the common fund holds: the service's reason stands under the amount, nothing is stored.
    const before = await ledgerSequence();
    const form = await submitDisbursementRequest(coordinatorPage, partnershipId, {
      lineId: 'bank-sampah',
      amountIdr: 250_000_000,
      purpose: 'Timbangan, gerobak dan gudang',
      requestingOrganisationId: me.organisationId,
      receivingOrganisationId: vendor.id,
      receivingOrganisationName: vendor.name,
    });
    await eventually(async () =>
      expect(await fieldError(form, 'request-amount')).toMatch(
        /^Permintaan melebihi dana yang tersedia \(Rp\s200\.000\.000\)\.$/,
      ),
    );
    expect(await ledgerSequence()).toBe(before);
    sessions.forget(/409 .*\/funding\/disbursements$/);

    // The LPM asks for its own organisation, from its own browser.
    await openFunding(lpmPage, partnershipId, 'movements');
    expect(await lpmPage.getByTestId('request-requester').getAttribute('data-organisation-id')).toBe(
      lpm.organisationId,
    );
    sequences.request = await requestDisbursement(lpmPage, partnershipId, {
      lineId: 'bank-sampah',
      amountIdr: 75_000_000,
      purpose: 'Timbangan digital dan gerobak pilah untuk 5 RW',
      receivingOrganisationId: vendor.id,
      receivingOrganisationName: vendor.name,
    });
    const request = sequences.request;
    expect(await disbursementRequest(lpmPage, partnershipId, request)).toMatchObject({
      status: 'awaiting',
      mayApprove: false,
      requestedByMe: true,
    });

    await approveDisbursement(coordinatorPage, partnershipId, request);
    expect(await disbursementRequest(coordinatorPage, partnershipId, request)).toMatchObject({
      status: 'awaiting',
      approvedBy: [{ userId: me.id, organisationId: me.organisationId }],
      mayApprove: false,
    });

    treasurerPage = await sessions.signedInPage(
      treasurerEmail,
      `/partnerships/${partnershipId}/funding?view=movements`,
    );
    await approveDisbursement(treasurerPage, partnershipId, request);
    await expectRequestStatus(coordinatorPage, partnershipId, request, 'approved');
    await eventually(async () =>
      expect((await disbursementRequest(lpmPage, partnershipId, request)).approvedBy).toEqual([
        { userId: me.id, organisationId: me.organisationId },
        { userId: treasurerId, organisationId: forum.organisationId },
      ]),
    );

    sequences.payment = await payDisbursement(coordinatorPage, partnershipId, request, {
      paidOn: '2026-11-20',
      reference: 'BKU-0001',
    });
    sequences.expenditure = await recordExpenditure(coordinatorPage, partnershipId, {
      payment: sequences.payment,
      amountIdr: 60_000_000,
      spentOn: '2026-11-25',
      receivingOrganisationId: vendor.id,
      receivingOrganisationName: vendor.name,
      link: 'https://arsip.bandung.go.id/kmp/bast-timbangan.pdf',
      description: 'Berita acara serah terima 5 timbangan digital',
    });
    await expectRequestStatus(lpmPage, partnershipId, request, 'paid');
  }, 240_000);

  it('never offers the requester its own approval, and corrects a request by reversing it', async () => {
    const request = await requestDisbursement(coordinatorPage, partnershipId, {
      lineId: 'kampanye',
      amountIdr: 20_000_000,
      purpose: 'Baliho kampanye',
      requestingOrganisationId: me.organisationId,
      receivingOrganisationId: vendor.id,
      receivingOrganisationName: vendor.name,
    });
    expect(await disbursementRequest(coordinatorPage, partnershipId, request)).toMatchObject({
      status: 'awaiting',
      mayApprove: false,
      requestedByMe: true,
    });
    await eventually(async () =>
      expect((await disbursementRequest(treasurerPage, partnershipId, request)).mayApprove).toBe(true),
    );

    await reverseEntry(
      coordinatorPage,
      partnershipId,
      request,
      'Diajukan ganda; baliho dibiayai APBD murni.',
    );
    await expectRequestStatus(treasurerPage, partnershipId, request, 'reversed');
    expect((await disbursementRequest(treasurerPage, partnershipId, request)).mayApprove).toBe(false);
  }, 180_000);

  it('shows every member the ledger, the balance and the chart', async () => {
    await expectBalance(coordinatorPage, partnershipId, {
      received: 'Rp 200.000.000',
      reserved: 'Rp 0',
      disbursed: 'Rp 75.000.000',
      available: 'Rp 125.000.000',
    });
    const entries = await ledgerEntries(coordinatorPage, partnershipId);
    expect(entries.map((entry) => [entry.kind, entry.amount, entry.reversed])).toEqual([
      ['reversal', 'Rp 20.000.000', false],
      ['disbursement_request', 'Rp 20.000.000', true],
      ['expenditure', 'Rp 60.000.000', false],
      ['payment', 'Rp 75.000.000', false],
      ['approval', null, false],
      ['approval', null, false],
      ['disbursement_request', 'Rp 75.000.000', false],
      ['receipt', 'Rp 200.000.000', false],
      ['commitment', 'Rp 50.000.000', false],
      ['commitment', 'Rp 300.000.000', false],
      ['plan_set', null, false],
    ]);
    expect(entries.every((entry) => entry.when.endsWith('WIB'))).toBe(true);
    await eventually(async () => {
      const recordedBy = new Map(
        (await ledgerEntries(coordinatorPage, partnershipId)).map((entry) => [
          entry.sequence,
          entry.recordedBy,
        ]),
      );
      expect(recordedBy.get(sequences.forumCommitment)).toBe(`oleh Wakil mitra ${forum.organisationName}`);
      expect(recordedBy.get(sequences.receipt)).toBe('oleh Anda');
    });

    const chart = coordinatorPage.getByTestId('chart-partners');
    await eventually(async () =>
      expect(await chart.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0),
    );
    expect(await chart.textContent()).toContain(forum.organisationName);
    expect((await coordinatorPage.getByTestId('total-spent').textContent())?.replace(/\s/g, ' ')).toBe(
      'Rp 60.000.000',
    );
    // The CSR line's spending, by field and year, and from how many companies' money.
    expect(
      await coordinatorPage
        .getByTestId('csr-figure')
        .evaluateAll((rows) =>
          rows.map((row) =>
            [...row.querySelectorAll('td')].map((cell) => cell.textContent?.replace(/\s/g, ' ')),
          ),
        ),
    ).toEqual([['Lingkungan', '2026', 'Rp 450.000.000', 'Rp 60.000.000', '1']]);
    await screenshot(coordinatorPage, 'funding-ledger.png');

    // The partners read the same figures.
    await expectBalance(lpmPage, partnershipId, await balance(coordinatorPage, partnershipId));
  }, 120_000);

  it('lets the auditor read the ledger with no action offered', async () => {
    const auditorPage = await sessions.signedInPage(
      demoAccounts.auditor.email,
      `/partnerships/${partnershipId}/funding`,
    );
    await expectCommitted(auditorPage);
    await expectReadOnly(auditorPage, partnershipId);
    const sequences = (await ledgerEntries(auditorPage, partnershipId)).map((entry) => entry.sequence);
    expect(sequences).toEqual(
      (await ledgerEntries(coordinatorPage, partnershipId)).map((entry) => entry.sequence),
    );

    // The auditor takes the ledger away as a spreadsheet, headers in Indonesian, one row per entry.
    const [download] = await Promise.all([
      auditorPage.waitForEvent('download'),
      auditorPage.getByTestId('export-ledger').getByRole('link', { name: 'Unduh XLSX' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^mitra-buku-besar-.+\.xlsx$/);
    const [{ data: rows }] = (await readXlsxFile(
      await fs.promises.readFile((await download.path())!),
    )) as unknown as Array<{ data: unknown[][] }>;
    expect(rows[0]!.slice(0, 2)).toEqual(['No.', 'Jenis']);
    expect(rows.slice(1).map((row) => row[0])).toEqual([...sequences].sort((a, b) => a - b)); // the screen shows the newest first
  }, 120_000);

  it('logged no errors in any browser', () => {
    expect(sessions.errors).toEqual([]);
  });
});
