import type { Page } from 'playwright-core';
import type { PartnerRole, StageId, StakeholderRole } from '@mitra/contracts';
import { stageDefinition, stageTasks, type TaskOwner } from '@mitra/domain';
import { apiUrl, eventually, inputOf, text, textareaOf } from '../support';

/**
 * The partnership screens driven as a coordinator (or a partner representative) drives them: start a
 * partnership, add and withdraw partners, edit the stakeholder map, work through a stage, approve its
 * gate, decide the maturation, accept a transfer, pause, resume and terminate. Each step goes to its
 * own page and waits for its effect (live updates included), so a journey may call them in any order,
 * from any browser profile signed in as the right person.
 */

export type PartnershipTab = 'process' | 'stakeholders' | 'partners';

const partnershipPath = (partnershipId: string, tab: PartnershipTab) =>
  `/partnerships/${partnershipId}${tab === 'process' ? '' : `/${tab}`}`;

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Opens the partnership's tab, by its tab when the partnership is already open. */
export async function openPartnership(page: Page, partnershipId: string, tab: PartnershipTab = 'process') {
  const target = partnershipPath(partnershipId, tab);
  const current = new URL(page.url()).pathname;
  if (current === target) return;
  if (current.startsWith(`/partnerships/${partnershipId}`)) await page.getByTestId(`tab-${tab}`).click();
  else await page.goto(`${apiUrl()}${target}`);
  await page.waitForURL((url) => url.pathname === target);
  await page.getByTestId('partnership-name').waitFor();
}

/**
 * Waits for what a live update brings. Service events (the map's check, an MoU in force) reach the
 * workflow a moment after the page hears of them and announce no change of their own, so the page is
 * reloaded now and then while waiting.
 */
async function untilShown(page: Page, assertion: () => Promise<void>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await eventually(assertion, Math.min(15_000, Math.max(deadline - Date.now(), 0)));
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await page.reload();
      await page.getByTestId('partnership-name').waitFor();
    }
  }
}

/** Picks an organisation by name in a searchable organisation select. */
export async function pickOrganisation(page: Page, testId: string, organisationName: string) {
  const input = inputOf(page, testId);
  if ((await input.inputValue()) === organisationName) return;
  const option = page.getByRole('option', { name: new RegExp(`^${escapeRegExp(organisationName)}`) }).first();
  // The list re-renders whenever any organisation changes (live updates from other users), which can
  // detach an option while a click waits for it to be stable: dispatch the click, and retry.
  await eventually(async () => {
    await input.click();
    await input.fill(organisationName);
    await option.dispatchEvent('click', {}, { timeout: 5_000 });
    expect(await input.inputValue()).toBe(organisationName);
  });
}

/** Picks an option by its value in a select whose options carry `<testId>-option-<value>`. */
async function pickOption(page: Page, testId: string, value: string) {
  const input = inputOf(page, testId);
  if ((await input.getAttribute('data-value')) === value) return;
  await input.click();
  await page.getByTestId(`${testId}-option-${value}`).click();
  await eventually(async () => expect(await input.getAttribute('data-value')).toBe(value));
}

// ---------------------------------------------------------------- starting

export interface NewPartnership {
  name: string;
  /** The lead organisation; the coordinator's own organisation when left out. */
  leadOrganisationName?: string;
  settings?: Partial<
    Record<
      | 'approvalDueDays'
      | 'remindAfterDays'
      | 'escalateAfterDays'
      | 'reportingPeriodDays'
      | 'reportGraceDays'
      | 'inactiveAfterMissedPeriods',
      number
    >
  >;
}

/** Starts a partnership from the partnerships list; returns its id once its page is open. */
export async function createPartnership(page: Page, partnership: NewPartnership): Promise<string> {
  if (new URL(page.url()).pathname !== '/partnerships') {
    await page.goto(`${apiUrl()}/partnerships`);
  }
  await page.getByTestId('new-partnership').click();
  await inputOf(page, 'new-partnership-name').fill(partnership.name);
  if (partnership.leadOrganisationName) {
    await pickOrganisation(page, 'new-partnership-lead', partnership.leadOrganisationName);
  }
  const settings = Object.entries(partnership.settings ?? {});
  if (settings.length > 0) {
    await page.getByTestId('new-partnership-settings').click();
    for (const [name, value] of settings) {
      await inputOf(page, `new-partnership-setting-${name}`).fill(String(value));
    }
  }
  await page.getByTestId('new-partnership-submit').click();
  await page.waitForURL((url) => /^\/partnerships\/[0-9a-f]{20}$/.test(url.pathname));
  await eventually(async () => expect(await text(page, 'partnership-name')).toBe(partnership.name.trim()));
  return new URL(page.url()).pathname.split('/')[2];
}

