import type { Browser, Page } from 'playwright-core';
import type { FundingPlanInput, LifecycleState, Organisation, StageId } from '@mitra/contracts';
import { ApiClient, demoAccountOrganisations, demoAccounts, type SignedInUser } from '@mitra/testing';
import { launchBrowser } from './browser';
import { draftMou, enrolKeyAndSign, openSigning } from './journey/agreements';
import { commit, expectCommitted, setFundingPlan } from './journey/funding';
import {
  approveReport,
  expectLifecycleFact,
  returnReport,
  reviseReport,
  runEvaluation,
  setUpMonitoring,
  submitReport,
} from './journey/monitoring';
import {
  addPartner,
  approveGate,
  completeStageWork,
  createPartnership,
  decideRenewal,
  editStakeholderMap,
} from './journey/partnerships';
import { BrowserSessions, eventually, expectOk, screenshot, text } from './support';

// One partnership from its start to its renewal, entirely through the web UI against the real stack:
// a coordinator and two partner representatives of different sectors (a business forum and a
// community institution), each signed in in a browser profile of their own; then an auditor reads the
// record. Only the stakeholder registry is prepared through the api (a women's organisation the map
// needs, as a coordinator registers organisations beforehand).
describe('a whole partnership in the browser, from initiation to renewal, then audited', () => {
  const coordinatorApi = ApiClient.signedInAs(demoAccounts.coordinator.email);
  const run = Date.now().toString(36);
  const name = `Bandung Bebas Sampah Plastik ${run}`;
  const forumName = demoAccountOrganisations.forumCsr.organisation.name;
  const lpmName = demoAccountOrganisations.lpmCibangkong.organisation.name;
  const cityName = demoAccountOrganisations.bappelitbang.organisation.name;
  let browser: Browser;
  let sessions: BrowserSessions;
  let forum: SignedInUser;
  let lpm: SignedInUser;
  let women: Organisation;
  let coordinatorPage: Page;
  let forumPage: Page;
  let lpmPage: Page;
  let partnershipId = '';
  let agreementId = '';

  const stateOf = () =>
    expectOk(coordinatorApi.get<LifecycleState>(`partnerships/${partnershipId}`), 'the partnership state');
  const pages = () => ({ coordinator: coordinatorPage, partner: forumPage });
  async function closeStage(stage: StageId) {
    await completeStageWork(pages(), { partnershipId, stage });
    await approveGate(coordinatorPage, { partnershipId, stage });
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    sessions = new BrowserSessions(browser);
    [forum, lpm] = await Promise.all(
      [demoAccounts.forumCsr.email, demoAccounts.lpmCibangkong.email].map((email) =>
        ApiClient.signedInAs(email).user(),
      ),
    );
    women = await expectOk(
      coordinatorApi.post<Organisation>('organisations', {
        name: `Koalisi Perempuan Peduli Lingkungan ${run}`,
        sector: 'cso',
        region: { province: 'Jawa Barat', regency: 'Kota Bandung' },
        resources: [{ kind: 'expertise', note: 'pendampingan ibu rumah tangga memilah sampah' }],
        vulnerableGroups: ['women'],
      }),
      'registering a women’s organisation',
    );
    [coordinatorPage, forumPage, lpmPage] = await Promise.all([
      sessions.signedInPage(demoAccounts.coordinator.email, '/partnerships'),
      sessions.signedInPage(demoAccounts.forumCsr.email, '/partnerships'),
      sessions.signedInPage(demoAccounts.lpmCibangkong.email, '/partnerships'),
    ]);
  }, 180_000);

  afterAll(async () => {
    await sessions?.close();
    await browser?.close();
  });

  it('1. initiation: the coordinator starts it, maps the stakeholders inclusively and sets its SDG measures', async () => {
    partnershipId = await createPartnership(coordinatorPage, { name, leadOrganisationName: forumName });
    await addPartner(coordinatorPage, { partnershipId, organisationName: lpmName });
    const map = await editStakeholderMap(coordinatorPage, {
      partnershipId,
      stakeholders: [
        { organisationName: forumName, role: 'lead', interest: 5, influence: 5 },
        {
          organisationName: lpmName,
          role: 'partner',
          interest: 5,
          influence: 2,
          note: 'kader lingkungan RW',
        },
        { organisationName: cityName, role: 'supporter', interest: 4, influence: 5 },
        { organisationName: women.name, role: 'beneficiary', interest: 5, influence: 2 },
      ],
      beforeSave: async (editor) => screenshot(editor, 'journey-stakeholder-map.png'),
    });
    expect(map).toMatchObject({ passed: true, flags: [] });
    await setUpMonitoring(coordinatorPage, partnershipId, {
      targets: ['11.6', '12.5'],
      indicators: [
        {
          code: '11.6',
          name: 'Warga yang memilah sampah di rumah',
          unit: 'orang',
          targets: [{ periodNumber: 1, value: 300 }],
          baseline: { value: 40, date: '2026-06-30' },
        },
      ],
      schedule: { startsOn: '2026-08-01', periodMonths: 3, graceDays: 30 },
    });
    await closeStage('initiation');
    expect((await stateOf()).stage).toBe('formation');
  }, 600_000);

  it('2. formation: an MoU both partners sign, each in their own browser', async () => {
    agreementId = await draftMou(coordinatorPage, partnershipId, {
      parties: [
        {
          organisationId: forum.organisationId!,
          signatoryUserId: forum.id,
          signatoryName: forum.name,
          signatoryTitle: 'Ketua Forum CSR',
          responsibilities: ['Menghimpun dana TJSL anggota forum untuk bank sampah'],
          contributions: [{ kind: 'funds', description: 'Dana TJSL', amountIdr: 450_000_000 }],
        },
        {
          organisationId: lpm.organisationId!,
          signatoryUserId: lpm.id,
          signatoryName: lpm.name,
          signatoryTitle: 'Ketua LPM',
          responsibilities: ['Menggerakkan warga memilah sampah di setiap RW'],
          contributions: [{ kind: 'labour', description: 'Kader lingkungan RW' }],
        },
      ],
      background: 'Sampah plastik rumah tangga di Kota Bandung terus meningkat.',
      purpose: 'Mengurangi sampah plastik rumah tangga sebesar 30 persen.',
      scope: ['Bank sampah di setiap RW', 'Kampanye pengurangan plastik sekali pakai'],
      governance: { body: 'Sekretariat Bersama KMP', decisionRule: 'consensus', meetingFrequency: 'monthly' },
      communication: 'Rapat koordinasi bulanan dan laporan daring yang dapat diakses semua Pihak.',
      funding: { mechanism: 'common_fund' },
      startDate: '2026-10-01',
      durationMonths: 24,
    });
    await openSigning(coordinatorPage, agreementId, { version: 1, dueInDays: 7 });
    await enrolKeyAndSign(forumPage, agreementId, forum);
    await enrolKeyAndSign(lpmPage, agreementId, lpm);
    await eventually(async () => expect((await stateOf()).facts.mouEffective).toBeDefined(), 60_000);
    await screenshot(lpmPage, 'journey-mou-signed.png');
  }, 600_000);

  it('3. formation: a funding plan with both partners’ commitments, then the gate', async () => {
    const plan: FundingPlanInput = {
      mechanism: 'common_fund',
      fundHolderOrganisationId: forum.organisationId!,
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
      ],
    };
    await setFundingPlan(coordinatorPage, partnershipId, plan);
    await commit(forumPage, partnershipId, {
      amountIdr: 450_000_000,
      dueOn: '2026-12-01',
      note: 'Dana TJSL anggota forum 2026',
    });
    await commit(lpmPage, partnershipId, {
      kind: 'in_kind',
      amountIdr: 50_000_000,
      description: 'Kader lingkungan RW dan gudang bank sampah',
      dueOn: '2026-12-15',
    });
    await expectCommitted(coordinatorPage, partnershipId);
    await screenshot(coordinatorPage, 'journey-funding-plan.png');
    await closeStage('formation');
    expect((await stateOf()).stage).toBe('implementation');
  }, 600_000);

  it('4. implementation: a progress report returned once, corrected and approved', async () => {
    const plan = await expectOk(
      coordinatorApi.get<{ indicators: { id: string }[] }>(`monitoring/partnerships/${partnershipId}`),
      'the monitoring plan',
    );
    const indicatorId = plan.indicators[0].id;
    await submitReport(lpmPage, partnershipId, {
      values: [{ indicatorId, total: 150, breakdown: [90, 60] }],
      narrative: 'Pelatihan pemilahan sampah di 6 RW; 150 warga mulai memilah di rumah.',
      evidenceLinks: ['https://arsip.lpm-cibangkong.id/laporan/periode-1.pdf'],
    });
    const reason = 'Lampirkan daftar hadir pelatihan per RW.';
    await returnReport(coordinatorPage, partnershipId, reason, { organisationId: lpm.organisationId });
    await reviseReport(lpmPage, partnershipId, 1, {
      expectReason: reason,
      narrative: 'Pelatihan pemilahan sampah di 6 RW; 150 warga mulai memilah. Daftar hadir terlampir.',
      evidenceLinks: [
        'https://arsip.lpm-cibangkong.id/laporan/periode-1.pdf',
        'https://arsip.lpm-cibangkong.id/laporan/daftar-hadir-periode-1.pdf',
      ],
    });
    const approved = await approveReport(coordinatorPage, partnershipId, {
      organisationId: lpm.organisationId,
    });
    expect(approved).toMatchObject({ revision: 2, status: 'approved' });
    await closeStage('implementation');
    expect((await stateOf()).stage).toBe('monitoring');
  }, 600_000);

  it('5. monitoring and learning: an evaluation by a panel of every group', async () => {
    // The panel is drawn from the map's lead and partners (the city supports, the women's group benefits):
    // the coordinator, of the city, facilitates and completes it without a seat.
    const evaluation = await runEvaluation(coordinatorPage, [forumPage, lpmPage], partnershipId, {
      title: 'Evaluasi tahun pertama',
      coordinatorOnPanel: false,
      completion: {
        findings: 'Pemilahan di rumah naik; bank sampah RW 03 belum aktif.',
        worked: ['Kader RW mendampingi warga dari rumah ke rumah'],
        failed: ['Jadwal penjemputan sampah terpilah belum teratur'],
      },
    });
    expect(evaluation).toMatchObject({ status: 'completed', panelCoversAllGroups: true });
    await expectLifecycleFact(coordinatorPage, partnershipId, 'evaluationCompleted');
    await closeStage('monitoring');
    expect((await stateOf()).stage).toBe('maturation');
  }, 600_000);

  it('6. development and maturation: the coordinator renews, and a second cycle begins', async () => {
    await completeStageWork(pages(), { partnershipId, stage: 'maturation' });
    await decideRenewal(coordinatorPage, {
      partnershipId,
      reason: 'Target tahun pertama tercapai sebagian; semua mitra sepakat melanjutkan ke RW lain.',
    });
    await approveGate(coordinatorPage, { partnershipId, stage: 'maturation' });
    const renewed = await stateOf();
    expect(renewed).toMatchObject({ cycle: 2, stage: 'initiation', status: 'active' });
    expect(renewed.partners.map((partner) => partner.organisationId).sort()).toEqual(
      [forum.organisationId, lpm.organisationId].sort(),
    );
    await screenshot(coordinatorPage, 'journey-renewed.png');
  }, 600_000);

  it('7. the auditor opens the record and sees every decision, who made it and why', async () => {
    const auditorPage = await sessions.signedInPage(
      demoAccounts.auditor.email,
      `/audit/partnerships/${partnershipId}`,
    );
    await auditorPage.getByTestId('audit-tab-replay').click();
    await auditorPage.getByTestId('audit-replay').click();
    await auditorPage.getByTestId('audit-replay-result').waitFor({ timeout: 180_000 });
    expect(await text(auditorPage, 'audit-replay-result')).toBe('Sesuai dengan aturan yang berlaku');
    expect(await auditorPage.getByTestId('audit-divergences').count()).toBe(0);
    await auditorPage.getByTestId('audit-tab-decisions').click();
    const decisions = auditorPage.getByTestId('decision');
    await eventually(async () => expect(await decisions.count()).toBeGreaterThan(0));
    const rows = await decisions.evaluateAll((items) =>
      items.map((item) => ({
        kind: item.getAttribute('data-kind'),
        actor: item.querySelector('[data-testid="decision-actor"]')?.textContent ?? '',
      })),
    );
    const kinds = rows.map((row) => row.kind);
    // Both cycles: the five gates approved, the renewal decided, the partner added, every task done.
    expect(kinds.filter((kind) => kind === 'approveGate')).toHaveLength(5);
    expect(kinds).toEqual(
      expect.arrayContaining(['addPartner', 'decideMaturation', 'completeTask', 'answerQuestion']),
    );
    // People by name, never an account id.
    const actors = new Set(rows.map((row) => row.actor));
    expect([...actors]).toEqual(expect.arrayContaining([demoAccounts.coordinator.name, forum.name]));
    for (const actor of actors) expect(actor).not.toMatch(/^[0-9a-f]{24}$/);
    expect(await text(auditorPage, 'audit-title')).toContain(name);
    // Read-only: nothing on the auditor's page decides.
    expect(await auditorPage.getByTestId('gate-approve').count()).toBe(0);
    await screenshot(auditorPage, 'journey-auditor.png');
  }, 300_000);

  it('logged no errors in any browser', () => {
    // A partnership has no stakeholder map until the coordinator saves the first one.
    sessions.forget(/: 404 .*\/stakeholder-map$/);
    expect(sessions.errors).toEqual([]);
  });
});
