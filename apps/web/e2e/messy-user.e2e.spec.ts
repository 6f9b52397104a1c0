import type { Browser, Page } from 'playwright-core';
import type { FundingView, LifecycleState, StakeholderMapView } from '@mitra/contracts';
import { ApiClient, demoAccounts, type SignedInUser } from '@mitra/testing';
import { launchBrowser } from './browser';
import { fieldError, fillFundingPlan, openFunding } from './journey/funding';
import { fillIndicatorForm, monitoringPath, openMonitoring, readPlan } from './journey/monitoring';
import { fillStakeholderRow, openStakeholderEditor } from './journey/partnerships';
import { apiUrl, BrowserSessions, eventually, expectOk, inputOf } from './support';

const isFocused = (input: ReturnType<typeof inputOf>) =>
  input.evaluate((element) => element === document.activeElement);

// What the happy-path journey does not: a user of the Indonesian UI who types numbers the English way,
// leaves fields empty, clicks twice, goes back mid-form, edits in two tabs and waits on a slow service.
// The api sets up one partnership (with its map and SDG targets); the browser does only what is tested.
describe('a messy user in the browser', () => {
  const coordinator = ApiClient.signedInAs(demoAccounts.coordinator.email);
  const run = Date.now().toString(36);
  let browser: Browser;
  let sessions: BrowserSessions;
  let me: SignedInUser;
  let forum: SignedInUser;
  let partnershipId: string;
  let page: Page;

  const indicatorNames = async () => (await readPlan(page, partnershipId)).indicators.map((i) => i.name);
  const fundingView = () =>
    expectOk(coordinator.get<FundingView>(`partnerships/${partnershipId}/funding`), 'the funding view');
  const stakeholderMap = () =>
    expectOk(
      coordinator.get<StakeholderMapView>(`partnerships/${partnershipId}/stakeholder-map`),
      'the stakeholder map',
    );

  beforeAll(async () => {
    browser = await launchBrowser();
    sessions = new BrowserSessions(browser);
    [me, forum] = await Promise.all([
      coordinator.user(),
      ApiClient.signedInAs(demoAccounts.forumCsr.email).user(),
    ]);
    partnershipId = (
      await expectOk(
        coordinator.post<LifecycleState>('partnerships', {
          name: `Kampung Iklim Cibangkong ${run}`,
          leadOrganisationId: me.organisationId,
        }),
        'starting a partnership',
      )
    ).partnershipId;
    await expectOk(
      coordinator.post(`partnerships/${partnershipId}/decisions/addPartner`, {
        organisationId: forum.organisationId,
        role: 'partner',
      }),
      'adding a partner',
    );
    await expectOk(
      coordinator.post(`partnerships/${partnershipId}/stakeholder-map/versions`, {
        basedOnVersion: 0,
        entries: [
          { organisationId: me.organisationId, interest: 5, influence: 5, role: 'lead' },
          { organisationId: forum.organisationId, interest: 4, influence: 3, role: 'partner' },
        ],
      }),
      'the stakeholder map',
    );
    await expectOk(
      coordinator.post(`monitoring/partnerships/${partnershipId}/sdg-targets`, { targets: ['11.6', '12.5'] }),
      'the SDG targets',
    );
    page = await sessions.signedInPage(demoAccounts.coordinator.email, monitoringPath(partnershipId, 'plan'));
  }, 120_000);

  afterAll(async () => {
    await sessions?.close();
    await browser?.close();
  });

  it('refuses 12.5 with a hint at the field, which takes the focus, and stores 12,5 as 12.5', async () => {
    await openMonitoring(page, partnershipId, 'plan');
    await page.getByTestId('add-indicator').click();
    await fillIndicatorForm(page, {
      code: '12.5',
      name: 'Kompos dari sampah dapur',
      unit: 'ton',
      accumulation: 'per_period',
      targets: [{ periodNumber: 4, value: 1 }],
      disaggregations: [],
    });
    const row = page.getByTestId('target-row').first();
    const target = inputOf(row, 'target-value');
    await target.fill('12.5');
    await page.getByTestId('indicator-submit').click();
    await eventually(async () => expect(await target.getAttribute('aria-invalid')).toBe('true'));
    // Refused by the form itself, the focus goes to the field to correct, not left on the button.
    await eventually(async () => expect(await isFocused(target)).toBe(true), 5_000);
    expect(await fieldError(row, 'target-value')).toContain('Maksudnya 12,5?');
    expect(await indicatorNames()).toEqual([]);

    await target.fill('12,5');
    await page.getByTestId('indicator-submit').click();
    await page.getByTestId('indicator-form').waitFor({ state: 'detached' });
    const stored = (await readPlan(page, partnershipId)).indicators;
    expect(stored.map((i) => [i.name, i.targets])).toEqual([
      ['Kompos dari sampah dapur', [{ periodNumber: 4, value: 12.5 }]],
    ]);
  }, 60_000);

  it('refuses an empty save, a percentage of 150 and a negative count in Indonesian, then stores a double-clicked save once', async () => {
    await page.getByTestId('add-indicator').click();
    const form = page.getByTestId('indicator-form');
    await form.waitFor();
    await page.getByTestId('indicator-submit').click();
    const name = inputOf(form, 'indicator-name');
    await eventually(async () => expect(await name.getAttribute('aria-invalid')).toBe('true'));
    expect(await fieldError(form, 'indicator-name')).toBe('Wajib diisi.');
    await eventually(async () => expect(await isFocused(inputOf(form, 'indicator-sdg'))).toBe(true), 5_000);

    await fillIndicatorForm(page, {
      code: '11.6',
      name: 'Rumah tangga yang memilah sampah',
      unit: '%',
      targets: [{ periodNumber: 4, value: 150 }],
      disaggregations: [],
    });
    const row = form.getByTestId('target-row').first();
    const target = inputOf(row, 'target-value');
    await page.getByTestId('indicator-submit').click();
    await eventually(async () => expect(await target.getAttribute('aria-invalid')).toBe('true'));
    expect(await fieldError(row, 'target-value')).toMatch(/^Harus antara 0 dan 100/);

    await inputOf(form, 'indicator-unit').fill('rumah tangga');
    await target.fill('-20');
    await page.getByTestId('indicator-submit').click();
    await eventually(async () => expect(await fieldError(row, 'target-value')).toMatch(/^Paling sedikit 0/));
    expect(await indicatorNames()).toEqual(['Kompos dari sampah dapur']);

    await target.fill('1.200');
    await page.getByTestId('indicator-submit').dblclick();
    await form.waitFor({ state: 'detached' });
    await eventually(async () =>
      expect(await indicatorNames()).toEqual([
        'Kompos dari sampah dapur',
        'Rumah tangga yang memilah sampah',
      ]),
    );
    expect((await readPlan(page, partnershipId)).indicators[1].targets).toEqual([
      { periodNumber: 4, value: 1200 },
    ]);
  }, 60_000);

  it('reads Rupiah with and without dots as the same amount, and refuses dots in the wrong places', async () => {
    const line = {
      id: 'kompos',
      activity: 'Rumah kompos RW 05',
      amount: 1,
      year: 2027,
      sdgTargets: ['12.5'],
      responsibleOrganisationId: me.organisationId!,
      source: { kind: 'apbd' as const },
    };
    const amount = inputOf(page.getByTestId('plan-form'), 'plan-line-amount-0');
    const savePlan = async (typed: string, version: number) => {
      await fillFundingPlan(page, partnershipId, { mechanism: 'separate', lines: [line] });
      await amount.fill(typed);
      await page.getByTestId('plan-submit').click();
      await eventually(async () => expect((await fundingView()).plan?.version).toBe(version));
      await page.getByTestId('plan-view').waitFor();
    };
    await openFunding(page, partnershipId, 'plan');
    await savePlan('1.250.000', 1);
    expect((await fundingView()).plan?.lines.map((l) => l.amount)).toEqual([1_250_000]);
    await savePlan('1250000', 2);
    expect((await fundingView()).plan?.lines.map((l) => l.amount)).toEqual([1_250_000]);

    await fillFundingPlan(page, partnershipId, { mechanism: 'separate', lines: [line] });
    await amount.fill('1.25.000');
    await page.getByTestId('plan-submit').click();
    await eventually(async () => expect(await amount.getAttribute('aria-invalid')).toBe('true'));
    expect(await fieldError(page, 'plan-line-amount-0')).toContain('Titik memisahkan ribuan');
    await eventually(async () => expect(await isFocused(amount)).toBe(true), 5_000);
    expect((await fundingView()).plan?.version).toBe(2);
    await page.getByTestId('plan-cancel').click();
  }, 60_000);

  it('leaves nothing half-written when the back button leaves a form, and comes back without a crash', async () => {
    await openMonitoring(page, partnershipId, 'plan');
    await page.getByTestId('add-indicator').click();
    await inputOf(page, 'indicator-name').fill('Setengah jadi');
    await page.goBack();
    await page.getByTestId('funding-tab').waitFor();
    await page.goForward();
    await eventually(async () =>
      expect(await page.getByTestId('monitoring-page').getAttribute('data-view')).toBe('plan'),
    );
    // Either the form as it was left or a clean page: never a broken one.
    await page.locator('[data-testid="indicator-form"], [data-testid="add-indicator"]').first().waitFor();
    if ((await page.getByTestId('indicator-form').count()) > 0)
      expect(await inputOf(page, 'indicator-name').inputValue()).toBe('Setengah jadi');
    expect(await indicatorNames()).not.toContain('Setengah jadi');
  }, 60_000);

  it('refuses the second of two tabs saving the same stakeholder map, saying why in Indonesian', async () => {
    const secondTab = await sessions.anotherTab(page, '/', `${demoAccounts.coordinator.email} (tab 2)`);
    await openStakeholderEditor(page, partnershipId);
    await openStakeholderEditor(secondTab, partnershipId);
    const row = (interest: number) => ({
      organisationName: forum.organisationName ?? forum.name,
      role: 'partner' as const,
      interest,
      influence: 3,
    });
    await fillStakeholderRow(secondTab, 1, row(2));
    await secondTab.getByTestId('stakeholder-save').click();
    await secondTab.getByTestId('stakeholder-editor').waitFor({ state: 'detached' });

    await fillStakeholderRow(page, 1, row(1));
    await page.getByTestId('stakeholder-save').click();
    const conflict = page.getByTestId('stakeholder-conflict');
    await conflict.waitFor();
    sessions.forget(/ 409 .*\/stakeholder-map\/versions$/);
    expect(await conflict.textContent()).toContain('Peta telah diubah orang lain');
    const stored = await stakeholderMap();
    expect(stored.map?.version).toBe(2);
    expect(stored.map?.entries.find((e) => e.organisationId === forum.organisationId)?.interest).toBe(2);
    await page.getByTestId('stakeholder-cancel').click();
    await secondTab.close();
  }, 60_000);

  it('shows a slow save as busy, ignores clicks meanwhile and stores it once', async () => {
    await openMonitoring(page, partnershipId, 'plan');
    const schedulePath = /\/monitoring\/partnerships\/[^/]+\/schedule$/;
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && schedulePath.test(request.url()))
        sent.push(request.headers()['idempotency-key'] ?? '');
    });
    await page.route(schedulePath, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      await route.continue();
    });
    await inputOf(page, 'schedule-starts-on').fill('2027-01-01');
    await inputOf(page, 'schedule-period-months').fill('6');
    await inputOf(page, 'schedule-grace-days').fill('45');
    const save = page.getByTestId('schedule-save');
    await save.click();
    await eventually(async () => expect(await save.getAttribute('data-loading')).toBe('true'), 2_000, 50);
    expect(await save.isDisabled()).toBe(true);
    await save.click({ force: true });
    await page.keyboard.press('Enter');
    await eventually(async () =>
      expect((await readPlan(page, partnershipId)).schedule).toEqual({
        startsOn: '2027-01-01',
        periodMonths: 6,
        graceDays: 45,
      }),
    );
    await eventually(async () => expect(await save.getAttribute('data-loading')).toBeNull());
    expect(sent).toHaveLength(1);
    await page.unroute(schedulePath);
  }, 60_000);

  it('shows a new inbox item without a reload once it exists', async () => {
    await page.goto(`${apiUrl()}/inbox`);
    await page.locator('[data-testid="inbox-item"], [data-testid="inbox-empty"]').first().waitFor();
    const name = `Bank Sampah Cicadas ${run}`;
    await expectOk(
      coordinator.post<LifecycleState>('partnerships', { name, leadOrganisationId: me.organisationId }),
      'another partnership',
    );
    // Well within the minute the page used to poll in.
    await eventually(
      async () =>
        expect(await page.getByTestId('inbox-item').filter({ hasText: name }).count()).toBeGreaterThan(0),
      20_000,
    );
  }, 60_000);

  it('logged no errors in any browser', () => {
    expect(sessions.errors).toEqual([]);
  });
});