// ---------------------------------------------------------------- partners

const partnerRow = (page: Page, organisationName: string) =>
  page.getByTestId('partner-row').filter({ hasText: organisationName });

export interface MouPartyInput {
  representativeUserId: string;
  representativeName: string;
  representativeTitle: string;
  responsibilities: string[];
}

/** Adds an organisation as a partner; while an MoU is in force, `mouParty` fills its MoU entry. */
export async function addPartner(
  page: Page,
  {
    partnershipId,
    organisationName,
    role = 'partner',
    mouParty,
  }: { partnershipId: string; organisationName: string; role?: PartnerRole; mouParty?: MouPartyInput },
) {
  await openPartnership(page, partnershipId, 'partners');
  await page.getByTestId('add-partner').click();
  await pickOrganisation(page, 'add-partner-organisation', organisationName);
  await pickOption(page, 'add-partner-role', role);
  if (mouParty) {
    await inputOf(page, 'add-partner-representative-name').fill(mouParty.representativeName);
    await inputOf(page, 'add-partner-representative-title').fill(mouParty.representativeTitle);
    await inputOf(page, 'add-partner-representative-user').fill(mouParty.representativeUserId);
    for (const [index, responsibility] of mouParty.responsibilities.entries()) {
      if (index > 0) await page.getByTestId('add-partner-responsibility-add').click();
      await inputOf(page, `add-partner-responsibility-${index}`).fill(responsibility);
    }
  }
  await page.getByTestId('add-partner-submit').click();
  await page.getByTestId('add-partner-form').waitFor({ state: 'detached' });
  await eventually(async () =>
    expect(await partnerRow(page, organisationName).last().getAttribute('data-withdrawn')).toBe('false'),
  );
}

/** Withdraws an active partner with a reason (a coordinator, or the partner's own representative). */
export async function withdrawPartner(
  page: Page,
  {
    partnershipId,
    organisationName,
    reason,
  }: { partnershipId: string; organisationName: string; reason: string },
) {
  await openPartnership(page, partnershipId, 'partners');
  const row = partnerRow(page, organisationName).and(page.locator('[data-withdrawn="false"]'));
  await row.getByTestId('withdraw-partner').click();
  await textareaOf(page, 'withdraw-partner-reason').fill(reason);
  await page.getByTestId('withdraw-partner-submit').click();
  await eventually(async () => expect(await row.count()).toBe(0));
  await eventually(async () =>
    expect(await partnerRow(page, organisationName).last().getAttribute('data-withdrawn')).toBe('true'),
  );
}

// ---------------------------------------------------------------- the stakeholder map

export interface StakeholderInput {
  organisationName: string;
  role: StakeholderRole;
  interest: number;
  influence: number;
  note?: string;
}

export interface InclusivenessResult {
  version: number;
  passed: boolean;
  flags: string[];
}

/** The saved map's version (0 when there is none) and its inclusiveness check, as the tab shows them. */
export async function stakeholderMapShown(page: Page): Promise<InclusivenessResult> {
  if ((await page.getByTestId('stakeholder-map-none').count()) > 0)
    return { version: 0, passed: false, flags: [] };
  const version = Number(await page.getByTestId('stakeholder-map-version').getAttribute('data-version'));
  const passed = (await page.getByTestId('inclusiveness-check').getAttribute('data-passed')) === 'true';
  const flags = await page
    .locator('[data-testid^="inclusiveness-flag-"]')
    .evaluateAll((items) =>
      items.map((item) => item.getAttribute('data-testid')!.slice('inclusiveness-flag-'.length)),
    );
  return { version, passed, flags };
}

