import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type {
  Agreement,
  AgreementFields,
  ChainVerification,
  LifecycleState,
  MonitoringPlan,
  PartnershipIndicator,
  VerificationReport,
} from '@mitra/contracts';
import { ApiClient, demoAccounts, demoPassword, systemEnv, type SignedInUser } from '@mitra/testing';
import { launchBrowser } from './browser';
import { enrolKey, keysInBrowser, signVersion } from './journey/agreements';
import {
  approveReport,
  fillIndicatorValues,
  fillNarrative,
  openReportForm,
  openRevision,
  returnReport,
  sendReport,
} from './journey/monitoring';

// The global setup starts every server and app, builds the web with Vite, creates the demo accounts;
// the api serves the web at `/`. Everything here goes through the real routes of the app.
const apiUrl = () => systemEnv().MITRA_API_URL;
const screenshotDir = path.resolve(__dirname, '../../../docs/screenshots');
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** Retries an assertion until it passes, then fails with its last error. */
async function eventually(
  assertion: () => Promise<void>,
  timeoutMs = 45_000,
  intervalMs = 250,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

async function expectOk<T>(response: Promise<{ status: number; body: T }>, what: string): Promise<T> {
  const { status, body } = await response;
  if (status >= 300) throw new Error(`${what} gave ${status}: ${JSON.stringify(body)}`);
  return body;
}

const text = async (page: Page, testId: string) =>
  ((await page.getByTestId(testId).first().textContent()) ?? '').trim();
/** The input of a form control, whether the test id sits on the input itself or on its wrapper. */
const inputOf = (page: Page, testId: string) =>
  page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

function fields(
  forum: SignedInUser,
  lpm: SignedInUser,
  durationMonths: number,
  kind: 'mou' | 'pks' = 'mou',
): AgreementFields {
  return {
    title: kind === 'mou' ? 'Kemitraan Bandung Bebas Sampah Plastik' : 'Kerja Sama Bank Sampah RW Cibangkong',
    place: 'Bandung',
    parties: [
      {
        organisationId: forum.organisationId!,
        name: forum.organisationName ?? 'Forum CSR Kota Bandung',
        sector: 'business',
        role: 'lead',
        representative: { userId: forum.id, name: forum.name, title: 'Ketua Forum' },
        responsibilities: ['Menghimpun dana TJSL anggota forum untuk bank sampah'],
        contributions: [{ kind: 'funds', description: 'Dana TJSL', amountIdr: 450_000_000 }],
      },
      {
        organisationId: lpm.organisationId!,
        name: lpm.organisationName ?? 'LPM Kelurahan Cibangkong',
        sector: 'community',
        role: 'partner',
        representative: { userId: lpm.id, name: lpm.name, title: 'Ketua LPM' },
        responsibilities: ['Menggerakkan warga memilah sampah di setiap RW'],
        contributions: [{ kind: 'labour', description: 'Kader lingkungan RW' }],
      },
    ],
    ...(kind === 'pks' ? { mouReference: 'Nota Kesepahaman Kemitraan Bandung Bebas Sampah Plastik' } : {}),
    background: 'Sampah plastik rumah tangga di Kota Bandung terus meningkat.',
    purpose: 'Mengurangi sampah plastik rumah tangga sebesar 30 persen.',
    scope: ['Bank sampah di setiap RW', 'Kampanye pengurangan plastik sekali pakai'],
    sdgTargets: ['11.6', '12.5'],
    governance: { body: 'Sekretariat Bersama KMP', decisionRule: 'consensus', meetingFrequency: 'monthly' },
    communication: 'Rapat koordinasi bulanan dan laporan daring yang dapat diakses semua Pihak.',
    funding: { mechanism: 'co_funding' },
    reporting: { frequency: 'quarterly' },
    startDate: '2026-10-01',
    durationMonths,
  };
}

describe('partner representatives, coordinator and auditor in the browser', () => {
  const coordinator = ApiClient.signedInAs(demoAccounts.coordinator.email);
  const auditor = ApiClient.signedInAs(demoAccounts.auditor.email);
  let browser: Browser;
  let forum: SignedInUser;
  let lpm: SignedInUser;
  let partnershipId: string;
  let mou: Agreement;
  let contentHash: string;
  let people: PartnershipIndicator;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  const fingerprints: Record<string, string> = {};

  /** A fresh browser profile, signed in through the sign-in page, landing on `path`. */
  async function signedInPage(email: string, pathName: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(30_000);
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${email}: ${error.message}`));
    // Failed requests are judged below by their status; the browser also logs each one to the console.
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        pageErrors.push(`${email}: ${message.text()}`);
    });
    page.on('response', (response) => {
      const status = response.status();
      const sessionCheck = status === 401 && response.url().endsWith('/api/v1/auth/me');
      // 503: a service too slow on a loaded machine; the client retries it, and the assertions wait for the data.
      if (status >= 400 && !sessionCheck && status !== 503)
        pageErrors.push(`${email}: ${status} ${response.url()}`);
    });
    await page.goto(`${apiUrl()}${pathName}`);
    await page.getByTestId('sign-in-email').fill(email);
    await inputOf(page, 'sign-in-password').fill(demoPassword);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL((url) => url.pathname === pathName.split('?')[0]);
    return page;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    const me = async (email: string) =>
      (await expectOk(ApiClient.signedInAs(email).get<{ user: SignedInUser }>('auth/me'), `me as ${email}`))
        .user;
    [forum, lpm] = await Promise.all([me(demoAccounts.forumCsr.email), me(demoAccounts.lpmCibangkong.email)]);

    const started = await expectOk(
      coordinator.post<LifecycleState>('partnerships', {
        name: 'Bandung Bebas Sampah Plastik',
        leadOrganisationId: forum.organisationId,
      }),
      'start partnership',
    );
    partnershipId = started.partnershipId;
    const decide = (kind: string, body: object) =>
      expectOk(coordinator.post(`partnerships/${partnershipId}/decisions/${kind}`, body), kind);
    await decide('addPartner', { organisationId: lpm.organisationId, role: 'partner' });
    await decide('completeTask', {
      taskId: '1.1',
      evidence: [{ label: 'Notulen rapat perdana', url: 'https://arsip.bandung.go.id/kmp/notulen-1.pdf' }],
      note: 'Tantangan disepakati dalam rapat perdana di Balai Kota.',
    });
    await decide('answerQuestion', {
      questionId: 'I.1',
      answer: 'Sampah plastik rumah tangga naik 20% per tahun sejak 2023.',
    });
    await decide('waiveInclusiveness', {
      reason: 'Perwakilan penyandang disabilitas diundang, hadir mulai rapat kedua.',
    });

    const created = await expectOk(
      coordinator.post<Agreement>('agreements', {
        kind: 'mou',
        partnershipId,
        fields: fields(forum, lpm, 24),
      }),
      'draft MoU',
    );
    await expectOk(
      coordinator.post(`agreements/${created.id}/versions`, {
        baseVersion: 1,
        fields: fields(forum, lpm, 36),
      }),
      'revise MoU',
    );
    const opened = await expectOk(
      coordinator.post<{ contentHash: string }>(`agreements/${created.id}/signing-rounds`, {
        versionNumber: 2,
        mode: 'parallel',
        expiresAt: inDays(14),
        dueAt: inDays(7),
      }),
      'open signing',
    );
    contentHash = opened.contentHash;
    mou = await expectOk(coordinator.get<Agreement>(`agreements/${created.id}`), 'read MoU');
    fs.mkdirSync(screenshotDir, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  /** A fresh profile holds no key yet; the journey's `enrolKey` makes one and checks it, `signVersion` signs. */
  async function enrolNewKey(page: Page, user: SignedInUser): Promise<string> {
    await page.getByTestId('signing-panel').waitFor();
    await eventually(async () =>
      expect(await page.getByTestId('signing-key').getAttribute('data-status')).toBe('none'),
    );
    const fingerprint = await enrolKey(page, user);
    expect(await keysInBrowser(page)).toBe(1);
    return fingerprint;
  }

  describe('signing the MoU', () => {
    let forumPage: Page;
    let lpmPage: Page;

    it('shows the first representative the version, its changes and the parties, in Bahasa Indonesia', async () => {
      forumPage = await signedInPage(demoAccounts.forumCsr.email, `/agreements/${mou.id}`);
      await forumPage.getByTestId('agreement-page').waitFor();
      expect(await forumPage.getByTestId('agreement-page').getAttribute('data-version')).toBe('2');
      expect(await text(forumPage, 'agreement-title')).toBe(
        'Nota Kesepahaman tentang Kemitraan Bandung Bebas Sampah Plastik',
      );
      expect(await text(forumPage, 'agreement-status')).toBe('Menunggu tanda tangan');
      expect(await text(forumPage, 'content-hash')).toBe(contentHash);
      expect(await forumPage.getByTestId('hash-check').getAttribute('data-intact')).toBe('true');
      const statuses = await forumPage.$$eval('[data-testid="signatories"] tbody tr', (rows) =>
        rows.map((row) => row.getAttribute('data-status')),
      );
      expect(statuses).toEqual(['pending', 'pending']);

      await forumPage.getByTestId('tab-changes').click();
      await forumPage.getByTestId('version-changes').waitFor();
      const changed = forumPage.getByTestId('changed-clause-duration_amendment_termination');
      expect(await changed.getAttribute('data-status')).toBe('changed');
      expect(await changed.locator('[data-op="removed"]').textContent()).toContain('24 bulan');
      expect(await changed.locator('[data-op="added"]').textContent()).toContain('36 bulan');

      await forumPage.getByTestId('tab-text').click();
      await forumPage.getByTestId('version-text').waitFor();
      expect(await forumPage.getByTestId('clause-parties').textContent()).toContain(forum.name);
      await forumPage.getByTestId('text-language').getByText('English').click();
      await eventually(async () =>
        expect(await text(forumPage, 'version-title')).toBe(
          'Memorandum of Understanding on Kemitraan Bandung Bebas Sampah Plastik',
        ),
      );
      await forumPage.getByTestId('tab-signatures').click();
    }, 120_000);

    it('lets the first representative enrol a key in the browser and sign with it', async () => {
      fingerprints.forum = await enrolNewKey(forumPage, forum);
      await signVersion(forumPage, forum);
    }, 120_000);

    it('lets the second representative, in another browser, do the same; the first sees it without reloading', async () => {
      // Found through the partnership's agreements tab.
      lpmPage = await signedInPage(
        demoAccounts.lpmCibangkong.email,
        `/partnerships/${partnershipId}/agreements`,
      );
      const listed = lpmPage.getByTestId(`agreement-${mou.id}`);
      expect(await listed.textContent()).toContain('Menunggu tanda tangan');
      await listed.getByRole('link').click();
      await lpmPage.getByTestId('agreement-page').waitFor();
      fingerprints.lpm = await enrolNewKey(lpmPage, lpm);
      expect(fingerprints.lpm).not.toBe(fingerprints.forum);
      expect(await lpmPage.getByTestId(`signatory-${forum.organisationId}`).getAttribute('data-status')).toBe(
        'signed',
      );
      await inputOf(lpmPage, 'sign-confirm').check();
      await lpmPage.screenshot({ path: path.join(screenshotDir, 'mou-signing.png'), fullPage: true });

      await lpmPage.getByTestId('sign-submit').click();
      await eventually(async () =>
        expect(await lpmPage.getByTestId(`signatory-${lpm.organisationId}`).getAttribute('data-status')).toBe(
          'signed',
        ),
      );
      await eventually(async () => expect(await text(lpmPage, 'agreement-status')).toBe('Berlaku'));
      // The first page is not reloaded: the live stream tells it.
      await eventually(async () =>
        expect(
          await forumPage.getByTestId(`signatory-${lpm.organisationId}`).getAttribute('data-status'),
        ).toBe('signed'),
      );
      await eventually(async () =>
        expect(await lpmPage.getByTestId('verification-summary').getAttribute('data-complete')).toBe('true'),
      );
    }, 150_000);

    it('has the api verify both signatures against the keys enrolled from the browsers', async () => {
      const report = await expectOk(
        auditor.get<VerificationReport>(`agreements/${mou.id}/versions/2/verification`),
        'verify',
      );
      expect(report).toMatchObject({
        contentIntact: true,
        valid: true,
        complete: true,
        storedContentHash: contentHash,
        recomputedContentHash: contentHash,
        problems: [],
      });
      expect(report.signatures.map((s) => [s.organisationId, s.signatoryUserId, s.keyId, s.valid])).toEqual([
        [forum.organisationId, forum.id, fingerprints.forum, true],
        [lpm.organisationId, lpm.id, fingerprints.lpm, true],
      ]);
      const agreement = await expectOk(auditor.get<Agreement>(`agreements/${mou.id}`), 'read MoU');
      expect(agreement).toMatchObject({ status: 'effective', effectiveVersion: 2, pendingSignatures: [] });
    });

    it('lets a representative decline a cooperation agreement, with a reason every party reads', async () => {
      const pks = await expectOk(
        coordinator.post<Agreement>('agreements', {
          kind: 'pks',
          partnershipId,
          fields: fields(forum, lpm, 12, 'pks'),
        }),
        'draft PKS',
      );
      await expectOk(
        coordinator.post(`agreements/${pks.id}/signing-rounds`, {
          versionNumber: 1,
          mode: 'ordered',
          expiresAt: inDays(14),
        }),
        'open PKS',
      );
      const reason = 'Pembagian biaya operasional bank sampah belum disepakati warga.';

      await lpmPage.goto(`${apiUrl()}/agreements/${pks.id}`);
      await lpmPage.getByTestId('signing-panel').waitFor();
      // Ordered: the lead signs first, so the second party may not sign yet, but may decline.
      expect(await lpmPage.getByTestId('sign-not-allowed').count()).toBe(1);
      await lpmPage.getByTestId('decline-open').click();
      // A reason too short is refused by the form, said in Indonesian at the field, which takes the focus.
      await lpmPage.getByTestId('decline-reason-input').fill('Belum');
      await lpmPage.getByTestId('decline-submit').click();
      await lpmPage.getByText('Tuliskan alasan paling sedikit 10 karakter.').waitFor();
      await eventually(async () =>
        expect(
          await lpmPage
            .getByTestId('decline-reason-input')
            .evaluate((input) => input === document.activeElement),
        ).toBe(true),
      );
      expect(
        await lpmPage.getByTestId(`signatory-${lpm.organisationId}`).getAttribute('data-status'),
      ).not.toBe('declined');
      await lpmPage.getByTestId('decline-reason-input').fill(reason);
      await lpmPage.getByTestId('decline-submit').click();
      await eventually(async () =>
        expect(await lpmPage.getByTestId(`signatory-${lpm.organisationId}`).getAttribute('data-status')).toBe(
          'declined',
        ),
      );
      expect(await text(lpmPage, 'decline-reason')).toContain(reason);
      expect(await text(lpmPage, 'agreement-status')).toBe('Ditolak');

      const declined = await expectOk(auditor.get<Agreement>(`agreements/${pks.id}`), 'read PKS');
      expect(declined.rounds[0]).toMatchObject({
        status: 'declined',
        declines: [{ organisationId: lpm.organisationId, reason, declinedBy: lpm.id }],
      });
    }, 120_000);
  });

  describe('progress reports', () => {
    let partnerPage: Page;
    let coordinatorPage: Page;

    beforeAll(async () => {
      const base = `monitoring/partnerships/${partnershipId}`;
      people = await expectOk(
        coordinator.post<PartnershipIndicator>(`${base}/indicators`, {
          name: 'Warga yang memilah sampah di rumah',
          sdg: { kind: 'target', code: '11.6' },
          unit: 'orang',
          direction: 'higher_is_better',
          accumulation: 'cumulative',
          targets: [
            { periodNumber: 1, value: 300 },
            { periodNumber: 4, value: 1200 },
          ],
          disaggregations: ['sex', 'disability'],
        }),
        'define indicator',
      );
      await expectOk(
        coordinator.post(`${base}/indicators/${people.id}/baseline`, { value: 50, date: '2026-06-30' }),
        'fix baseline',
      );
      await expectOk(
        coordinator.post(`${base}/indicators`, {
          name: 'Bank sampah aktif',
          sdg: { kind: 'target', code: '12.5' },
          unit: 'unit',
          direction: 'higher_is_better',
          accumulation: 'cumulative',
          targets: [{ periodNumber: 4, value: 12 }],
          disaggregations: [],
        }),
        'define second indicator',
      );
    });

    it('lets a partner report values with the disaggregations the indicator requires', async () => {
      partnerPage = await signedInPage(demoAccounts.forumCsr.email, `/partnerships/${partnershipId}/reports`);
      await openReportForm(partnerPage);
      expect(await partnerPage.getByTestId('report-period').inputValue()).toBe('1');

      const indicator = partnerPage.getByTestId(`indicator-${people.id}`);
      const rows = indicator.getByTestId('breakdown-row');
      // Every combination of sex and disability is offered, ready to fill in.
      expect(await rows.count()).toBe(4);
      await fillIndicatorValues(partnerPage, {
        indicatorId: people.id,
        total: 180,
        breakdown: [70, 10, 90, 5],
      });
      expect(await text(partnerPage, 'breakdown-sum')).toBe(
        'Jumlah rincian (175) tidak sama dengan nilai (180): selisih 5. Perbaiki sebelum mengirim.',
      );
      // A count that does not add up is not sent.
      await partnerPage.getByTestId('report-submit').click();
      expect(await text(partnerPage, 'breakdown-error')).toBe('Jumlah rincian harus sama dengan nilai.');
      await fillIndicatorValues(partnerPage, { indicatorId: people.id, breakdown: [70, 10, 90, 10] });
      await eventually(async () =>
        expect(await indicator.getByTestId('breakdown-sum').textContent()).toBe('Jumlah rincian: 180'),
      );

      await partnerPage.getByTestId('report-submit').click();
      expect(await partnerPage.getByTestId('report-narrative').getAttribute('aria-invalid')).toBe('true');
      await fillNarrative(partnerPage, {
        narrative: 'Pelatihan pemilahan sampah di 6 RW; 180 warga mulai memilah.',
        evidenceLinks: ['https://drive.forumcsr-bandung.id/laporan/p1.pdf'],
      });
      await partnerPage.evaluate(() => window.scrollTo(0, 0));
      await partnerPage.screenshot({ path: path.join(screenshotDir, 'report-form.png'), fullPage: true });
      const sent = await sendReport(partnerPage, partnershipId);

      const plan = await expectOk(
        coordinator.get<MonitoringPlan>(`monitoring/partnerships/${partnershipId}`),
        'read plan',
      );
      expect(plan.reports).toHaveLength(1);
      expect(plan.reports[0]).toMatchObject({
        id: sent.id,
        periodNumber: 1,
        organisationId: forum.organisationId,
        status: 'submitted',
        evidenceLinks: ['https://drive.forumcsr-bandung.id/laporan/p1.pdf'],
      });
      expect(plan.reports[0].values).toEqual([
        {
          indicatorId: people.id,
          value: 180,
          breakdown: [
            { dimensions: { sex: 'female', disability: 'with_disability' }, value: 70 },
            { dimensions: { sex: 'female', disability: 'without_disability' }, value: 10 },
            { dimensions: { sex: 'male', disability: 'with_disability' }, value: 90 },
            { dimensions: { sex: 'male', disability: 'without_disability' }, value: 10 },
          ],
        },
      ]);
    }, 150_000);

    it('shows a returned report with the coordinator’s reason, and the partner resubmits it', async () => {
      const reason = 'Rincian penyandang disabilitas tampak tertukar; mohon periksa kembali.';
      coordinatorPage = await signedInPage(
        demoAccounts.coordinator.email,
        `/partnerships/${partnershipId}/reports`,
      );
      const returned = await returnReport(coordinatorPage, partnershipId, reason, {
        organisationId: forum.organisationId,
      });
      expect(returned).toMatchObject({ revision: 1, status: 'returned', returnReason: reason });

      await openRevision(partnerPage, partnershipId, 1, reason);
      const rows = partnerPage.getByTestId(`indicator-${people.id}`).getByTestId('breakdown-row');
      expect(await rows.nth(0).getByTestId('breakdown-value').inputValue()).toBe('70');
      await fillIndicatorValues(partnerPage, { indicatorId: people.id, breakdown: [10, 70] });
      await sendReport(partnerPage, partnershipId);
      await eventually(async () =>
        expect(
          await partnerPage.getByTestId('period-1').getByTestId('report-status').first().textContent(),
        ).toBe('Menunggu tinjauan'),
      );

      const plan = await expectOk(
        coordinator.get<MonitoringPlan>(`monitoring/partnerships/${partnershipId}`),
        'read plan',
      );
      expect(plan.reports.map((r) => [r.revision, r.status])).toEqual([
        [1, 'returned'],
        [2, 'submitted'],
      ]);
      expect(plan.reports[1].values[0].breakdown.map((row) => row.value)).toEqual([10, 70, 90, 10]);
    }, 120_000);

    it('lets the coordinator approve it from the review component', async () => {
      const approved = await approveReport(coordinatorPage, partnershipId);
      expect(approved).toMatchObject({ revision: 2, status: 'approved' });
      const queue = coordinatorPage.getByTestId('review-queue');
      await eventually(async () => expect(await queue.getByTestId('approve-report').count()).toBe(0));
      const plan = await expectOk(
        auditor.get<MonitoringPlan>(`monitoring/partnerships/${partnershipId}`),
        'read plan',
      );
      expect(plan.reports.map((r) => r.status)).toEqual(['returned', 'approved']);
    }, 120_000);
  });

  describe('the auditor', () => {
    let page: Page;

    beforeAll(async () => {
      const funding = `partnerships/${partnershipId}/funding`;
      await expectOk(
        coordinator.post(`${funding}/plan`, {
          mechanism: 'common_fund',
          fundHolderOrganisationId: forum.organisationId,
          lines: [
            {
              id: 'bank-sampah',
              activity: 'Bank sampah di setiap RW',
              amount: 450_000_000,
              year: 2026,
              sdgTargets: ['11.6'],
              responsibleOrganisationId: lpm.organisationId,
              source: { kind: 'csr', field: 'lingkungan' },
            },
          ],
        }),
        'funding plan',
      );
      const commitment = await expectOk(
        coordinator.post<{ sequence: number }>(`${funding}/commitments`, {
          organisationId: forum.organisationId,
          contribution: { kind: 'cash', amount: 450_000_000 },
          schedule: [{ dueOn: '2026-11-01', amount: 450_000_000 }],
        }),
        'commitment',
      );
      await expectOk(
        coordinator.post(`${funding}/receipts`, {
          commitment: commitment.sequence,
          amount: 150_000_000,
          receivedOn: '2026-11-03',
          reference: 'TRF-CSR-001',
        }),
        'receipt',
      );
    });

    it('reads who decided what, when and why', async () => {
      page = await signedInPage(demoAccounts.auditor.email, `/audit/partnerships/${partnershipId}`);
      await page.getByTestId('decision-log').waitFor();
      expect(await text(page, 'audit-title')).toBe('Audit: Bandung Bebas Sampah Plastik');
      const decisions = await page.$$eval('[data-testid="decision"]', (rows) =>
        rows.map((row) => ({
          kind: row.getAttribute('data-kind'),
          actor: row.querySelector('[data-testid="decision-actor"]')?.textContent,
          why: row.querySelector('[data-testid="decision-why"]')?.textContent ?? null,
        })),
      );
      // People by name: the auditor reads who decided, not an account id.
      const coordinatorName = demoAccounts.coordinator.name;
      expect(decisions).toEqual([
        { kind: 'addPartner', actor: coordinatorName, why: null },
        {
          kind: 'completeTask',
          actor: coordinatorName,
          why: 'Tantangan disepakati dalam rapat perdana di Balai Kota.',
        },
        {
          kind: 'answerQuestion',
          actor: coordinatorName,
          why: 'Sampah plastik rumah tangga naik 20% per tahun sejak 2023.',
        },
        {
          kind: 'waiveInclusiveness',
          actor: coordinatorName,
          why: 'Perwakilan penyandang disabilitas diundang, hadir mulai rapat kedua.',
        },
      ]);
      expect(await page.getByTestId('decision').nth(1).textContent()).toContain(
        '1.1 Merumuskan tantangan TPB',
      );
      expect(await page.getByRole('link', { name: 'Notulen rapat perdana' }).getAttribute('href')).toBe(
        'https://arsip.bandung.go.id/kmp/notulen-1.pdf',
      );
      await page.screenshot({ path: path.join(screenshotDir, 'auditor-decisions.png'), fullPage: true });

      await page.getByTestId('decision-search').fill('disabilitas');
      await eventually(async () => expect(await page.getByTestId('decision').count()).toBe(1));
    }, 120_000);

    it('sees every MoU version verified, and the progress against baseline and target', async () => {
      await page.getByTestId('audit-tab-agreements').click();
      const versions = page.getByTestId(`audit-agreement-${mou.id}`).getByTestId('audit-version');
      // Version 1 was replaced before anyone signed it.
      await eventually(async () =>
        expect(
          await versions.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-verdict'))),
        ).toEqual(['unsigned', 'complete']),
      );

      await page.getByTestId('audit-tab-progress').click();
      await page.getByTestId(`chart-${people.id}`).waitFor();
      // Approved: 180 people against the period-1 target 300, from a baseline of 50.
      expect(await page.getByTestId(`chart-${people.id}`).getByTestId('chart-progress').textContent()).toBe(
        'Capaian 52% menuju target: 180 dari 300 orang pada periode 1.',
      );
      expect(await page.getByTestId(`chart-${people.id}`).locator('.recharts-line').count()).toBe(3);

      await page.getByTestId('language-en').click();
      await eventually(async () =>
        expect(await page.getByTestId(`chart-${people.id}`).getByTestId('chart-progress').textContent()).toBe(
          '52% of the way to target: 180 of 300 orang in period 1.',
        ),
      );
      expect(await text(page, 'audit-tab-agreements')).toBe('Agreements and signatures');
    }, 120_000);

    it('reads the funding ledger, every entry with its amount in Rupiah', async () => {
      await page.getByTestId('audit-tab-ledger').click();
      await page.getByTestId('ledger').waitFor();
      const entries = await page.$$eval('[data-testid="ledger-entry"]', (rows) =>
        rows.map((row) => [
          row.getAttribute('data-kind'),
          row.querySelector('[data-testid="ledger-amount"]')?.textContent?.replace(/\s/g, ' ') ?? null,
        ]),
      );
      expect(entries).toEqual([
        ['plan_set', null],
        ['commitment', 'Rp 450.000.000'],
        ['receipt', 'Rp 150.000.000'],
      ]);
      expect(await page.getByTestId('ledger-entry').nth(2).textContent()).toContain('TRF-CSR-001');
    }, 120_000);

    it("replays the partnership's history with one button and sees it agree with the rules in force", async () => {
      await page.getByTestId('audit-tab-replay').click();
      await page.getByTestId('audit-replay').click();
      await page.getByTestId('audit-replay-result').waitFor({ timeout: 90_000 });
      expect(await text(page, 'audit-replay-result')).toBe('Agrees with the rules in force');
      expect(await page.getByTestId('audit-divergences').count()).toBe(0);
    }, 120_000);

    it('checks the stored ledger entries and signatures against the hash chain and finds them intact', async () => {
      // The last records' announcements may still be on their way to the workflow: wait until they are linked.
      const settled = async () => {
        const { body } = await auditor.get<ChainVerification>(`audit/partnerships/${partnershipId}/verify`);
        return body.findings.length === 0 && body.chain.checkpointed === body.chain.length;
      };
      for (const deadline = Date.now() + 60_000; !(await settled()) && Date.now() < deadline;)
        await new Promise((resolve) => setTimeout(resolve, 500));
      await page.getByTestId('audit-verify').click();
      await page.getByTestId('audit-verify-result').waitFor({ timeout: 60_000 });
      expect(await text(page, 'audit-verify-result')).toBe('Records intact');
      expect(await text(page, 'audit-verify-summary')).toMatch(
        /^\d+ links \(\d+ decisions, 3 ledger entries, \d+ signatures\)/,
      );
      expect(await page.getByTestId('audit-verify-findings').count()).toBe(0);
    }, 120_000);
  });

  it('logged no errors in any browser', () => {
    expect(pageErrors).toEqual([]);
  });
});
