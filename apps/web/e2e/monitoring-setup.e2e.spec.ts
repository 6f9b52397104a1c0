import type { Browser, Page } from 'playwright-core';
import type { LifecycleState, MonitoringPlan, StakeholderMapView } from '@mitra/contracts';
import { ApiClient, demoAccounts, type SignedInUser } from '@mitra/testing';
import { launchBrowser } from './browser';
import { mouDraft } from './journey/agreements';
import {
  approveReport,
  expectLifecycleFact,
  fillIndicatorForm,
  fixBaseline,
  openMonitoring,
  progressSummary,
  readPlan,
  returnReport,
  searchCatalogue,
  reviseReport,
  runEvaluation,
  setUpMonitoring,
  submitReport,
} from './journey/monitoring';
import { BrowserSessions, eventually, expectOk, inputOf, screenshot, text } from './support';

// The coordinator sets the monitoring plan up and runs an evaluation in the browser; each partner
// representative reports and assesses in its own browser. The API prepares only what came before:
// the partnership, its partners, the stakeholder map and a draft MoU naming the representatives.
describe('monitoring set-up and evaluation in the browser', () => {
  const coordinator = ApiClient.signedInAs(demoAccounts.coordinator.email);
  const run = Date.now().toString(36);
  let browser: Browser;
  let sessions: BrowserSessions;
  let me: SignedInUser;
  let forum: SignedInUser;
  let lpm: SignedInUser;
  let partnershipId: string;
  let coordinatorPage: Page;
  let forumPage: Page;
  let lpmPage: Page;
  let plan: MonitoringPlan;
  const facts = async () =>
    (await expectOk(coordinator.get<LifecycleState>(`partnerships/${partnershipId}`), 'the partnership'))
      .facts;

  beforeAll(async () => {
    browser = await launchBrowser();
    sessions = new BrowserSessions(browser);
    [me, forum, lpm] = await Promise.all([
      coordinator.user(),
      ApiClient.signedInAs(demoAccounts.forumCsr.email).user(),
      ApiClient.signedInAs(demoAccounts.lpmCibangkong.email).user(),
    ]);
    const started = await expectOk(
      coordinator.post<LifecycleState>('partnerships', {
        name: `Bank Sampah Kota Bandung ${run}`,
        leadOrganisationId: me.organisationId,
      }),
      'starting a partnership',
    );
    partnershipId = started.partnershipId;
    for (const partner of [forum, lpm]) {
      await expectOk(
        coordinator.post(`partnerships/${partnershipId}/decisions/addPartner`, {
          organisationId: partner.organisationId,
          role: 'partner',
        }),
        'adding a partner',
      );
    }
    await expectOk(
      coordinator.post<StakeholderMapView>(`partnerships/${partnershipId}/stakeholder-map/versions`, {
        basedOnVersion: 0,
        entries: [
          { organisationId: me.organisationId, interest: 5, influence: 5, role: 'lead' },
          { organisationId: forum.organisationId, interest: 4, influence: 4, role: 'partner' },
          { organisationId: lpm.organisationId, interest: 5, influence: 2, role: 'partner' },
        ],
      }),
      'the stakeholder map',
    );
    await expectOk(
      coordinator.post('agreements', { kind: 'mou', partnershipId, fields: mouDraft(forum, lpm) }),
      'drafting the MoU',
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

  it('searches the SDG targets by Indonesian words of their titles and by code', async () => {
    await openMonitoring(coordinatorPage, partnershipId, 'plan');
    const input = inputOf(coordinatorPage.getByTestId('targets-section'), 'target-select');
    const codes = (labels: string[]) => labels.map((label) => label.split(' ')[0]);

    const waste = await searchCatalogue(coordinatorPage, input, 'Sampah');
    expect(codes(waste)).toEqual(expect.arrayContaining(['11.6', '12.5']));
    expect(waste.find((label) => label.startsWith('12.5 '))).toMatch(
      /^12\.5 Pada tahun 2030, secara substansial mengurangi timbulan sampah/,
    );
    // Every word counts, wherever it sits in the title: "air minum" is target 6.1 only.
    expect(codes(await searchCatalogue(coordinatorPage, input, 'minum air'))).toEqual(['6.1']);
    expect(codes(await searchCatalogue(coordinatorPage, input, '16.10'))).toEqual(['16.10']);
    await input.fill('poverty');
    await eventually(async () => expect(await coordinatorPage.getByRole('option').count()).toBe(0));
    await input.fill('');
    await coordinatorPage.keyboard.press('Escape');
    expect(await text(coordinatorPage, 'targets-section')).toContain(
      'Cari dengan kode atau kata dari judulnya',
    );
  }, 60_000);

  it('lets the coordinator choose SDG targets, add indicators with baseline and targets, and set the schedule', async () => {
    expect(await facts()).toMatchObject({ sdgTargetsChosen: false, baselineFixed: false });
    plan = await setUpMonitoring(coordinatorPage, partnershipId, {
      targets: ['11.6', '12.5'],
      indicators: [
        {
          code: '11.6',
          name: 'Warga yang memilah sampah di rumah',
          unit: 'orang',
          targets: [
            { periodNumber: 1, value: 300 },
            { periodNumber: 4, value: 1200 },
          ],
          disaggregations: ['sex', 'region'],
          baseline: { value: 50, date: '2026-06-30' },
        },
        {
          code: '12.5.1',
          name: 'Sampah plastik yang didaur ulang',
          unit: 'ton',
          accumulation: 'per_period',
          targets: [{ periodNumber: 4, value: 40 }],
          disaggregations: [],
        },
      ],
      schedule: { startsOn: '2026-07-01', periodMonths: 3, graceDays: 30 },
    });

    expect(plan.sdgTargets).toEqual(['11.6', '12.5']);
    expect(await text(coordinatorPage, 'chosen-target-12.5')).toBe(
      '12.5 Pada tahun 2030, secara substansial mengurangi timbulan sampah melalui pencegahan, pengurangan, daur ulang, dan penggunaan kembali',
    );
    expect(plan.indicators).toHaveLength(2);
    expect(plan.indicators[0]).toMatchObject({
      sdg: { kind: 'target', code: '11.6' },
      direction: 'higher_is_better',
      accumulation: 'cumulative',
      disaggregations: ['sex', 'region'],
      baseline: { value: 50, date: '2026-06-30', fixedBy: me.id },
    });
    expect(plan.indicators[1]).toMatchObject({
      sdg: { kind: 'indicator', code: '12.5.1' },
      accumulation: 'per_period',
      disaggregations: [],
    });
    expect(plan.indicators[1].baseline).toBeUndefined();
    expect(plan.schedule).toEqual({ startsOn: '2026-07-01', periodMonths: 3, graceDays: 30 });
    // The monitoring service's events reached the lifecycle: the Initiation gate's preconditions hold.
    await eventually(async () =>
      expect(await facts()).toMatchObject({ sdgTargetsChosen: true, baselineFixed: true }),
    );

    const row = coordinatorPage.getByTestId(`setup-indicator-${plan.indicators[0].id}`);
    expect(await row.getByTestId('setup-indicator-baseline').textContent()).toBe('50 orang per 30 Jun 2026');
    expect(await row.getByTestId('setup-indicator-targets').textContent()).toBe('P1: 300, P4: 1.200');
    expect(await text(coordinatorPage, 'schedule-current')).toBe(
      'Periode 3 bulan mulai 1 Jul 2026; laporan jatuh tempo 30 hari setelah periode berakhir.',
    );

    // An indicator defined without a baseline gets it from the list; it never changes afterwards.
    await fixBaseline(coordinatorPage, partnershipId, plan.indicators[1].id, {
      value: 12.5,
      date: '2026-06-30',
    });
    expect((await readPlan(coordinatorPage, partnershipId)).indicators[1].baseline).toMatchObject({
      value: 12.5,
      date: '2026-06-30',
    });
    expect(await coordinatorPage.getByTestId('fix-baseline').count()).toBe(0);
    await coordinatorPage.evaluate(() => window.scrollTo(0, 0));
    await screenshot(coordinatorPage, 'monitoring-setup.png');
  }, 240_000);

  it('shows the api’s field error at the field and stores nothing', async () => {
    await openMonitoring(coordinatorPage, partnershipId, 'plan');
    await coordinatorPage.getByTestId('add-indicator').click();
    await fillIndicatorForm(coordinatorPage, {
      code: '12.5',
      name: 'Ai',
      unit: 'unit',
      targets: [{ periodNumber: 4, value: 12 }],
    });
    await coordinatorPage.getByTestId('indicator-submit').click();
    const name = inputOf(coordinatorPage, 'indicator-name');
    await eventually(async () => expect(await name.getAttribute('aria-invalid')).toBe('true'));
    // The refusal takes the focus to the field to correct, not left on the button.
    await eventually(async () =>
      expect(await name.evaluate((input) => input === document.activeElement)).toBe(true),
    );
    const describedBy = (await name.getAttribute('aria-describedby')) ?? '';
    const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
    expect(await coordinatorPage.locator(`[id="${errorId}"]`).textContent()).toMatch(/3/);
    // The form stays open with what was typed; only the name is marked.
    expect(await inputOf(coordinatorPage, 'indicator-unit').getAttribute('aria-invalid')).not.toBe('true');
    expect(await coordinatorPage.getByTestId('api-error').count()).toBe(0);
    expect((await readPlan(coordinatorPage, partnershipId)).indicators).toHaveLength(2);
    sessions.forget(/400 .*\/indicators$/);

    await inputOf(coordinatorPage, 'indicator-name').fill('Bank sampah aktif');
    // A double click is one submission: one indicator is stored.
    await coordinatorPage.getByTestId('indicator-submit').dblclick();
    await coordinatorPage.getByTestId('indicator-form').waitFor({ state: 'detached' });
    expect((await readPlan(coordinatorPage, partnershipId)).indicators.map((i) => i.name)).toEqual([
      'Warga yang memilah sampah di rumah',
      'Sampah plastik yang didaur ulang',
      'Bank sampah aktif',
    ]);
  }, 120_000);

  it('refuses 12.5 in Indonesian with a hint instead of storing 125, and stores 12,5 as 12.5', async () => {
    await openMonitoring(coordinatorPage, partnershipId, 'plan');
    await coordinatorPage.getByTestId('add-indicator').click();
    await fillIndicatorForm(coordinatorPage, {
      code: '12.5',
      name: 'Kompos yang dihasilkan',
      unit: 'ton',
      accumulation: 'per_period',
      targets: [{ periodNumber: 4, value: 1 }],
      disaggregations: [],
    });
    const target = inputOf(coordinatorPage.getByTestId('target-row').first(), 'target-value');
    await target.fill('12.5');
    await coordinatorPage.getByTestId('indicator-submit').click();
    await eventually(async () => expect(await target.getAttribute('aria-invalid')).toBe('true'));
    const errorId = ((await target.getAttribute('aria-describedby')) ?? '')
      .split(' ')
      .find((id) => id.endsWith('-error'));
    const hint = await coordinatorPage.locator(`[id="${errorId}"]`).textContent();
    expect(hint).toContain('koma memisahkan desimal');
    expect(hint).toContain('Maksudnya 12,5?');
    expect((await readPlan(coordinatorPage, partnershipId)).indicators).toHaveLength(3);

    await target.fill('12,5');
    await coordinatorPage.getByTestId('indicator-submit').click();
    await coordinatorPage.getByTestId('indicator-form').waitFor({ state: 'detached' });
    await eventually(async () =>
      expect(
        (await readPlan(coordinatorPage, partnershipId)).indicators.find(
          (i) => i.name === 'Kompos yang dihasilkan',
        )?.targets,
      ).toEqual([{ periodNumber: 4, value: 12.5 }]),
    );
  }, 120_000);

  it('takes a partner’s report through a return and an approval, and charts it against baseline and target', async () => {
    forumPage = await sessions.signedInPage(
      demoAccounts.forumCsr.email,
      `/partnerships/${partnershipId}/reports`,
    );
    // A partner reads the plan but may not change it.
    await openMonitoring(forumPage, partnershipId, 'plan');
    await forumPage.getByTestId('plan-read-only').waitFor();
    expect(await forumPage.getByTestId('add-indicator').count()).toBe(0);
    expect(await forumPage.getByTestId('targets-save').count()).toBe(0);
    expect(await forumPage.getByTestId('schedule-form').count()).toBe(0);

    const people = plan.indicators[0];
    const first = await submitReport(forumPage, partnershipId, {
      values: [
        {
          indicatorId: people.id,
          total: 180,
          breakdown: [
            { value: 100, dimensions: { region: 'Cibangkong' } },
            { value: 80, dimensions: { region: 'Cibangkong' } },
          ],
        },
      ],
      narrative: 'Pelatihan pemilahan sampah di 6 RW.',
      evidenceLinks: ['https://drive.forumcsr-bandung.id/laporan/p1.pdf'],
    });
    expect(first).toMatchObject({ periodNumber: 1, revision: 1, organisationId: forum.organisationId });
    const reason = 'Jumlah warga per jenis kelamin belum sesuai daftar hadir.';
    await returnReport(coordinatorPage, partnershipId, reason, { organisationId: forum.organisationId });
    const second = await reviseReport(forumPage, partnershipId, 1, {
      expectReason: reason,
      values: [{ indicatorId: people.id, total: 200, breakdown: [110, 90] }],
    });
    expect(second).toMatchObject({ revision: 2, narrative: 'Pelatihan pemilahan sampah di 6 RW.' });
    expect(second.values).toEqual([
      {
        indicatorId: people.id,
        value: 200,
        breakdown: [
          { dimensions: { sex: 'female', region: 'Cibangkong' }, value: 110 },
          { dimensions: { sex: 'male', region: 'Cibangkong' }, value: 90 },
        ],
      },
    ]);
    await approveReport(coordinatorPage, partnershipId, { periodNumber: 1 });

    // (200 − 50) / (300 − 50): 60% of the way from the baseline to the period-1 target.
    expect(await progressSummary(coordinatorPage, partnershipId, people.id)).toBe(
      'Capaian 60% menuju target: 200 dari 300 orang pada periode 1.',
    );
    expect(await progressSummary(forumPage, partnershipId, people.id)).toBe(
      'Capaian 60% menuju target: 200 dari 300 orang pada periode 1.',
    );
  }, 240_000);

  it('runs an evaluation by a panel from every stakeholder group, each member assessing in their own browser', async () => {
    lpmPage = await sessions.signedInPage(
      demoAccounts.lpmCibangkong.email,
      `/partnerships/${partnershipId}/reports?view=evaluations`,
    );
    // Only the coordinator starts an evaluation.
    await lpmPage.getByTestId('evaluations').waitFor();
    expect(await lpmPage.getByTestId('start-evaluation').count()).toBe(0);
    expect((await facts()).evaluationCompleted).toBe(false);

    const evaluation = await runEvaluation(coordinatorPage, [forumPage, lpmPage], partnershipId, {
      title: 'Evaluasi tahun pertama',
      assessment: (member) => ({
        scores: member.id === lpm.id ? { gender_responsive: 3, results: 3 } : { results: 5 },
        comment: `Catatan ${member.name}: bank sampah berjalan, data disabilitas perlu dilengkapi.`,
      }),
      completion: {
        findings: 'Bank sampah berjalan di 6 RW; capaian 60% dari target periode pertama.',
        worked: ['Kader RW menggerakkan warga', 'Rapat koordinasi bulanan'],
        failed: ['Data disabilitas terlambat'],
        actions: [
          {
            action: 'Perluas bank sampah ke RW 09',
            ownerOrganisationId: lpm.organisationId!,
            dueDate: '2027-03-31',
          },
        ],
      },
    });

    expect(evaluation).toMatchObject({
      status: 'completed',
      stakeholderGroups: ['government_regency', 'business', 'community'],
      panelCoversAllGroups: true,
      completion: {
        improvementActions: [
          {
            action: 'Perluas bank sampah ke RW 09',
            ownerOrganisationId: lpm.organisationId,
            dueDate: '2027-03-31',
          },
        ],
        by: me.id,
      },
    });
    expect(
      evaluation.panel.map((member) => [member.userId, member.organisationId, member.group]).sort(),
    ).toEqual(
      [
        [me.id, me.organisationId, 'government_regency'],
        [forum.id, forum.organisationId, 'business'],
        [lpm.id, lpm.organisationId, 'community'],
      ].sort(),
    );
    expect(evaluation.assessments.find((a) => a.userId === lpm.id)).toMatchObject({
      organisationId: lpm.organisationId,
      results: 3,
      principles: { gender_responsive: 3, localised: 4 },
    });
    await expectLifecycleFact(coordinatorPage, partnershipId, 'evaluationCompleted');
    expect((await facts()).evaluationCompleted).toBe(true);

    // Everyone reads the result: the panel's mean scores, findings and lessons.
    const card = lpmPage.getByTestId(`evaluation-${evaluation.id}`);
    await eventually(async () => {
      await openMonitoring(lpmPage, partnershipId, 'evaluations');
      expect(await card.getAttribute('data-status')).toBe('completed');
    });
    expect(await card.getByTestId('average-results').getByTestId('average').textContent()).toBe('4,3 / 5');
    expect(await card.getByTestId('average-gender_responsive').getByTestId('average').textContent()).toBe(
      '3,7 / 5',
    );
    expect(await card.getByTestId('result-worked').textContent()).toContain('Kader RW menggerakkan warga');
    expect(await card.getByTestId('result-actions').textContent()).toContain('31 Mar 2027');

    await openMonitoring(coordinatorPage, partnershipId, 'evaluations');
    const shown = coordinatorPage.getByTestId(`evaluation-${evaluation.id}`);
    // Panel members appear under their organisations' names.
    await eventually(async () =>
      expect(await shown.getByTestId(`panel-member-${forum.id}`).textContent()).toContain(
        'Forum CSR Kota Bandung',
      ),
    );
    expect(await shown.getByTestId(`panel-member-${me.id}`).textContent()).toContain('(Anda)');
    await screenshot(coordinatorPage, 'evaluation.png');
  }, 300_000);

  it('logged no errors in any browser', () => {
    expect(sessions.errors).toEqual([]);
  });
});