/** Opens the map editor on the stakeholders tab; returns the map as shown before editing. */
export async function openStakeholderEditor(page: Page, partnershipId: string): Promise<InclusivenessResult> {
  await openPartnership(page, partnershipId, 'stakeholders');
  await page
    .locator('[data-testid="stakeholder-map-version"], [data-testid="stakeholder-map-none"]')
    .first()
    .waitFor();
  const shown = await stakeholderMapShown(page);
  // Dispatched: a notice of an earlier step can lie over the button, and it stays while the pointer rests on it.
  const edit = page.getByTestId('stakeholder-edit');
  await edit.waitFor();
  await edit.dispatchEvent('click');
  await page.getByTestId('stakeholder-editor').waitFor();
  return shown;
}

const editorNames = (page: Page) =>
  page
    .getByTestId('stakeholder-editor-row')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-organisation-name') ?? ''));

/** Fills the editor's row `index` (a new row when `index` is the number of rows). */
export async function fillStakeholderRow(page: Page, index: number, stakeholder: StakeholderInput) {
  const rows = page.getByTestId('stakeholder-editor-row');
  if (index === (await rows.count())) {
    await page.getByTestId('stakeholder-add').click();
    await eventually(async () => expect(await rows.count()).toBe(index + 1));
  }
  if ((await rows.nth(index).getAttribute('data-organisation-name')) !== stakeholder.organisationName) {
    await pickOrganisation(page, `stakeholder-organisation-${index}`, stakeholder.organisationName);
  }
  await pickOption(page, `stakeholder-role-${index}`, stakeholder.role);
  await inputOf(page, `stakeholder-interest-${index}`).fill(String(stakeholder.interest));
  await inputOf(page, `stakeholder-influence-${index}`).fill(String(stakeholder.influence));
  await inputOf(page, `stakeholder-note-${index}`).fill(stakeholder.note ?? '');
}

/**
 * Makes the map exactly `stakeholders` (rows of other organisations are removed, existing ones
 * edited in place, new ones added) and saves it as the next version. Returns the new version and the
 * check the service computed, once the chart and the check show them. `beforeSave` runs with the
 * filled editor (e.g. for a screenshot).
 */
export async function editStakeholderMap(
  page: Page,
  {
    partnershipId,
    stakeholders,
    beforeSave,
  }: { partnershipId: string; stakeholders: StakeholderInput[]; beforeSave?: (page: Page) => Promise<void> },
): Promise<InclusivenessResult> {
  const before = await openStakeholderEditor(page, partnershipId);
  const wanted = new Set(stakeholders.map((stakeholder) => stakeholder.organisationName));
  const names = await editorNames(page);
  for (let index = names.length - 1; index >= 0; index--) {
    if (!wanted.has(names[index])) await page.getByTestId(`stakeholder-remove-${index}`).click();
  }
  for (const stakeholder of stakeholders) {
    const kept = await editorNames(page);
    const index = kept.indexOf(stakeholder.organisationName);
    await fillStakeholderRow(page, index === -1 ? kept.length : index, stakeholder);
  }
  await beforeSave?.(page);
  await page.getByTestId('stakeholder-save').click();
  await page.getByTestId('stakeholder-editor').waitFor({ state: 'detached' });
  let shown = before;
  await eventually(async () => {
    shown = await stakeholderMapShown(page);
    expect(shown.version).toBe(before.version + 1);
  });
  await eventually(async () =>
    expect(await page.getByTestId('stakeholder-row').count()).toBe(stakeholders.length),
  );
  return shown;
}

/** Records the coordinator's waiver of the inclusiveness check; waits until the gate's condition holds. */
export async function waiveInclusiveness(
  page: Page,
  { partnershipId, reason }: { partnershipId: string; reason: string },
) {
  await openPartnership(page, partnershipId, 'stakeholders');
  await page.getByTestId('waive-inclusiveness').click();
  await textareaOf(page, 'waiver-reason').fill(reason);
  await page.getByTestId('waiver-submit').click();
  await eventually(async () => expect(await text(page, 'inclusiveness-waiver-reason')).toBe(reason.trim()));
  expect(await page.getByTestId('inclusive-map-precondition').getAttribute('data-holds')).toBe('true');
}

// ---------------------------------------------------------------- working through a stage

async function expectStage(page: Page, partnershipId: string, stage: StageId) {
  await openPartnership(page, partnershipId, 'process');
  await untilShown(page, async () =>
    expect(await page.getByTestId('partnership-stage').getAttribute('data-stage')).toBe(stage),
  );
}

