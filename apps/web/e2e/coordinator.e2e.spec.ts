import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type {
  LifecycleState,
  Organisation,
  PartnershipIndicator,
  StakeholderMapView,
} from '@mitra/contracts';
import { ApiClient, demoAccounts, demoPassword, systemEnv, type SignedInUser } from '@mitra/testing';
import { launchBrowser } from './browser';

// The global setup starts every server and app, builds the web with Vite and creates the demo
// accounts; the api serves the web at `/`. The coordinator works only through the pages here; the
// API sets up what a coordinator would have prepared before (partners, stakeholder map, SDG targets).
const apiUrl = () => systemEnv().MITRA_API_URL;
const screenshotDir = path.resolve(__dirname, '../../../docs/screenshots');

async function eventually(
  assertion: () => Promise<void>,
  timeoutMs = 20_000,
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
const textareaOf = (page: Page, testId: string) =>
  page.locator(`textarea[data-testid="${testId}"], [data-testid="${testId}"] textarea`).first();

async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, name);
  await page.screenshot({ path: file, fullPage: true });
  expect(fs.statSync(file).size).toBeGreaterThan(10_000);
}

describe('the coordinator in the browser', () => {
  const coordinator = ApiClient.signedInAs(demoAccounts.coordinator.email);
  const forumClient = ApiClient.signedInAs(demoAccounts.forumCsr.email);
  const run = Date.now().toString(36);
  const name = `Penurunan Stunting Kelurahan Cibangkong ${run}`;
  const gateName = `Air Bersih Kecamatan Batununggal ${run}`;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let me: SignedInUser;
  let partnershipId: string;
  let gatePartnershipId: string;
  let womenGroup: Organisation;
  const pageErrors: string[] = [];
  const stateOf = (id: string) =>
    expectOk(coordinator.get<LifecycleState>(`partnerships/${id}`), 'the partnership state');
  const state = () => stateOf(partnershipId);

  /** A partnership with its partners, a stakeholder map that passes the check, SDG targets and a baseline. */
  async function preparedPartnership(partnershipName: string, partners: string[]): Promise<string> {
    const started = await expectOk(
      coordinator.post<LifecycleState>('partnerships', {
        name: partnershipName,
        leadOrganisationId: me.organisationId,
      }),
      'starting a partnership',
    );
    const id = started.partnershipId;
    for (const organisationId of partners) {
      await expectOk(
        coordinator.post(`partnerships/${id}/decisions/addPartner`, { organisationId, role: 'partner' }),
        'adding a partner',
      );
    }
    const [forum, lpm, women] = partners;
    await expectOk(
      coordinator.post<StakeholderMapView>(`partnerships/${id}/stakeholder-map/versions`, {
        basedOnVersion: 0,
        entries: [
          { organisationId: me.organisationId, interest: 5, influence: 5, role: 'lead' },
          { organisationId: forum, interest: 4, influence: 4, role: 'partner' },
          { organisationId: lpm, interest: 5, influence: 2, role: 'partner' },
          { organisationId: women, interest: 5, influence: 2, role: 'partner' },
        ],
      }),
      'the stakeholder map',
    );
    const monitoring = `monitoring/partnerships/${id}`;
    await expectOk(
      coordinator.post(`${monitoring}/sdg-targets`, { targets: ['2.2', '3.2'] }),
      'choosing SDG targets',
    );
    const indicator = await expectOk(
      coordinator.post<PartnershipIndicator>(`${monitoring}/indicators`, {
        name: 'Prevalensi stunting balita',
        sdg: { kind: 'indicator', code: '2.2.1' },
        unit: '%',
        direction: 'lower_is_better',
        accumulation: 'per_period',
        targets: [{ periodNumber: 4, value: 20 }],
        disaggregations: ['sex'],
      }),
      'defining an indicator',
    );
    await expectOk(
      coordinator.post(`${monitoring}/indicators/${indicator.id}/baseline`, {
        value: 28,
        date: '2026-01-05',
      }),
      'fixing the baseline',
    );
    return id;
  }

  /** Every Initiation task done and question answered, by those whose they are: the gate waits for the coordinator. */
  async function readyForTheGate(id: string): Promise<void> {
    const decide = (client: ApiClient, kind: string, body: object) =>
      expectOk(client.post(`partnerships/${id}/decisions/${kind}`, body), kind);
    // The map check, the targets and the baseline reach the workflow as service events; tasks 1.4 and 2.4 wait for them.
    await eventually(
      async () => {
        const { facts } = await stateOf(id);
        expect([facts.stakeholderMapPassed, facts.sdgTargetsChosen, facts.baselineFixed]).toEqual([
          true,
          true,
          true,
        ]);
      },
      60_000,
      500,
    );
    for (const taskId of ['1.1', '1.2', '1.3', '1.4', '2.2', '2.3', '2.4', '3.2', '3.3', '3.4']) {
      await decide(coordinator, 'completeTask', { taskId, evidence: [{ label: 'Notulen rapat' }] });
    }
    for (const taskId of ['2.1', '3.1'])
      await decide(forumClient, 'completeTask', { taskId, evidence: [{ label: 'Daftar hadir' }] });
    for (const questionId of ['I.1', 'I.2', 'I.3', 'I.4', 'I.5', 'I.6']) {
      await decide(coordinator, 'answerQuestion', {
        questionId,
        answer: 'Ya, disepakati bersama semua pihak.',
      });
    }
    await eventually(async () => expect((await stateOf(id)).gate.readySince).toBeDefined(), 60_000, 500);
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    me = await coordinator.user();
    const forum = await ApiClient.signedInAs(demoAccounts.forumCsr.email).user();
    const lpm = await ApiClient.signedInAs(demoAccounts.lpmCibangkong.email).user();
    womenGroup = await expectOk(
      coordinator.post<Organisation>('organisations', {
        name: 'Yayasan Perempuan Mandiri Bandung',
        sector: 'cso',
        region: { province: 'Jawa Barat', regency: 'Kota Bandung' },
        resources: [{ kind: 'expertise', note: 'pendampingan ibu hamil dan menyusui' }],
        vulnerableGroups: ['women'],
        acknowledgeDuplicate: true,
      }),
      'registering a women’s organisation',
    );
    const partners = [forum.organisationId!, lpm.organisationId!, womenGroup.id];
    partnershipId = await preparedPartnership(name, partners);
    gatePartnershipId = await preparedPartnership(gateName, partners);
    await readyForTheGate(gatePartnershipId);

    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(20_000);
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      // The session check and the wrong password answer 401, and the browser logs every 401 it loads.
      if (message.type() === 'error' && !message.text().includes('status of 401'))
        pageErrors.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 500) pageErrors.push(`${response.status()} ${response.url()}`);
    });
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('sends a visitor to the sign-in page, in Bahasa Indonesia, and refuses a wrong password', async () => {
    await page.goto(`${apiUrl()}/inbox`);
    await page.getByTestId('sign-in-form').waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/inbox');
    expect(await text(page, 'page-title')).toBe('Masuk ke Mitra');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('id');
    await screenshot(page, 'sign-in.png');

    await page.getByTestId('sign-in-submit').click();
    await eventually(async () => expect(await page.getByText('Isi alamat email Anda.').count()).toBe(1));
    expect(await page.getByText('Isi kata sandi Anda.').count()).toBe(1);

    await inputOf(page, 'sign-in-email').fill(demoAccounts.coordinator.email);
    await inputOf(page, 'sign-in-password').fill('not-the-password');
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('sign-in-error').waitFor();
    expect(await page.getByTestId('sign-in-error').getAttribute('data-kind')).toBe('wrongCredentials');
    expect(await text(page, 'sign-in-error')).toContain('Email atau kata sandi salah.');
  });

  it('signs in and comes back to the inbox, most urgent first', async () => {
    await inputOf(page, 'sign-in-password').fill(demoPassword);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL((url) => url.pathname === '/inbox');
    await eventually(async () => expect(await text(page, 'page-title')).toBe('Kotak masuk'));
    expect(await page.title()).toBe('Kotak masuk · Mitra');

    const gateItem = page.getByTestId('inbox-item').filter({ hasText: gateName });
    await gateItem.waitFor();
    expect(await gateItem.getAttribute('data-kind')).toBe('gate_approval');
    expect(await gateItem.textContent()).toContain('Gerbang tahap Inisiasi');
    const rows = await page.getByTestId('inbox-item').evaluateAll((items) =>
      items.map((item) => ({
        urgency: item.getAttribute('data-urgency') ?? '',
        due: item.getAttribute('data-due') ?? '',
      })),
    );
    // Dated items by due date; what has no deadline (open tasks) after them.
    const dues = rows.map((row) => row.due || '~');
    expect(dues).toEqual([...dues].sort());
    const openTasks = page
      .locator('[data-testid="inbox-item"][data-kind="tasks_open"]')
      .filter({ hasText: name });
    expect(await openTasks.textContent()).toContain('Tugas koordinator belum selesai: 10 (tahap Inisiasi)');
    await eventually(async () =>
      expect(await openTasks.getByTestId('inbox-organisation').textContent()).toBe(
        `Pemimpin: ${me.organisationName}`,
      ),
    );
    const ranks = rows.map((row) => ['overdue', 'today', 'soon', 'later'].indexOf(row.urgency));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));

    await page.getByTestId('user-menu').click();
    expect(await text(page, 'user-name')).toBe(me.name);
    expect(await text(page, 'user-role')).toContain('Koordinator');
    await page.keyboard.press('Escape');
    await page.getByTestId('user-name').waitFor({ state: 'hidden' });
    await screenshot(page, 'inbox.png');
  });

  it('returns a ready gate only with a reason, and approves it once revised', async () => {
    await page.getByTestId('inbox-item').filter({ hasText: gateName }).getByTestId('inbox-open').click();
    await page.waitForURL((url) => url.pathname === `/partnerships/${gatePartnershipId}`);
    const gate = page.getByTestId('gate-card');
    await eventually(async () => expect(await gate.getAttribute('data-ready')).toBe('true'));
    expect(await text(page, 'gate-due')).toMatch(
      /^Keputusan ditunggu paling lambat \d{1,2} \S+ \d{4} \(.+\)\.$/,
    );

    await page.getByTestId('gate-return').click();
    await textareaOf(page, 'gate-reason').fill('kurang');
    await page.getByTestId('gate-return-submit').click();
    await page.getByText('Tuliskan alasan minimal 10 karakter.').waitFor();
    const reason = 'Komposisi mitra belum berimbang gender; undang organisasi perempuan lain.';
    await textareaOf(page, 'gate-reason').fill(reason);
    await page.getByTestId('gate-return-submit').click();
    await eventually(async () => expect(await gate.getAttribute('data-status')).toBe('returned'));
    expect(await text(page, 'gate-returned')).toBe(`Alasan pengembalian: ${reason}`);
    expect(await page.getByTestId('gate-approve').isDisabled()).toBe(true);
    expect((await stateOf(gatePartnershipId)).gate.returned).toMatchObject({ reason, by: me.id });

    await page.getByTestId('answer-edit-I.3').click();
    await textareaOf(page, 'answer-input-I.3').fill('Ya, setelah Yayasan Perempuan Mandiri bergabung.');
    await page.getByTestId('answer-save-I.3').click();
    await eventually(async () => expect(await gate.getAttribute('data-ready')).toBe('true'));

    await page.getByTestId('gate-approve').click();
    await textareaOf(page, 'gate-comment').fill('Tahap inisiasi lengkap.');
    await page.getByTestId('gate-approve-submit').click();
    await eventually(async () =>
      expect(await page.getByTestId('partnership-stage').getAttribute('data-stage')).toBe('formation'),
    );
    expect(await page.getByTestId('stage-initiation').getAttribute('data-status')).toBe('done');
    expect(await page.getByTestId('stage-formation').getAttribute('data-status')).toBe('current');
    expect((await stateOf(gatePartnershipId)).stage).toBe('formation');
  });

  it('finds the partnership by stage in the list and opens its process', async () => {
    await page.getByTestId('nav-partnerships').click();
    await page.waitForURL((url) => url.pathname === '/partnerships');
    const row = page.locator(`[data-testid="partnership-row"][data-partnership-id="${partnershipId}"]`);
    await row.waitFor();

    await inputOf(page, 'filter-stage').click();
    await page.getByRole('option', { name: 'Pembentukan' }).click();
    await eventually(async () => expect(new URL(page.url()).searchParams.get('stage')).toBe('formation'));
    await page
      .locator(`[data-testid="partnership-row"][data-partnership-id="${gatePartnershipId}"]`)
      .waitFor();
    await eventually(async () => expect(await row.count()).toBe(0));
    await page.getByTestId('filter-clear').click();
    await row.waitFor();

    await row.getByRole('link', { name }).click();
    await page.getByTestId('stage-timeline').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/partnerships/${partnershipId}`);
    expect(await text(page, 'partnership-name')).toBe(name);
    expect(await page.getByTestId('stage-initiation').getAttribute('data-status')).toBe('current');
    expect(await page.getByTestId('stage-formation').getAttribute('data-status')).toBe('upcoming');
    expect(await page.getByTestId('gate-card').getAttribute('data-ready')).toBe('false');
    // A partner's task is not the coordinator's to complete.
    expect(await page.getByTestId('task-complete-2.1').count()).toBe(0);
  });

  it('answers a guiding question', async () => {
    const answer = 'Ya: prevalensi stunting di Cibangkong 28 persen, di atas rata-rata kota.';
    await textareaOf(page, 'answer-input-I.1').fill(answer);
    await page.getByTestId('answer-save-I.1').click();
    await page.getByTestId('answer-text-I.1').waitFor();
    expect(await text(page, 'answer-text-I.1')).toBe(answer);
    expect(await page.getByTestId('question-I.1').getAttribute('data-answered')).toBe('true');
    expect(await page.getByTestId('gate-unanswered-questions').textContent()).not.toContain('I.1.');
    expect((await state()).answers['I.1']).toMatchObject({ answer, by: me.id });
  });

  it('completes a task with its evidence', async () => {
    await page.getByTestId('task-complete-1.1').click();
    await inputOf(page, 'evidence-label-0').fill('Notulen rapat perumusan tantangan');
    await inputOf(page, 'evidence-url-0').fill('javascript:alert(1)');
    await page.getByTestId('complete-task-submit').click();
    await page.getByText('Tautan harus diawali http:// atau https://.').waitFor();

    await inputOf(page, 'evidence-url-0').fill('https://bandung.go.id/notulen-stunting.pdf');
    await textareaOf(page, 'complete-task-note').fill('Disepakati dalam rapat koordinasi');
    await page.getByTestId('complete-task-submit').click();
    const task = page.locator('[data-testid="task-1.1"][data-done="true"]');
    await task.waitFor();
    expect(await task.getByTestId('task-completed-by').textContent()).toMatch(
      /^Diselesaikan oleh Anda, \d{1,2} \S+ \d{4},? \d{2}\.\d{2} WIB$/,
    );
    expect(
      await task.getByRole('link', { name: 'Notulen rapat perumusan tantangan' }).getAttribute('href'),
    ).toBe('https://bandung.go.id/notulen-stunting.pdf');
    expect((await state()).tasks['1.1']).toMatchObject({
      by: me.id,
      evidence: [
        { label: 'Notulen rapat perumusan tantangan', url: 'https://bandung.go.id/notulen-stunting.pdf' },
      ],
      note: 'Disepakati dalam rapat koordinasi',
    });
    // Not ready while tasks and questions are open: neither approve nor return.
    expect(await page.getByTestId('gate-approve').isDisabled()).toBe(true);
    expect(await page.getByTestId('gate-return').isDisabled()).toBe(true);
    await page.locator('.mantine-Notification-root').first().waitFor({ state: 'detached', timeout: 10_000 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'partnership.png');
  });

  it('shows the stakeholder map with its inclusiveness check, and updates it live', async () => {
    await page.getByTestId('tab-stakeholders').click();
    await page.getByTestId('inclusiveness-check').waitFor();
    expect(await page.getByTestId('inclusiveness-check').getAttribute('data-passed')).toBe('true');
    expect(await text(page, 'inclusiveness-result')).toBe('Lolos');
    await eventually(async () =>
      expect(await page.locator('[data-testid="stakeholder-chart"] .recharts-scatter-symbol').count()).toBe(
        4,
      ),
    );
    expect(
      await page.getByTestId('stakeholder-table').getByText('Yayasan Perempuan Mandiri Bandung').count(),
    ).toBe(1);

    // Another coordinator's change arrives over the event stream, without a reload.
    await expectOk(
      coordinator.post(`partnerships/${partnershipId}/stakeholder-map/versions`, {
        basedOnVersion: 1,
        entries: [{ organisationId: me.organisationId, interest: 5, influence: 5, role: 'lead' }],
      }),
      'the second map version',
    );
    await eventually(async () =>
      expect(await page.getByTestId('inclusiveness-check').getAttribute('data-passed')).toBe('false'),
    );
    expect(await page.getByTestId('inclusiveness-flag-no_cso').count()).toBe(1);
  });

  it('explains why the gate cannot be decided, and links each unmet condition to where it is met', async () => {
    await page.getByTestId('tab-process').click();
    // The map no longer passes its check: the gate lists it, and task 1.4 waits for it.
    const mapLink = page.getByTestId('gate-card').getByTestId('gate-precondition-link-inclusive-map');
    await mapLink.waitFor();
    const approve = page.getByTestId('gate-approve');
    expect(await approve.isDisabled()).toBe(true);
    const why = await text(page, 'gate-blocked-reason');
    expect(why).toMatch(
      /^Belum dapat disetujui atau dikembalikan\. Masih kurang: \d+ tugas, \d+ pertanyaan, 1 syarat\.$/,
    );
    expect(await approve.getAttribute('title')).toBe(why);
    expect(await page.locator(`#${await approve.getAttribute('aria-describedby')}`).isVisible()).toBe(true);

    const mapTask = page.getByTestId('task-complete-1.4');
    expect(await mapTask.isDisabled()).toBe(true);
    const waits = page.locator(`[id="${await mapTask.getAttribute('aria-describedby')}"]`);
    expect(await waits.textContent()).toBe(
      'Belum dapat ditandai selesai. Menunggu: Peta pemangku kepentingan lolos cek inklusivitas (atau pengecualian tercatat)',
    );

    await mapLink.click();
    await page.waitForURL((url) => url.pathname === `/partnerships/${partnershipId}/stakeholders`);
    await page.getByTestId('inclusiveness-check').waitFor();
  });

  it('lists the partners and what they bring', async () => {
    await page.getByTestId('tab-partners').click();
    await page.getByTestId('partners-table').waitFor();
    await eventually(async () =>
      expect(await page.getByTestId('partner-row').allTextContents()).toEqual([
        expect.stringContaining('Bappelitbang Kota Bandung'),
        expect.stringContaining('Forum CSR Kota Bandung'),
        expect.stringContaining('LPM Kelurahan Cibangkong'),
        expect.stringContaining('Yayasan Perempuan Mandiri Bandung'),
      ]),
    );
    expect(await page.getByTestId('partner-row').nth(1).textContent()).toContain(
      'Dana · dana TJSL anggota forum',
    );
  });

  it('shows the SDG contribution of the partnership', async () => {
    await page.getByTestId('nav-sdg').click();
    await page.getByTestId('sdg-overview-chart').waitFor();
    await inputOf(page, 'sdg-goal-select').click();
    await page.getByRole('option', { name: /^TPB 2: / }).click();
    const detail = page.locator('[data-testid="sdg-goal-detail"][data-goal="2"]');
    await detail.waitFor();
    const row = detail.getByTestId('sdg-contribution-row').filter({ hasText: name });
    await row.waitFor();
    expect(await row.textContent()).toContain('Prevalensi stunting balita');
    expect(await row.textContent()).toContain('2.2');
    // The goal's and the linked SDG indicator's titles from the catalogue, in Bahasa Indonesia.
    expect(await text(page, 'sdg-goal-title')).toBe(
      'Menghilangkan kelaparan, mencapai ketahanan pangan dan gizi yang baik, serta meningkatkan pertanian berkelanjutan',
    );
    await eventually(async () =>
      expect(await row.getByTestId('sdg-catalogue-title').textContent()).toMatch(
        /^Prevalensi stunting \(pendek dan sangat pendek;/,
      ),
    );
    await screenshot(page, 'sdg.png');
  });

  it('switches to English and keeps it', async () => {
    await page.getByTestId('language-en').click();
    await eventually(async () =>
      expect(await text(page, 'page-title')).toBe('Contribution to the Sustainable Development Goals'),
    );
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    // The label alone: the inbox's count sits beside it.
    expect(await page.getByTestId('nav-inbox').locator('.mantine-NavLink-label').textContent()).toBe('Inbox');
    expect(await text(page, 'sdg-goal-title')).toBe(
      'End hunger, achieve food security and improved nutrition and promote sustainable agriculture',
    );
    expect(await page.getByTestId('sdg-catalogue-title').first().textContent()).toMatch(
      /^Prevalence of stunting/,
    );

    await page.goto(`${apiUrl()}/partnerships/${partnershipId}`);
    await page.getByTestId('stage-timeline').waitFor();
    expect(await text(page, 'tab-process')).toBe('Process');
    expect(await page.getByTestId('stage-initiation').textContent()).toContain('Initiation');
    expect(await text(page, 'answer-text-I.1')).toContain('Ya: prevalensi stunting');
    expect(await page.getByTestId('task-1.1').getByTestId('task-status').textContent()).toBe('Done');
  });

  it('signs out, after which the pages ask to sign in again', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.goto(`${apiUrl()}/inbox`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(await text(page, 'page-title')).toBe('Sign in to Mitra');
  });

  it('logged no errors in the browser', () => {
    expect(pageErrors).toEqual([]);
  });
});
