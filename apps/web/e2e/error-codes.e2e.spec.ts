import type { Browser, Locator, Page } from 'playwright-core';
import {
  principles,
  type Agreement,
  type Evaluation,
  type FundingPlanInput,
  type LifecycleState,
} from '@mitra/contracts';
import { ApiClient, demoAccounts, type SignedInUser } from '@mitra/testing';
import { launchBrowser } from './browser';
import { jakartaTime, mouDraft } from './journey/agreements';
import { fieldError, submitCommitment, submitTrancheRelease } from './journey/funding';
import { openMonitoring } from './journey/monitoring';
import { openPartnership, pickOrganisation } from './journey/partnerships';
import { apiUrl, BrowserSessions, eventually, expectOk, inDays, inputOf, textareaOf } from './support';

/** Words of the api's English messages: none may reach a screen in Bahasa Indonesia. */
const englishWords = /\b(the|is|was|already|not|must|waits|exceeds|member|partner|signing|round|open)\b/i;

/** Waits for `shown` (an element, or a reader of its text) to say `sentence`, with no word of the api's English. */
async function expectIndonesian(
  shown: Locator | (() => Promise<string | null>),
  sentence: string,
): Promise<void> {
  await eventually(async () => {
    const text = ((await (typeof shown === 'function' ? shown() : shown.textContent())) ?? '').trim();
    expect(text).toContain(sentence);
    expect(text).not.toMatch(englishWords);
  });
}