async function completeTasks(
  page: Page,
  {
    partnershipId,
    stage,
    owner,
    evidence,
  }: { partnershipId: string; stage: StageId; owner: TaskOwner; evidence: string },
) {
  await expectStage(page, partnershipId, stage);
  for (const task of stageTasks(stage).filter((candidate) => candidate.owner === owner)) {
    const row = page.getByTestId(`task-${task.id}`);
    if ((await row.getAttribute('data-done')) === 'true') continue;
    await page.getByTestId(`task-complete-${task.id}`).click();
    await inputOf(page, 'evidence-label-0').fill(`${evidence} ${task.id}`);
    await page.getByTestId('complete-task-submit').click();
    await page.getByTestId('complete-task-form').waitFor({ state: 'detached' });
    await eventually(async () => expect(await row.getAttribute('data-done')).toBe('true'));
  }
}

/** The coordinator completes the stage's coordinator tasks and answers every guiding question. */
export async function completeCoordinatorWork(
  page: Page,
  {
    partnershipId,
    stage,
    evidence = 'Notulen rapat koordinasi',
    answer = 'Ya, disepakati bersama semua pihak dan tercatat dalam notulen.',
  }: { partnershipId: string; stage: StageId; evidence?: string; answer?: string },
) {
  await completeTasks(page, { partnershipId, stage, owner: 'coordinator', evidence });
  for (const question of stageDefinition(stage).questions) {
    const item = page.getByTestId(`question-${question.id}`);
    if ((await item.getAttribute('data-answered')) === 'true') continue;
    await textareaOf(page, `answer-input-${question.id}`).fill(answer);
    await page.getByTestId(`answer-save-${question.id}`).click();
    await eventually(async () => expect(await item.getAttribute('data-answered')).toBe('true'));
  }
}

/** A partner representative completes the stage's partner tasks. */
export async function completePartnerTasks(
  page: Page,
  {
    partnershipId,
    stage,
    evidence = 'Daftar hadir',
  }: { partnershipId: string; stage: StageId; evidence?: string },
) {
  await completeTasks(page, { partnershipId, stage, owner: 'partner', evidence });
}

/**
 * Every task of the stage done and every question answered: the partner's tasks on the partner
 * representative's page (a stage without any, such as maturation, needs none).
 */
export async function completeStageWork(
  pages: { coordinator: Page; partner?: Page },
  { partnershipId, stage }: { partnershipId: string; stage: StageId },
) {
  if (stageTasks(stage).some((task) => task.owner === 'partner')) {
    if (!pages.partner) throw new Error(`The ${stage} stage has partner tasks: give a partner's page.`);
    await completePartnerTasks(pages.partner, { partnershipId, stage });
  }
  await completeCoordinatorWork(pages.coordinator, { partnershipId, stage });
}

/**
 * Approves the stage's gate once it is ready, and waits for what follows: the next stage, or at the
 * end of maturation the renewed cycle, the transfer or the closure.
 */
export async function approveGate(
  page: Page,
  { partnershipId, stage, comment }: { partnershipId: string; stage: StageId; comment?: string },
) {
  await expectStage(page, partnershipId, stage);
  const gate = page.getByTestId('gate-card');
  await untilShown(page, async () => expect(await gate.getAttribute('data-ready')).toBe('true'));
  const outcome =
    stage === 'maturation'
      ? await page.getByTestId('maturation-recorded').getAttribute('data-outcome')
      : null;
  await page.getByTestId('gate-approve').click();
  if (comment) await textareaOf(page, 'gate-comment').fill(comment);
  await page.getByTestId('gate-approve-submit').click();
  await untilShown(page, async () => {
    if (outcome === 'transfer' || outcome === 'close') {
      const ended = outcome === 'transfer' ? 'transferred' : 'closed';
      expect(await page.getByTestId('lifecycle-card').getAttribute('data-status')).toBe(ended);
    } else if (outcome === 'renew') {
      expect(await page.getByTestId('partnership-stage').getAttribute('data-stage')).toBe('initiation');
      expect(await page.getByTestId('renewed-cycle').count()).toBe(1);
    } else {
      expect(await page.getByTestId('partnership-stage').getAttribute('data-stage')).not.toBe(stage);
    }
  });
}

// ---------------------------------------------------------------- maturation

