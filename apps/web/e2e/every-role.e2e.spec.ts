import type { Browser, Page } from 'playwright-core';
import type { LifecycleState, PartnershipIndicator, Person, ProgressReport } from '@mitra/contracts';
import { ApiClient, demoAccounts, demoAdmin, type SignedInUser } from '@mitra/testing';
import { launchBrowser } from './browser';
import { draftMou, enrolKey, openSigning, signVersion } from './journey/agreements';
import {
  apiUrl,
  BrowserSessions,
  eventually,
  expectOk,
  expectScreenFitsEveryone,
  openScreen,
  phoneViewport,
  text,
} from './support';

const jakartaDay = (value: Date | string) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Jakarta',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(value));

// A partnership led by the local government whose officer coordinates it, as most are: each role
// must find its way from its first screen, read names rather than ids, and the lead must sign its MoU.
describe('every role finds its way', () => {
  const admin = new ApiClient();
  const coordinator = ApiClient.signedInAs(demoAccounts.coordinator.email);
  const forumClient = ApiClient.signedInAs(demoAccounts.forumCsr.email);
  const run = Date.now().toString(36);
  let browser: Browser;
  let sessions: BrowserSessions;
  let rina: SignedInUser;
  let forum: SignedInUser;
  let partnership: LifecycleState;
  let partnershipId = '';
  let coordinatorPage: Page;
  let agreementId = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    sessions = new BrowserSessions(browser);
    const me = async (client: ApiClient) =>
      (await expectOk(client.get<{ user: SignedInUser }>('auth/me'), 'me')).user;
    [rina, forum] = await Promise.all([me(coordinator), me(forumClient)]);

    partnership = await expectOk(
      coordinator.post<LifecycleState>('partnerships', {
        name: `Sanitasi Cibangkong ${run}`,
        leadOrganisationId: rina.organisationId,
      }),
      'start partnership',
    );
    partnershipId = partnership.partnershipId;
    await expectOk(
      coordinator.post(`partnerships/${partnershipId}/decisions/addPartner`, {
        organisationId: forum.organisationId,
        role: 'partner',
      }),
      'add partner',
    );
    for (const [user, position] of [
      [rina, 'Kepala Bidang Perencanaan'],
      [forum, 'Ketua Forum CSR'],
    ] as const) {
      const person = await expectOk(
        admin.post<Person>('people', {
          name: user.name,
          memberships: [{ organisationId: user.organisationId, role: position }],
        }),
        `person ${user.name}`,
      );
      await expectOk(
        coordinator.post(`partnerships/${partnershipId}/representatives`, {
          personId: person.id,
          organisationId: user.organisationId,
        }),
        `representative ${user.name}`,
      );
    }
    await expectOk(
      coordinator.post(`partnerships/${partnershipId}/stakeholder-map/versions`, {
        basedOnVersion: 0,
        entries: [
          { organisationId: rina.organisationId, interest: 5, influence: 5, role: 'lead' },
          { organisationId: forum.organisationId, interest: 4, influence: 3, role: 'partner' },
        ],
      }),
      'stakeholder map',
    );
    coordinatorPage = await sessions.signedInPage(
      demoAccounts.coordinator.email,
      `/partnerships/${partnershipId}/reports`,
    );
  }, 180_000);

  afterAll(async () => {
    await sessions?.close();
    await browser?.close();
  });

  it('opens the monitoring tab on set-up while the partnership has no plan', async () => {
    await eventually(async () =>
      expect(await coordinatorPage.getByTestId('monitoring-page').getAttribute('data-view')).toBe('plan'),
    );
  }, 60_000);

  it('offers the lead its coordinator as signatory, like any party, and the coordinator signs for the lead', async () => {
    agreementId = await draftMou(coordinatorPage, partnershipId, {
      parties: [
        {
          organisationId: rina.organisationId!,
          signatoryUserId: rina.id,
          responsibilities: ['Mengoordinasikan kemitraan'],
        },
        {
          organisationId: forum.organisationId!,
          signatoryUserId: forum.id,
          responsibilities: ['Menghimpun dana TJSL'],
        },
      ],
      background: 'Sanitasi layak belum menjangkau semua RW di Kelurahan Cibangkong.',
      purpose: 'Menyediakan sanitasi layak bagi seluruh warga dalam dua tahun.',
      scope: ['Jamban sehat di setiap RW'],
      governance: { body: 'Sekretariat Bersama Sanitasi Cibangkong' },
      communication: 'Rapat koordinasi bulanan.',
      funding: { mechanism: 'separate' },
      startDate: '2027-01-01',
      durationMonths: 24,
    });
    const version = await expectOk(
      coordinator.get<{
        content: { fields: { parties: { organisationId: string; representative: { userId: string } }[] } };
      }>(`agreements/${agreementId}/versions/1`),
      'version 1',
    );
    expect(
      version.content.fields.parties.map((party) => [party.organisationId, party.representative.userId]),
    ).toEqual([
      [rina.organisationId, rina.id],
      [forum.organisationId, forum.id],
    ]);

    // A draft nobody has signed says so, rather than calling signatures valid.
    const summary = coordinatorPage.getByTestId('verification-summary');
    await eventually(async () => expect(await summary.getAttribute('data-verdict')).toBe('unsigned'));
    expect(await summary.textContent()).toContain('Belum ada tanda tangan');

    await openSigning(coordinatorPage, agreementId, { version: 1, dueInDays: 14 });
    await enrolKey(coordinatorPage, rina);
    await signVersion(coordinatorPage, rina);
  }, 240_000);

  it('links the partnership page to the audit workspace for its coordinator', async () => {
    await coordinatorPage.goto(`${apiUrl()}/partnerships/${partnershipId}`);
    await coordinatorPage.getByTestId('open-audit').click();
    await coordinatorPage.getByTestId('audit-page').waitFor();
    expect(new URL(coordinatorPage.url()).pathname).toBe(`/audit/partnerships/${partnershipId}`);
  }, 60_000);

  it('takes the auditor from its partnership list to the audit workspace, and reads the partnership as it stood in Indonesian', async () => {
    const auditorPage = await sessions.signedInPage(demoAccounts.auditor.email, '/partnerships');
    const link = auditorPage.locator(
      `[data-testid="partnership-row"][data-partnership-id="${partnershipId}"] [data-testid="partnership-link"]`,
    );
    await link.click();
    await auditorPage.getByTestId('audit-page').waitFor();
    expect(new URL(auditorPage.url()).pathname).toBe(`/audit/partnerships/${partnershipId}`);
    expect(await text(auditorPage, 'audit-title')).toContain(partnership.name);
    expect(await auditorPage.getByTestId('audit-title').locator('xpath=..').textContent()).toContain(
      rina.name,
    );

    await auditorPage.getByTestId('audit-tab-replay').click();
    // From the partnership's first day to today, by default.
    expect(await auditorPage.getByTestId('audit-as-of-from').inputValue()).toBe(
      jakartaDay(partnership.startedAt),
    );
    expect(await auditorPage.getByTestId('audit-as-of-to').inputValue()).toBe(jakartaDay(new Date()));
    const day = new Intl.DateTimeFormat('id', { timeZone: 'Asia/Jakarta', dateStyle: 'medium' }).format(
      new Date(),
    );
    await eventually(async () =>
      expect((await text(auditorPage, 'audit-as-of-summary')).replace(/\s/g, ' ')).toMatch(
        new RegExp(`^Pada ${day}: tahap Inisiasi, status Aktif, \\d+ mitra, Nota Kesepahaman —$`),
      ),
    );
  }, 120_000);

  it('names the partner that sent a report and the person who sent it', async () => {
    const monitoring = `monitoring/partnerships/${partnershipId}`;
    await expectOk(coordinator.post(`${monitoring}/sdg-targets`, { targets: ['6.2'] }), 'SDG targets');
    await expectOk(
      coordinator.post(`${monitoring}/schedule`, { startsOn: '2026-01-01', periodMonths: 3, graceDays: 30 }),
      'schedule',
    );
    const indicator = await expectOk(
      coordinator.post<PartnershipIndicator>(`${monitoring}/indicators`, {
        name: 'Rumah tangga dengan jamban sehat',
        sdg: { kind: 'indicator', code: '6.2.1' },
        unit: 'rumah tangga',
        direction: 'higher_is_better',
        accumulation: 'cumulative',
        disaggregations: ['sex'],
        targets: [{ periodNumber: 1, value: 100 }],
      }),
      'indicator',
    );
    const report = await expectOk(
      forumClient.post<ProgressReport>(`${monitoring}/reports`, {
        periodNumber: 1,
        values: [
          {
            indicatorId: indicator.id,
            value: 40,
            breakdown: [
              { dimensions: { sex: 'female' }, value: 25 },
              { dimensions: { sex: 'male' }, value: 15 },
            ],
          },
        ],
        narrative: 'Empat puluh jamban selesai dibangun.',
      }),
      'forum report',
    );

    await coordinatorPage.goto(`${apiUrl()}/partnerships/${partnershipId}/reports`);
    // The list of every partner's reports, below the coordinator's review queue.
    const shown = coordinatorPage.getByTestId(`report-${report.id}`).last();
    await eventually(async () =>
      expect(await coordinatorPage.getByTestId(`report-${report.id}`).count()).toBe(2),
    );
    await eventually(async () =>
      expect(await shown.getByTestId('report-heading').textContent()).toContain('Forum CSR Kota Bandung'),
    );
    await eventually(async () =>
      expect(await shown.getByTestId('report-submitted').textContent()).toContain(`oleh ${forum.name}`),
    );
    expect(await shown.getByTestId('report-submitted').textContent()).not.toContain(forum.id);
  }, 120_000);

  // Each role's main screens, at a laptop's width and then a phone's (see expectScreenFitsEveryone).
  const partnershipPath = () => `/partnerships/${partnershipId}`;

  it("fits the coordinator's main screens to every user, phones and screen readers included", async () => {
    const page = coordinatorPage;
    await page.setViewportSize(phoneViewport);
    await openScreen(page, '/inbox', 'inbox-item');
    // The first key press offers a way past the header and the navigation.
    await page.keyboard.press('Tab');
    const skipLink = page.getByTestId('skip-link');
    expect(await skipLink.evaluate((link) => link === document.activeElement)).toBe(true);
    expect(await skipLink.textContent()).toBe('Langsung ke konten utama');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('MAIN');
    // On a phone every item shows whole, when it is due and how to act on it included: no cell is cut
    // off at the edge of the table's own scrolling box.
    const item = page.getByTestId('inbox-item').first();
    for (const part of [item.locator('time'), item.getByTestId('inbox-open')]) {
      const box = await part.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= phoneViewport.width).toBe(true);
    }
    const cellEdges = await page
      .getByTestId('inbox-item')
      .locator('td')
      .evaluateAll((cells) => cells.map((cell) => cell.getBoundingClientRect().right));
    expect(Math.max(...cellEdges)).toBeLessThanOrEqual(phoneViewport.width);
    await expectScreenFitsEveryone(page, 'coordinator inbox', 'coordinator-inbox');

    await openScreen(page, '/partnerships', 'partnership-row');
    await expectScreenFitsEveryone(page, 'coordinator partnerships');
    await openScreen(page, partnershipPath(), 'stage-timeline');
    await expectScreenFitsEveryone(page, 'coordinator partnership', 'coordinator-partnership');

    await openScreen(page, `${partnershipPath()}/stakeholders`, 'stakeholder-chart');
    // Each dot of the chart names its organisation.
    await eventually(async () =>
      expect(
        (
          await page.getByTestId('stakeholder-dot').evaluateAll((dots) => dots.map((dot) => dot.ariaLabel))
        ).sort(),
      ).toEqual([rina.organisationName, forum.organisationName].sort()),
    );
    await expectScreenFitsEveryone(page, 'coordinator stakeholder map');
    await page.getByTestId('stakeholder-edit').click();
    await page.getByTestId('stakeholder-editor-table').waitFor();
    await expectScreenFitsEveryone(page, 'coordinator stakeholder map editor');

    const screens: [name: string, path: string, readyTestId: string, photo?: string][] = [
      ['partners', 'partners', 'partners-table'],
      ['agreements', 'agreements', 'agreements-list'],
      ['reports', 'reports?view=reports', 'review-queue', 'coordinator-reports'],
      ['monitoring plan', 'reports?view=plan', 'plan-setup'],
      ['evaluations', 'reports?view=evaluations', 'monitoring-page'],
      ['progress', 'reports?view=progress', 'monitoring-page'],
      ['funding', 'funding', 'funding-tab'],
      ['publication', 'publication', 'publication-tab'],
    ];
    for (const [name, tab, readyTestId, photo] of screens) {
      await openScreen(page, `${partnershipPath()}/${tab}`, readyTestId);
      await expectScreenFitsEveryone(page, `coordinator ${name}`, photo);
    }
    await openScreen(page, '/sdg', 'page-title');
    await expectScreenFitsEveryone(page, 'coordinator SDG view');
  }, 300_000);

  it("fits the partner's main screens, the report form included, to every user", async () => {
    const page = await sessions.signedInPage(demoAccounts.forumCsr.email, '/partnerships');
    await openScreen(page, '/partnerships', 'partnership-row');
    await expectScreenFitsEveryone(page, 'partner partnerships', 'partner-partnerships');
    await openScreen(page, `/agreements/${agreementId}`, 'signing-panel');
    await expectScreenFitsEveryone(page, 'partner agreement');
    await openScreen(page, `${partnershipPath()}/reports?view=reports`, 'new-report');
    await expectScreenFitsEveryone(page, 'partner reports');
    await page.getByTestId('new-report').click();
    await page.getByTestId('breakdown').waitFor();
    await expectScreenFitsEveryone(page, 'partner report form', 'partner-report-form');
  }, 120_000);

  it("fits the auditor's and the administrator's main screens to every user", async () => {
    const auditorPage = await sessions.signedInPage(demoAccounts.auditor.email, '/partnerships');
    await openScreen(auditorPage, '/partnerships', 'partnership-row');
    await expectScreenFitsEveryone(auditorPage, 'auditor partnerships', 'auditor-partnerships');
    await openScreen(auditorPage, `/audit/partnerships/${partnershipId}`, 'audit-page');
    await expectScreenFitsEveryone(auditorPage, 'auditor workspace', 'auditor-workspace');
    const adminPage = await sessions.signedInPage(demoAdmin.email, '/inbox');
    await openScreen(adminPage, '/inbox', 'inbox-item');
    await expectScreenFitsEveryone(adminPage, 'administrator inbox');
  }, 120_000);

  it('met no error in any browser', () => {
    expect(sessions.errors).toEqual([]);
  });
});