// The api refuses with codes and their parameters; the web says each refusal in the reader's language.
// In the Indonesian UI (the default) one refusal of each kind: a field the contract refuses, and a rule of
// funding, monitoring, the lifecycle and the agreements. The page is kept from live updates so that it
// still offers what another user (the api here) has just done: the service refuses it.
describe('server refusals in Bahasa Indonesia', () => {
  const coordinator = ApiClient.signedInAs(demoAccounts.coordinator.email);
  const run = Date.now().toString(36);
  let browser: Browser;
  let sessions: BrowserSessions;
  let me: SignedInUser;
  let forum: SignedInUser;
  let lpm: SignedInUser;
  let partnershipId: string;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    sessions = new BrowserSessions(browser);
    [me, forum, lpm] = await Promise.all([
      coordinator.user(),
      ApiClient.signedInAs(demoAccounts.forumCsr.email).user(),
      ApiClient.signedInAs(demoAccounts.lpmCibangkong.email).user(),
    ]);
    partnershipId = (
      await expectOk(
        coordinator.post<LifecycleState>('partnerships', {
          name: `Kode Penolakan ${run}`,
          leadOrganisationId: me.organisationId,
        }),
        'the partnership',
      )
    ).partnershipId;
    await expectOk(
      coordinator.post(`partnerships/${partnershipId}/decisions/addPartner`, {
        organisationId: forum.organisationId,
        role: 'partner',
      }),
      'adding the Forum CSR',
    );
    const plan: FundingPlanInput = {
      mechanism: 'separate',
      ceilings: [],
      lines: [
        {
          id: 'kampanye',
          activity: 'Kampanye kurangi plastik sekali pakai',
          amount: 60_000_000,
          year: 2026,
          sdgTargets: ['12.5'],
          responsibleOrganisationId: me.organisationId!,
          source: { kind: 'apbd' },
        },
      ],
    };
    await expectOk(coordinator.post(`partnerships/${partnershipId}/funding/plan`, plan), 'the funding plan');
    await expectOk(
      coordinator.post(`partnerships/${partnershipId}/funding/commitments`, {
        organisationId: me.organisationId,
        contribution: { kind: 'cash', amount: 60_000_000 },
        schedule: [{ dueOn: '2026-11-01', amount: 60_000_000, resultsGate: { periodNumber: 1 } }],
      }),
      'a commitment released by results',
    );

    page = await sessions.signedInPage(demoAccounts.coordinator.email, '/partnerships');
    await page.route(`${apiUrl()}/api/v1/events*`, (route) => route.abort());
  }, 120_000);

  afterAll(async () => {
    await sessions?.close();
    await browser?.close();
  });

  it("says a field the contract refuses with zod's code and its bound, or a refinement's own code", async () => {
    const refusedFields = [
      { amountIdr: 0, dueOn: '2026-11-01', field: 'commit-amount', sentence: 'Harus lebih dari 0.' },
      {
        amountIdr: 1_000_000,
        dueOn: '1999-12-31',
        field: 'commit-due-0',
        sentence: 'Tanggal paling awal 1 Jan 2000.',
      },
    ];
    for (const { amountIdr, dueOn, field, sentence } of refusedFields) {
      const form = await submitCommitment(page, partnershipId, {
        organisationId: me.organisationId,
        amountIdr,
        dueOn,
      });
      await expectIndonesian(() => fieldError(form, field), sentence);
    }
    sessions.forget(/400 .*\/funding\/commitments$/);
  }, 30_000);

  it('says a refusal of the funding rules with its parameters', async () => {
    const tranche = await submitTrancheRelease(page, partnershipId, '2.1');
    await expectIndonesian(
      tranche.getByTestId('api-error'),
      'Tahap 2.1 menunggu laporan periode 1 disetujui dalam pemantauan.',
    );
    sessions.forget(/409 .*\/funding\/tranches\/2\.1\/release$/);
  }, 30_000);

  it('says a refusal of the monitoring rules', async () => {
    // The panel's groups come from the stakeholder map.
    await expectOk(
      coordinator.post(`partnerships/${partnershipId}/stakeholder-map/versions`, {
        basedOnVersion: 0,
        entries: [{ organisationId: me.organisationId, interest: 5, influence: 5, role: 'lead' }],
      }),
      'the stakeholder map',
    );
    const evaluation = await expectOk(
      coordinator.post<Evaluation>(`monitoring/partnerships/${partnershipId}/evaluations`, {
        title: `Evaluasi tengah periode ${run}`,
        panel: [{ userId: me.id, organisationId: me.organisationId }],
      }),
      'the evaluation',
    );
    await openMonitoring(page, partnershipId, 'evaluations');
    const form = page.getByTestId(`evaluation-${evaluation.id}`).getByTestId('assessment-form');
    for (const score of await form.locator('[data-testid^="score-"]').all())
      await score.locator('input[value="4"] + label').click();
    await textareaOf(form, 'assessment-comment').fill('Koordinasi berjalan baik.');
    // Meanwhile the same member assessed in another tab.
    const assessed = await coordinator.post(
      `monitoring/partnerships/${partnershipId}/evaluations/${evaluation.id}/assessments`,
      {
        principles: Object.fromEntries(principles.map((principle) => [principle, 4])),
        results: 4,
        comment: 'Dinilai di tab lain.',
      },
    );
    expect(assessed.status).toBe(201);
    await form.getByTestId('assessment-submit').click();
    await expectIndonesian(form.getByTestId('api-error'), 'Anggota ini sudah memberikan penilaian.');
    sessions.forget(/409 .*\/assessments$/);
  }, 30_000);

  it('says a refusal of the lifecycle rules', async () => {
    await openPartnership(page, partnershipId, 'partners');
    await page.getByTestId('add-partner').click();
    await pickOrganisation(page, 'add-partner-organisation', lpm.organisationName!);
    await expectOk(
      coordinator.post(`partnerships/${partnershipId}/decisions/addPartner`, {
        organisationId: lpm.organisationId,
        role: 'partner',
      }),
      'another coordinator adding the LPM',
    );
    await page.getByTestId('add-partner-submit').click();
    await expectIndonesian(
      page.getByTestId('add-partner-form').getByTestId('api-error'),
      'Organisasi ini sudah menjadi mitra.',
    );
    sessions.forget(/409 .*\/decisions\/addPartner$/);
  }, 30_000);

  it('says a refusal of the agreements rules', async () => {
    const draft = await expectOk(
      coordinator.post<Agreement>('agreements', { kind: 'mou', partnershipId, fields: mouDraft(forum, lpm) }),
      'the MoU draft',
    );
    await page.goto(`${apiUrl()}/agreements/${draft.id}?version=1`);
    await page.getByTestId('open-signing').click();
    const form = page.getByTestId('open-signing-form');
    // The signing set-up the rules refuse, each at its field (the form leaves the times to the rules).
    const refusedSetUps = [
      {
        due: 14,
        expires: 7,
        field: 'signing-due-at',
        sentence: 'Tenggat harus setelah saat ini dan tidak melewati batas akhir penandatanganan.',
      },
      {
        due: -2,
        expires: -1,
        field: 'signing-expires-at',
        sentence: 'Batas akhir penandatanganan harus di masa mendatang.',
      },
    ];
    for (const { due, expires, field, sentence } of refusedSetUps) {
      await inputOf(page, 'signing-due-at').fill(jakartaTime(due).input);
      await inputOf(page, 'signing-expires-at').fill(jakartaTime(expires).input);
      await page.getByTestId('open-signing-submit').click();
      await expectIndonesian(() => fieldError(form, field), sentence);
    }
    sessions.forget(/400 .*\/signing-rounds$/);
    await inputOf(page, 'signing-due-at').fill(jakartaTime(7).input);
    await inputOf(page, 'signing-expires-at').fill(jakartaTime(14).input);
    await expectOk(
      coordinator.post(`agreements/${draft.id}/signing-rounds`, {
        versionNumber: 1,
        mode: 'parallel',
        expiresAt: inDays(14),
        dueAt: inDays(7),
      }),
      'another coordinator opening the signing',
    );
    await page.getByTestId('open-signing-submit').click();
    await expectIndonesian(form.getByTestId('api-error'), 'Putaran penandatanganan sedang terbuka');
    sessions.forget(/409 .*\/signing-rounds$/);

    expect(sessions.errors.filter((error) => !/events/.test(error))).toEqual([]);
  }, 30_000);
});