async function decideMaturation(
  page: Page,
  partnershipId: string,
  outcome: 'renew' | 'transfer' | 'close',
  fill: () => Promise<void>,
) {
  await expectStage(page, partnershipId, 'maturation');
  await page.getByTestId('maturation-decide').click();
  await page.getByTestId(`maturation-outcome-${outcome}`).click();
  await eventually(async () =>
    expect(await page.getByTestId('maturation-outcome-choice').getAttribute('data-value')).toBe(outcome),
  );
  await fill();
  await page.getByTestId('maturation-submit').click();
  await page.getByTestId('maturation-form').waitFor({ state: 'detached' });
  await eventually(async () =>
    expect(await page.getByTestId('maturation-recorded').getAttribute('data-outcome')).toBe(outcome),
  );
}

/** The coordinator decides to renew: the approval of the maturation gate then starts the next cycle. */
export async function decideRenewal(
  page: Page,
  { partnershipId, reason }: { partnershipId: string; reason: string },
) {
  await decideMaturation(page, partnershipId, 'renew', () =>
    textareaOf(page, 'maturation-reason').fill(reason),
  );
}

/** The coordinator decides to hand the partnership to a new lead, who must accept. */
export async function decideTransfer(
  page: Page,
  {
    partnershipId,
    newLeadOrganisationName,
    reason,
  }: { partnershipId: string; newLeadOrganisationName: string; reason: string },
) {
  await decideMaturation(page, partnershipId, 'transfer', async () => {
    await pickOrganisation(page, 'maturation-new-lead', newLeadOrganisationName);
    await textareaOf(page, 'maturation-reason').fill(reason);
  });
  expect(await page.getByTestId('transfer-acceptance').getAttribute('data-accepted')).toBe('false');
}

/** The coordinator decides to close with a closure report. */
export async function decideClosure(
  page: Page,
  { partnershipId, summary, documentRef }: { partnershipId: string; summary: string; documentRef?: string },
) {
  await decideMaturation(page, partnershipId, 'close', async () => {
    await textareaOf(page, 'maturation-closure-summary').fill(summary);
    if (documentRef) await inputOf(page, 'maturation-closure-document').fill(documentRef);
  });
}

/** The new lead organisation's representative accepts the transfer, in its own browser. */
export async function acceptTransfer(page: Page, { partnershipId }: { partnershipId: string }) {
  await expectStage(page, partnershipId, 'maturation');
  await untilShown(page, async () => expect(await page.getByTestId('accept-transfer').count()).toBe(1));
  await page.getByTestId('accept-transfer').click();
  await page.getByTestId('accept-transfer-submit').click();
  await eventually(async () =>
    expect(await page.getByTestId('transfer-acceptance').getAttribute('data-accepted')).toBe('true'),
  );
}

// ---------------------------------------------------------------- pause, resume, terminate

async function statusDecision(
  page: Page,
  partnershipId: string,
  kind: 'pause' | 'resume' | 'terminate',
  reason: string | undefined,
  status: 'paused' | 'active' | 'terminated',
) {
  await openPartnership(page, partnershipId, 'process');
  await page.getByTestId(`lifecycle-${kind}`).click();
  if (reason) await textareaOf(page, `${kind}-reason`).fill(reason);
  if (kind === 'terminate') await inputOf(page, 'terminate-confirm').check();
  await page.getByTestId(`${kind}-submit`).click();
  await page.getByTestId(`${kind}-modal`).waitFor({ state: 'detached' });
  await eventually(async () =>
    expect(await page.getByTestId('lifecycle-card').getAttribute('data-status')).toBe(status),
  );
}

/** The coordinator pauses the partnership with a reason. */
export const pausePartnership = (
  page: Page,
  { partnershipId, reason }: { partnershipId: string; reason: string },
) => statusDecision(page, partnershipId, 'pause', reason, 'paused');

/** The coordinator resumes a paused (or inactive) partnership. */
export const resumePartnership = (
  page: Page,
  { partnershipId, reason }: { partnershipId: string; reason?: string },
) => statusDecision(page, partnershipId, 'resume', reason, 'active');

/** The coordinator terminates the partnership, confirming it understands it ends for good. */
export const terminatePartnership = (
  page: Page,
  { partnershipId, reason }: { partnershipId: string; reason: string },
) => statusDecision(page, partnershipId, 'terminate', reason, 'terminated');
