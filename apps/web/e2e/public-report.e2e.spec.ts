import type { Browser, Page, Response } from 'playwright-core';
import type { LedgerEntry, LifecycleState, PartnershipIndicator, ProgressReport } from '@mitra/contracts';
import { ApiClient, demoAccounts } from '@mitra/testing';
import { launchBrowser } from './browser';
import { apiUrl, BrowserSessions, eventually, expectOk, expectScreenFitsEveryone, text } from './support';

const year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();

/** What the partnership holds but does not publish: none of it may reach an anonymous reader. */
const unpublished = {
  receivedAmount: 47_474_747,
  confidentialNarrative: 'RAHASIA: nama balita gizi buruk di RW 07',
  unapprovedValue: 6.4321,
};

describe('the public page of an annual report, read without signing in', () => {
  const coordinator = ApiClient.signedInAs(demoAccounts.coordinator.email);
  const forum = ApiClient.signedInAs(demoAccounts.forumCsr.email);
  const lpm = ApiClient.signedInAs(demoAccounts.lpmCibangkong.email);
  let browser: Browser;
  let sessions: BrowserSessions;
  let partnershipId: string;
  const name = 'Kemitraan Gizi Cibangkong';

  beforeAll(async () => {
    browser = await launchBrowser();
    sessions = new BrowserSessions(browser);
    const organisation = async (client: ApiClient) => (await client.user()).organisationId!;
    const [bappelitbang, forumId, lpmId] = await Promise.all([coordinator, forum, lpm].map(organisation));
    partnershipId = (
      await expectOk(
        coordinator.post<LifecycleState>('partnerships', { name, leadOrganisationId: bappelitbang }),
        'start',
      )
    ).partnershipId;
    for (const [organisationId, role] of [
      [forumId, 'supporter'],
      [lpmId, 'partner'],
    ]) {
      await expectOk(
        coordinator.post(`partnerships/${partnershipId}/decisions/addPartner`, { organisationId, role }),
        'add partner',
      );
    }

    const funding = `partnerships/${partnershipId}/funding`;
    await expectOk(
      coordinator.post<LedgerEntry>(`${funding}/plan`, {
        mechanism: 'separate',
        lines: [
          {
            id: 'gizi',
            activity: 'Kelas gizi balita',
            amount: 90_000_000,
            year,
            sdgTargets: ['2.2'],
            responsibleOrganisationId: forumId,
            source: { kind: 'csr', field: 'kesehatan' },
          },
        ],
      }),
      'funding plan',
    );
    const commitment = await expectOk(
      coordinator.post<LedgerEntry>(`${funding}/commitments`, {
        organisationId: forumId,
        contribution: { kind: 'cash', amount: 90_000_000 },
        schedule: [{ dueOn: `${year}-01-15`, amount: 90_000_000 }],
      }),
      'commitment',
    );
    await expectOk(
      coordinator.post(`${funding}/receipts`, {
        commitment: commitment.sequence,
        amount: unpublished.receivedAmount,
        receivedOn: `${year}-01-20`,
        reference: 'TRF-FORUM-1',
      }),
      'receipt',
    );

    const monitoring = `monitoring/partnerships/${partnershipId}`;
    await expectOk(coordinator.post(`${monitoring}/sdg-targets`, { targets: ['2.2'] }), 'targets');
    await expectOk(
      coordinator.post(`${monitoring}/schedule`, {
        startsOn: `${year}-01-01`,
        periodMonths: 3,
        graceDays: 30,
      }),
      'schedule',
    );
    const indicator = await expectOk(
      coordinator.post<PartnershipIndicator>(`${monitoring}/indicators`, {
        name: 'Prevalensi stunting balita',
        sdg: { kind: 'indicator', code: '2.2.1' },
        unit: '%',
        direction: 'lower_is_better',
        accumulation: 'per_period',
        targets: [
          { periodNumber: 1, value: 27 },
          { periodNumber: 2, value: 25 },
        ],
      }),
      'indicator',
    );
    await expectOk(
      coordinator.post(`${monitoring}/indicators/${indicator.id}/baseline`, {
        value: 30,
        date: `${year - 1}-12-31`,
      }),
      'baseline',
    );
    for (const [periodNumber, value] of [
      [1, 28.5],
      [2, 27.5],
    ]) {
      const report = await expectOk(
        forum.post<ProgressReport>(`${monitoring}/reports`, {
          periodNumber,
          values: [{ indicatorId: indicator.id, value }],
          narrative: 'Penimbangan serentak di posyandu.',
        }),
        'forum report',
      );
      await expectOk(coordinator.post(`${monitoring}/reports/${report.id}/approve`, {}), 'approve');
    }
    await expectOk(
      lpm.post(`${monitoring}/reports`, {
        periodNumber: 2,
        values: [{ indicatorId: indicator.id, value: unpublished.unapprovedValue }],
        narrative: unpublished.confidentialNarrative,
      }),
      'lpm report',
    );
  }, 180_000);

  afterAll(async () => {
    await sessions?.close();
    await browser?.close();
  });

  it('is published by the coordinator with the chosen sections only', async () => {
    const page = await sessions.signedInPage(
      demoAccounts.coordinator.email,
      `/partnerships/${partnershipId}/publication`,
    );
    await page.getByTestId('publish-form').waitFor();
    for (const section of ['governance', 'funding']) {
      await page.getByTestId(`section-choice-${section}`).uncheck();
    }
    await page.getByTestId('preview-report').click();
    const preview = page.getByTestId('report-preview');
    await preview.getByTestId('section-indicators').waitFor();
    expect(await preview.getByTestId('public-partner').count()).toBe(3);
    expect(await preview.getByTestId('section-funding').count()).toBe(0);
    expect(await preview.getByTestId('section-governance').count()).toBe(0);

    await page.getByTestId('publish-report').click();
    await eventually(async () => expect(await text(page, `publication-${year}`)).toContain('Publik'));
    expect(await text(page, 'publication-decisions')).toContain(
      `${year} dipublikasikan: Mitra, Capaian indikator TPB`,
    );
    expect(sessions.errors).toEqual([]);
  }, 120_000);

  it('shows an anonymous reader the published sections and nothing unpublished, asking only public routes', async () => {
    const responses: Promise<{ url: string; body: string }>[] = [];
    const path = `/publik/kemitraan/${partnershipId}/${year}`;
    // Listening from before the page loads: every response it receives is judged.
    const page: Page = await sessions.anonymousPage('/sign-in', 'anonymous');
    page.on('response', (response: Response) =>
      responses.push(
        response.text().then(
          (body) => ({ url: response.url(), body }),
          () => ({ url: response.url(), body: '' }),
        ),
      ),
    );
    await page.goto(`${apiUrl()}${path}`);

    await eventually(async () => expect(await text(page, 'public-report-name')).toBe(name));
    expect(await text(page, 'public-report-year')).toBe(`Laporan tahunan ${year}`);
    expect(await page.getByTestId('public-partner').allTextContents()).toEqual([
      'Bappelitbang Kota BandungPemerintah kabupaten/kotaPemimpin',
      'Forum CSR Kota BandungPelaku usahaPendukung',
      'LPM Kelurahan CibangkongKelompok masyarakatMitra',
    ]);
    expect(await text(page, 'indicator-progress')).toContain('Capaian 50%');
    // The indicator's SDG title, in Indonesian, from the public SDG catalogue.
    await eventually(async () =>
      expect(await text(page, 'sdg-catalogue-title')).toMatch(/^Prevalensi stunting/),
    );
    await page.locator('[data-testid="section-indicators"] .recharts-line').first().waitFor();
    await expectScreenFitsEveryone(page, 'public report', 'public-report');

    const pageText = (await page.locator('body').innerText()).toLowerCase();
    for (const secret of [
      'pendanaan',
      'tata kelola',
      '47.474.747',
      'rahasia',
      '6,4321',
      'penimbangan serentak',
    ]) {
      expect(pageText).not.toContain(secret);
    }
    expect(pageText).not.toMatch(/rp\s?\d/);
    const received = await Promise.all(responses);
    expect(received.length).toBeGreaterThan(0);
    for (const { url, body } of received) {
      for (const secret of [
        String(unpublished.receivedAmount),
        unpublished.confidentialNarrative,
        String(unpublished.unapprovedValue),
        'TRF-FORUM',
      ]) {
        if (body.includes(secret)) throw new Error(`${url} carried unpublished data: ${secret}`);
      }
    }
    const apiCalls = received
      .map(({ url }) => new URL(url).pathname)
      .filter((pathname) => pathname.startsWith('/api/'));
    expect(apiCalls.length).toBeGreaterThan(0);
    // Only public routes: the published report, and the SDG catalogue (the UN's public list).
    expect(
      apiCalls.filter(
        (pathname) => !pathname.startsWith('/api/v1/public/') && !pathname.startsWith('/api/v1/sdg/'),
      ),
    ).toEqual([]);

    await page.getByTestId('language-en').click();
    await eventually(async () =>
      expect(await text(page, 'public-report-year')).toBe(`Annual report ${year}`),
    );
    expect(await page.getByTestId('section-indicators').locator('h2').textContent()).toBe(
      'SDG indicator progress',
    );
    expect(await text(page, 'sdg-catalogue-title')).toMatch(/^Prevalence of stunting/);
    const english = (await page.locator('body').innerText()).toLowerCase();
    expect(english).not.toContain('funding');
    expect(english).not.toContain('governance');
    expect(sessions.errors).toEqual([]);
  }, 120_000);

  it('tells an anonymous reader that a year not published is not published', async () => {
    const page = await sessions.anonymousPage(
      `/publik/kemitraan/${partnershipId}/${year - 1}`,
      'anonymous-other-year',
    );
    await page.getByTestId('report-not-published').waitFor();
    sessions.forget(new RegExp(`404 .*/api/v1/public/partnerships/${partnershipId}/reports/${year - 1}$`));
    expect(sessions.errors).toEqual([]);
  }, 60_000);
});
