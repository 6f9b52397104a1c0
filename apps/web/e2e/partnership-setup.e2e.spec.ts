import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import {
  partnershipWorkflowId,
  serviceEventSignal,
  type LifecycleState,
  type Organisation,
  type StageId,
  type StakeholderMapView,
} from '@mitra/contracts';
import { stageDefinition, stageTasks } from '@mitra/domain';
import {
  ApiClient,
  demoAccountOrganisations,
  demoAccounts,
  systemEnv,
  type SignedInUser,
} from '@mitra/testing';
import { launchBrowser } from './browser';
import {
  acceptTransfer,
  addPartner,
  approveGate,
  completeStageWork,
  createPartnership,
  decideClosure,
  decideRenewal,
  decideTransfer,
  editStakeholderMap,
  fillStakeholderRow,
  openPartnership,
  openStakeholderEditor,
  pausePartnership,
  resumePartnership,
  terminatePartnership,
  waiveInclusiveness,
  withdrawPartner,
} from './journey/partnerships';
import { BrowserSessions, eventually, expectOk, inputOf, screenshot, text, textareaOf } from './support';

// The coordinator sets a partnership up in the browser: starts it, adds a partner, edits the
// stakeholder map until it is inclusive, works through Initiation with a partner representative,
// pauses and resumes. Two more partnerships are brought to Development and maturation through the
// api, with the services' facts (MoU in force, funding, reports, evaluation) signalled to the workflow
// as the worker's event bridge would: one is renewed from the browser, the other transferred to a new
// lead whose representative accepts in a browser of its own.
describe('setting up and steering a partnership in the browser', () => {
  const coordinator = ApiClient.signedInAs(demoAccounts.coordinator.email);
  const forumClient = ApiClient.signedInAs(demoAccounts.forumCsr.email);
  const run = Date.now().toString(36);
  const name = `Penurunan Stunting Kelurahan Cibangkong ${run}`;
  const leadName = demoAccountOrganisations.bappelitbang.organisation.name;
  const lpmName = demoAccountOrganisations.lpmCibangkong.organisation.name;
  const womenName = `Yayasan Perempuan Mandiri Bandung ${run}`;
  let browser: Browser;
  let sessions: BrowserSessions;
  let connection: Connection;
  let temporal: Client;
  let me: SignedInUser;
  let forum: SignedInUser;
  let lpm: SignedInUser;
  let women: Organisation;
  let page: Page;
  let lpmPage: Page;
  let partnershipId: string;
  let renewalId: string;
  let transferId: string;
  let closureId: string;

  const stateOf = (id: string) =>
    expectOk(coordinator.get<LifecycleState>(`partnerships/${id}`), 'the partnership state');
  const decide = (client: ApiClient, id: string, kind: string, body: object) =>
    expectOk(client.post(`partnerships/${id}/decisions/${kind}`, body), kind);

  /** What the services would announce once each stage's work is real; the bridge signals it so. */
  const facts: Record<Exclude<StageId, 'maturation'>, Array<[string, Record<string, unknown>]>> = {
    initiation: [
      ['stakeholders.map.checked', { passed: true, flags: [], version: 1 }],
      ['monitoring.targets.chosen', {}],
      ['monitoring.baseline.fixed', {}],
    ],
    formation: [
      ['agreements.mou.effective', { agreementId: randomUUID(), versionNumber: 1 }],
      ['funding.plan.committed', {}],
    ],
    implementation: [['monitoring.report.approved', { periodNumber: 1 }]],
    monitoring: [['monitoring.evaluation.completed', { panelCoversAllGroups: true }]],
  };

  async function stageWorkThroughApi(id: string, stage: StageId): Promise<void> {
    for (const task of stageTasks(stage)) {
      await decide(task.owner === 'coordinator' ? coordinator : forumClient, id, 'completeTask', {
        taskId: task.id,
        evidence: [{ label: 'Notulen rapat' }],
      });
    }
    for (const question of stageDefinition(stage).questions) {
      await decide(coordinator, id, 'answerQuestion', {
        questionId: question.id,
        answer: 'Ya, disepakati bersama semua pihak.',
      });
    }
  }

  /** Signals the stage's facts as the services would announce them. */
  async function signalFacts(id: string, stage: Exclude<StageId, 'maturation'>): Promise<void> {
    const workflow = temporal.workflow.getHandle(partnershipWorkflowId(id));
    for (const [type, data] of facts[stage]) {
      await workflow.signal(serviceEventSignal, {
        eventId: randomUUID(),
        type,
        occurredAt: new Date().toISOString(),
        partnershipId: id,
        organisationIds: [],
        data,
      });
    }
  }

  /** A partnership led by the coordinator's organisation, in Development and maturation. */
  async function atMaturation(
    partnershipName: string,
    partners: string[],
    withWork: boolean,
  ): Promise<string> {
    const started = await expectOk(
      coordinator.post<LifecycleState>('partnerships', {
        name: partnershipName,
        leadOrganisationId: me.organisationId,
      }),
      'starting a partnership',
    );
    const id = started.partnershipId;
    for (const organisationId of partners) {
      await decide(coordinator, id, 'addPartner', { organisationId, role: 'partner' });
    }
    for (const stage of ['initiation', 'formation', 'implementation', 'monitoring'] as const) {
      // The facts first: a task whose fact does not hold yet cannot be marked done.
      await signalFacts(id, stage);
      await stageWorkThroughApi(id, stage);
      await eventually(async () => expect((await stateOf(id)).gate.readySince).toBeDefined(), 30_000, 300);
      await decide(coordinator, id, 'approveGate', { stage });
    }
    if (withWork) await stageWorkThroughApi(id, 'maturation');
    expect((await stateOf(id)).stage).toBe('maturation');
    return id;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    sessions = new BrowserSessions(browser);
    connection = await Connection.connect({ address: systemEnv().TEMPORAL_ADDRESS });
    temporal = new Client({ connection });
    [me, forum, lpm] = await Promise.all([
      coordinator.user(),
      forumClient.user(),
      ApiClient.signedInAs(demoAccounts.lpmCibangkong.email).user(),
    ]);
    // Registered beforehand, as a coordinator would: the organisation the inclusive map still lacks.
    women = await expectOk(
      coordinator.post<Organisation>('organisations', {
        name: womenName,
        sector: 'cso',
        region: { province: 'Jawa Barat', regency: 'Kota Bandung' },
        resources: [{ kind: 'expertise', note: 'pendampingan ibu hamil dan menyusui' }],
        vulnerableGroups: ['women'],
      }),
      'registering a women’s organisation',
    );
    [renewalId, transferId, closureId] = await Promise.all([
      atMaturation(`Air Bersih Batununggal ${run}`, [forum.organisationId!], false),
      atMaturation(`Bank Sampah Cibangkong ${run}`, [forum.organisationId!, lpm.organisationId!], true),
      atMaturation(`Posyandu Remaja Kiaracondong ${run}`, [forum.organisationId!], true),
    ]);
    page = await sessions.signedInPage(demoAccounts.coordinator.email, '/partnerships');
  }, 300_000);

  afterAll(async () => {
    await sessions?.close();
    await browser?.close();
    await connection?.close();
  });

  it('starts a partnership with its lead and timings, its name checked as the contract checks it', async () => {
    await page.getByTestId('new-partnership').click();
    await inputOf(page, 'new-partnership-name').fill('ab');
    await page.getByTestId('new-partnership-submit').click();
    await page.getByTestId('new-partnership-form').getByText('Minimal 3 karakter.').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('new-partnership-form').waitFor({ state: 'detached' });

    partnershipId = await createPartnership(page, {
      name,
      leadOrganisationName: leadName,
      settings: { approvalDueDays: 10 },
    });
    const state = await stateOf(partnershipId);
    expect(state).toMatchObject({
      name,
      stage: 'initiation',
      status: 'active',
      leadOrganisationId: me.organisationId,
      coordinators: [me.id],
      partners: [{ organisationId: me.organisationId, role: 'lead' }],
    });
    expect(state.settings).toMatchObject({ approvalDueDays: 10, remindAfterDays: 3 });
  }, 180_000);

  it('adds the LPM as a partner', async () => {
    await addPartner(page, { partnershipId, organisationName: lpmName, role: 'partner' });
    expect((await stateOf(partnershipId)).partners).toEqual([
      expect.objectContaining({ organisationId: me.organisationId, role: 'lead' }),
      expect.objectContaining({ organisationId: lpm.organisationId, role: 'partner' }),
    ]);
    expect(await page.getByTestId('partner-row').count()).toBe(2);
  }, 180_000);

  it('edits the stakeholder map until the inclusiveness check passes', async () => {
    const first = await editStakeholderMap(page, {
      partnershipId,
      stakeholders: [
        { organisationName: leadName, role: 'lead', interest: 5, influence: 5 },
        { organisationName: lpmName, role: 'partner', interest: 5, influence: 2, note: 'kader posyandu' },
      ],
    });
    expect(first).toEqual({ version: 1, passed: false, flags: ['no_cso', 'no_women_representation'] });
    expect(await page.getByTestId('inclusive-map-precondition').getAttribute('data-holds')).toBe('false');

    const second = await editStakeholderMap(page, {
      partnershipId,
      stakeholders: [
        { organisationName: leadName, role: 'lead', interest: 5, influence: 5 },
        { organisationName: lpmName, role: 'partner', interest: 5, influence: 2, note: 'kader posyandu' },
        { organisationName: womenName, role: 'partner', interest: 4, influence: 3 },
      ],
      beforeSave: async (editor) => {
        await editor.evaluate(() => window.scrollTo(0, 0));
        await screenshot(editor, 'stakeholder-map-editor.png');
      },
    });
    expect(second).toEqual({ version: 2, passed: true, flags: [] });
    await eventually(async () =>
      expect(await page.locator('[data-testid="stakeholder-chart"] .recharts-scatter-symbol').count()).toBe(
        3,
      ),
    );
    expect(await page.getByTestId('stakeholder-table').getByText(womenName).count()).toBe(1);
    // The workflow records the check from the service's event: the Initiation gate's condition holds.
    await eventually(async () =>
      expect(await page.getByTestId('inclusive-map-precondition').getAttribute('data-holds')).toBe('true'),
    );
    expect((await stateOf(partnershipId)).facts.stakeholderMapPassed).toBe(true);
  }, 180_000);

  it('shows a stakeholder twice as refused at its row, and saves nothing', async () => {
    await openStakeholderEditor(page, partnershipId);
    await fillStakeholderRow(page, 3, {
      organisationName: lpmName,
      role: 'beneficiary',
      interest: 4,
      influence: 1,
    });
    await page.getByTestId('stakeholder-save').click();
    const editor = page.getByTestId('stakeholder-editor');
    await editor.getByText('Organisasi ini sudah ada di peta.').waitFor();
    await page.getByTestId('stakeholder-cancel').click();
    sessions.forget(/ 400 .*\/stakeholder-map\/versions$/);

    const map = await expectOk(
      coordinator.get<StakeholderMapView>(`partnerships/${partnershipId}/stakeholder-map`),
      'the map',
    );
    expect(map.map.version).toBe(2);
    expect(map.map.entries).toHaveLength(3);
    expect(await page.getByTestId('stakeholder-map-version').getAttribute('data-version')).toBe('2');
  }, 180_000);

  it('tells the coordinator that someone else saved the map first, and reloads their version', async () => {
    await openStakeholderEditor(page, partnershipId);
    const current = await expectOk(
      coordinator.get<StakeholderMapView>(`partnerships/${partnershipId}/stakeholder-map`),
      'the map',
    );
    await expectOk(
      coordinator.post(`partnerships/${partnershipId}/stakeholder-map/versions`, {
        basedOnVersion: current.map.version,
        entries: current.map.entries.map(({ organisationId, role, interest, influence }) => ({
          organisationId,
          role,
          interest,
          influence: organisationId === women.id ? 4 : influence,
        })),
      }),
      'another coordinator’s version',
    );
    // A score off the 1–5 scale is refused with the range, never clamped, and nothing is sent.
    const interest = inputOf(page, 'stakeholder-interest-0');
    await interest.fill('7');
    await page.getByTestId('stakeholder-save').click();
    await eventually(async () => expect(await interest.getAttribute('aria-invalid')).toBe('true'));
    await eventually(async () =>
      expect(await interest.evaluate((input) => input === document.activeElement)).toBe(true),
    );
    const errorId = ((await interest.getAttribute('aria-describedby')) ?? '')
      .split(' ')
      .find((id) => id.endsWith('-error'));
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toBe('Harus antara 1 dan 5.');
    expect(await interest.inputValue()).toBe('7');
    expect(await page.getByTestId('stakeholder-conflict').count()).toBe(0);
    await interest.fill('4');
    await page.getByTestId('stakeholder-save').click();
    await page.getByTestId('stakeholder-conflict').waitFor();
    sessions.forget(/ 409 .*\/stakeholder-map\/versions$/);

    await page.getByTestId('stakeholder-reload').click();
    await eventually(async () =>
      expect(await page.getByTestId('stakeholder-editor').getAttribute('data-based-on')).toBe('3'),
    );
    expect(await inputOf(page, 'stakeholder-influence-2').inputValue()).toBe('4');
    expect(await page.getByTestId('stakeholder-conflict').count()).toBe(0);
    await page.getByTestId('stakeholder-cancel').click();
  }, 180_000);

  it('records the coordinator’s waiver where no inclusive map can be made yet', async () => {
    const started = await expectOk(
      coordinator.post<LifecycleState>('partnerships', { name: `Sanitasi Cicadas ${run}` }),
      'starting a partnership',
    );
    const reason = 'Belum ada organisasi perempuan yang aktif di Cicadas; forum warga sedang dibentuk.';
    await waiveInclusiveness(page, { partnershipId: started.partnershipId, reason });
    expect(await text(page, 'inclusiveness-waiver')).toContain('Pengecualian dicatat oleh Anda');
    expect((await stateOf(started.partnershipId)).facts.inclusivenessWaiver).toMatchObject({
      reason,
      by: me.id,
    });
  }, 180_000);

  it('works through Initiation with the LPM’s representative, each seeing who did what by name', async () => {
    lpmPage = await sessions.signedInPage(demoAccounts.lpmCibangkong.email, `/partnerships/${partnershipId}`);
    // No monitoring plan here: its targets and baseline are announced as the monitoring service would.
    await signalFacts(partnershipId, 'initiation');
    await eventually(async () =>
      expect((await stateOf(partnershipId)).facts).toMatchObject({ sdgTargetsChosen: true, baselineFixed: true }),
    );
    await completeStageWork({ coordinator: page, partner: lpmPage }, { partnershipId, stage: 'initiation' });

    const state = await stateOf(partnershipId);
    expect(Object.keys(state.tasks).sort()).toEqual(
      stageTasks('initiation')
        .map((task) => task.id)
        .sort(),
    );
    expect(Object.keys(state.answers).sort()).toEqual(['I.1', 'I.2', 'I.3', 'I.4', 'I.5', 'I.6']);
    expect(state.tasks['2.1']).toMatchObject({ by: lpm.id, organisationId: lpm.organisationId });

    await eventually(async () =>
      expect(await page.getByTestId('task-2.1').getByTestId('task-completed-by').textContent()).toContain(
        `oleh ${lpm.name} (${lpmName}),`,
      ),
    );
    // Answers and task completions publish no event: the partner sees them on its next read.
    await lpmPage.reload();
    await eventually(async () =>
      expect(await lpmPage.getByTestId('question-I.1').textContent()).toContain(
        `Dijawab oleh ${me.name} (${leadName}),`,
      ),
    );
  }, 240_000);

  it('pauses the partnership with a reason, which stops its work, and resumes it', async () => {
    const reason = 'Menunggu pengesahan APBD perubahan Kota Bandung.';
    await pausePartnership(page, { partnershipId, reason });
    expect(await text(page, 'status-reason')).toBe(reason);
    expect(await text(page, 'partnership-status')).toBe('Dijeda');
    expect(await page.getByTestId('answer-edit-I.1').count()).toBe(0);
    expect(await page.getByTestId('lifecycle-pause').count()).toBe(0);
    expect((await stateOf(partnershipId)).status).toBe('paused');
    // A pause publishes no event either: the partner reads it on its next load.
    await lpmPage.reload();
    await eventually(async () => expect(await text(lpmPage, 'partnership-status')).toBe('Dijeda'));

    await resumePartnership(page, { partnershipId });
    expect((await stateOf(partnershipId)).status).toBe('active');
    expect(await page.getByTestId('answer-edit-I.1').count()).toBe(1);
  }, 180_000);

  it('offers partners and auditors none of the coordinator’s decisions', async () => {
    // The partner's page read the partnership while it was paused; a resume publishes no event.
    await lpmPage.reload();
    const auditorPage = await sessions.signedInPage(demoAccounts.auditor.email, '/partnerships');
    await auditorPage.getByTestId('partnerships-table').waitFor();
    expect(await auditorPage.getByTestId('new-partnership').count()).toBe(0);
    for (const who of [auditorPage, lpmPage]) {
      await openPartnership(who, partnershipId, 'process');
      await who.getByTestId('lifecycle-card').waitFor();
      expect(await who.getByTestId('lifecycle-pause').count()).toBe(0);
      expect(await who.getByTestId('lifecycle-terminate').count()).toBe(0);
      await openPartnership(who, partnershipId, 'stakeholders');
      await who.getByTestId('inclusiveness-check').waitFor();
      expect(await who.getByTestId('stakeholder-edit').count()).toBe(0);
      await openPartnership(who, partnershipId, 'partners');
      await who.getByTestId('partners-table').waitFor();
      expect(await who.getByTestId('add-partner').count()).toBe(0);
    }
    // A partner may leave, for its own organisation only; an auditor may not.
    expect(await auditorPage.getByTestId('withdraw-partner').count()).toBe(0);
    expect(await lpmPage.getByTestId('withdraw-partner').count()).toBe(1);
    expect(
      await lpmPage
        .locator(`[data-testid="partner-row"][data-organisation-id="${lpm.organisationId}"]`)
        .getByTestId('withdraw-partner')
        .count(),
    ).toBe(1);
  }, 180_000);

  it('renews a partnership at maturation, explaining the next cycle, which the gate then starts', async () => {
    await completeStageWork({ coordinator: page }, { partnershipId: renewalId, stage: 'maturation' });
    const reason = 'Target air bersih tercapai; diperluas ke Kecamatan Kiaracondong.';
    await decideRenewal(page, { partnershipId: renewalId, reason });
    const recorded = page.getByTestId('maturation-recorded');
    expect(await recorded.getAttribute('data-next')).toBe('awaitingGate');
    expect(await text(page, 'maturation-reason-text')).toBe(`Alasan: ${reason}`);
    expect(await text(page, 'maturation-next')).toContain('siklus 2 dimulai dari tahap Inisiasi');
    expect((await stateOf(renewalId)).maturation).toMatchObject({ outcome: 'renew', decidedBy: me.id });
    await page.locator('.mantine-Notification-root').first().waitFor({ state: 'detached', timeout: 10_000 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'maturation-decision.png');

    await approveGate(page, {
      partnershipId: renewalId,
      stage: 'maturation',
      comment: 'Siklus baru disetujui.',
    });
    expect(await text(page, 'renewed-cycle')).toContain('Siklus 2');
    const renewed = await stateOf(renewalId);
    expect(renewed).toMatchObject({ cycle: 2, stage: 'initiation', status: 'active' });
    expect(renewed.previousRunId).toBeDefined();
    expect(renewed.partners.map((partner) => partner.organisationId)).toEqual([
      me.organisationId,
      forum.organisationId,
    ]);
  }, 180_000);

  it('transfers a partnership to a new lead whose representative accepts in its own browser', async () => {
    // An MoU is in force: a partner joining now brings its MoU entry.
    await openPartnership(page, transferId, 'partners');
    await page.getByTestId('add-partner').click();
    await page.getByTestId('add-partner-mou').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('add-partner-form').waitFor({ state: 'detached' });

    await decideTransfer(page, {
      partnershipId: transferId,
      newLeadOrganisationName: lpmName,
      reason: 'LPM siap memimpin bank sampah secara mandiri.',
    });
    expect(await page.getByTestId('gate-card').getAttribute('data-ready')).toBe('false');

    await acceptTransfer(lpmPage, { partnershipId: transferId });
    // The acceptance publishes no event: the coordinator sees it on the next read of the partnership.
    await page.reload();
    await eventually(async () =>
      expect(await page.getByTestId('transfer-acceptance').getAttribute('data-accepted')).toBe('true'),
    );
    await eventually(async () =>
      expect(await text(page, 'transfer-acceptance')).toBe(`Diterima oleh ${lpm.name} (${lpmName})`),
    );
    await approveGate(page, { partnershipId: transferId, stage: 'maturation' });
    expect(await page.getByTestId('maturation-next').getAttribute('data-next')).toBe('transferred');
    expect(await text(page, 'maturation-next')).toContain(lpmName);
    const transferred = await stateOf(transferId);
    expect(transferred).toMatchObject({
      status: 'transferred',
      leadOrganisationId: lpm.organisationId,
      maturation: { outcome: 'transfer', transferAcceptedBy: lpm.id },
    });
  }, 180_000);

  it('closes a partnership with its closure report, the summary checked as the contract checks it', async () => {
    await openPartnership(page, closureId);
    await page.getByTestId('maturation-decide').click();
    await page.getByTestId('maturation-outcome-close').click();
    await textareaOf(page, 'maturation-closure-summary').fill('Selesai.');
    await page.getByTestId('maturation-submit').click();
    await page.getByTestId('maturation-form').getByText('Minimal 20 karakter.').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('maturation-form').waitFor({ state: 'detached' });
    expect((await stateOf(closureId)).maturation).toBeUndefined();

    const summary = 'Posyandu remaja berjalan mandiri di 12 RW; pendanaan dilanjutkan oleh kelurahan.';
    await decideClosure(page, { partnershipId: closureId, summary, documentRef: 'LAP-PENUTUPAN-2026-07' });
    expect(await page.getByTestId('maturation-closure-report').textContent()).toContain(summary);
    await approveGate(page, { partnershipId: closureId, stage: 'maturation' });
    expect(await page.getByTestId('maturation-next').getAttribute('data-next')).toBe('closed');
    expect(await stateOf(closureId)).toMatchObject({
      status: 'closed',
      maturation: { outcome: 'close', closureReport: { summary, documentRef: 'LAP-PENUTUPAN-2026-07' } },
    });
  }, 180_000);

  it('withdraws a partner with a reason; its row stays, marked as withdrawn', async () => {
    const reason = 'LPM memusatkan kader pada program posyandu kota.';
    await withdrawPartner(page, { partnershipId, organisationName: lpmName, reason });
    const state = await stateOf(partnershipId);
    expect(
      state.partners.find((partner) => partner.organisationId === lpm.organisationId)?.withdrawnAt,
    ).toBeDefined();
    expect(state.decisions.at(-1)).toMatchObject({ kind: 'withdrawPartner', reason });
    expect(await page.getByTestId('partner-row').count()).toBe(2);
  }, 180_000);

  it('terminates the partnership only once the coordinator confirms', async () => {
    await openPartnership(page, partnershipId, 'process');
    await page.getByTestId('lifecycle-terminate').click();
    await page.getByTestId('terminate-reason').fill('Kemitraan digabung dengan program kota.');
    await page.getByTestId('terminate-submit').click();
    await page.getByText('Centang untuk menyatakan Anda memahami akibatnya.').waitFor();
    await page.keyboard.press('Escape');
    expect((await stateOf(partnershipId)).status).toBe('active');

    await terminatePartnership(page, { partnershipId, reason: 'Kemitraan digabung dengan program kota.' });
    expect((await stateOf(partnershipId)).status).toBe('terminated');
    expect(await page.getByTestId('lifecycle-resume').count()).toBe(0);
    expect(await page.getByTestId('gate-approve').count()).toBe(0);
  }, 180_000);

  it('logged no errors in any browser', () => {
    // A partnership without a map or without funding yet answers 404 for them, which the pages expect.
    sessions.forget(/ 404 .*\/(stakeholder-map|funding\/summary)$/);
    expect(sessions.errors).toEqual([]);
  });
});
