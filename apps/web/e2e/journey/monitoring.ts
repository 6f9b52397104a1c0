import type { Locator, Page } from 'playwright-core';
import {
  principles,
  type Disaggregation,
  type Evaluation,
  type LifecycleState,
  type MonitoringPlan,
  type PartnershipIndicator,
  type Principle,
  type ProgressReport,
} from '@mitra/contracts';
import { apiUrl, eventually, inputOf, textareaOf } from '../support';

/**
 * Page objects of the partnership's monitoring tab (plan set-up, progress reports, evaluations,
 * progress chart). Each function drives the screens of one signed-in browser page, the way that
 * user would, waits for the effect and checks it through the api as the same user. They navigate
 * themselves, so a caller may hand over a page showing anything.
 */

export type MonitoringView = 'plan' | 'reports' | 'evaluations' | 'progress';

// The view is always named: without one the tab opens on set-up or on the reports, as the plan stands.
export const monitoringPath = (partnershipId: string, view: MonitoringView = 'reports') =>
  `/partnerships/${encodeURIComponent(partnershipId)}/reports?view=${view}`;

/** A GET of the api as the page's signed-in user (the session cookie goes along). */
async function apiGet<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (url) => {
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`GET ${url} gave ${response.status}`);
    return (await response.json()) as T;
  }, `/api/v1/${path}`);
}

export interface PageUser {
  id: string;
  name: string;
  role: string;
  organisationId?: string;
}

export const sessionUser = async (page: Page): Promise<PageUser> =>
  (await apiGet<{ user: PageUser }>(page, 'auth/me')).user;
export const readPlan = (page: Page, partnershipId: string) =>
  apiGet<MonitoringPlan>(page, `monitoring/partnerships/${encodeURIComponent(partnershipId)}`);
export const readLifecycleState = (page: Page, partnershipId: string) =>
  apiGet<LifecycleState>(page, `partnerships/${encodeURIComponent(partnershipId)}`);

/** Waits until the lifecycle workflow has recorded a monitoring fact (its events arrive asynchronously). */
export async function expectLifecycleFact(
  page: Page,
  partnershipId: string,
  fact: 'sdgTargetsChosen' | 'baselineFixed' | 'evaluationCompleted',
): Promise<void> {
  await eventually(
    async () => expect((await readLifecycleState(page, partnershipId)).facts[fact]).toBe(true),
    60_000,
    500,
  );
}

export async function openMonitoring(page: Page, partnershipId: string, view: MonitoringView): Promise<void> {
  await page.goto(`${apiUrl()}${monitoringPath(partnershipId, view)}`);
  await eventually(async () =>
    expect(await page.getByTestId('monitoring-page').getAttribute('data-view')).toBe(view),
  );
}

const selectOf = (scope: Page | Locator, testId: string) =>
  scope.locator(`select[data-testid="${testId}"], [data-testid="${testId}"] select`).first();

/** Picks a segment of a Mantine SegmentedControl by its value (its radio input is hidden behind the label). */
async function chooseSegment(scope: Page | Locator, testId: string, value: string): Promise<void> {
  await scope.getByTestId(testId).locator(`input[value="${value}"] + label`).click();
}

/**
 * A number as a user of the page's language types it: in Bahasa Indonesia the decimal mark is a
 * comma and a dot groups thousands, so "12.5" would be read as 125.
 */
async function typed(page: Page, value: number): Promise<string> {
  const language = await page.evaluate(() => document.documentElement.lang);
  return language === 'id' ? String(value).replace('.', ',') : String(value);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Types into a searchable (multi-)select and clicks the option whose label starts with `code`. */
async function pickCatalogueOption(page: Page, input: Locator, code: string): Promise<void> {
  await input.click();
  await input.fill(code);
  await page.getByRole('option', { name: new RegExp(`^${escapeRegExp(code)}(\\s|$)`) }).click();
}

/** Types a search into a searchable (multi-)select and reads the options it offers, as `code title`. */
export async function searchCatalogue(page: Page, input: Locator, query: string): Promise<string[]> {
  await input.click();
  await input.fill(query);
  const options = page.getByRole('option');
  await eventually(async () => expect(await options.first().isVisible()).toBe(true));
  return (await options.allTextContents()).map((label) => label.trim());
}

// ---------------------------------------------------------------- plan set-up

export interface IndicatorSetup {
  /** An SDG indicator code (1.1.1) links a catalogue indicator; a target code (1.1) a partnership-specific one. */
  code: string;
  name: string;
  unit: string;
  direction?: 'higher_is_better' | 'lower_is_better';
  accumulation?: 'cumulative' | 'per_period';
  targets: { periodNumber: number; value: number }[];
  /** Default: sex, as the form proposes. */
  disaggregations?: Disaggregation[];
  baseline?: { value: number; date: string };
}

export interface MonitoringSetup {
  /** SDG target codes, e.g. 11.6. */
  targets: string[];
  indicators: IndicatorSetup[];
  schedule?: { startsOn: string; periodMonths?: number; graceDays?: number };
}

/** Chooses the SDG targets from the catalogue and saves them (nothing to save when already chosen). */
export async function chooseSdgTargets(page: Page, partnershipId: string, targets: string[]): Promise<void> {
  await openMonitoring(page, partnershipId, 'plan');
  const section = page.getByTestId('targets-section');
  const input = inputOf(section, 'target-select');
  for (const code of targets) {
    if ((await readPlan(page, partnershipId)).sdgTargets.includes(code)) continue;
    await pickCatalogueOption(page, input, code);
  }
  await page.keyboard.press('Escape');
  const save = page.getByTestId('targets-save');
  if (await save.isEnabled()) await save.click();
  await eventually(async () => {
    for (const code of targets) expect(await page.getByTestId(`chosen-target-${code}`).count()).toBe(1);
  });
  await eventually(async () =>
    expect((await readPlan(page, partnershipId)).sdgTargets).toEqual(expect.arrayContaining(targets)),
  );
}

/** Fills the open "new indicator" form (the caller clicked `add-indicator`). */
export async function fillIndicatorForm(page: Page, indicator: IndicatorSetup): Promise<void> {
  const form = page.getByTestId('indicator-form');
  await form.waitFor();
  const fromCatalogue = indicator.code.split('.').length === 3;
  await chooseSegment(form, 'indicator-source', fromCatalogue ? 'catalogue' : 'own');
  await pickCatalogueOption(page, inputOf(form, 'indicator-sdg'), indicator.code);
  await inputOf(form, 'indicator-name').fill(indicator.name);
  await inputOf(form, 'indicator-unit').fill(indicator.unit);
  await chooseSegment(form, 'indicator-direction', indicator.direction ?? 'higher_is_better');
  await chooseSegment(form, 'indicator-accumulation', indicator.accumulation ?? 'cumulative');
  const rows = form.getByTestId('target-row');
  while ((await rows.count()) < indicator.targets.length) await form.getByTestId('add-target').click();
  while ((await rows.count()) > indicator.targets.length)
    await rows.last().getByTestId('remove-target').click();
  for (const [index, target] of indicator.targets.entries()) {
    await inputOf(rows.nth(index), 'target-period').fill(String(target.periodNumber));
    await inputOf(rows.nth(index), 'target-value').fill(await typed(page, target.value));
  }
  const wanted = indicator.disaggregations ?? ['sex'];
  const boxes = form.getByTestId('indicator-disaggregations');
  for (const dimension of ['sex', 'age_group', 'region', 'disability'] as const)
    await boxes
      .locator(`input[type="checkbox"][value="${dimension}"]`)
      .setChecked(wanted.includes(dimension));
  if (indicator.baseline) {
    await inputOf(form, 'new-baseline-value').fill(await typed(page, indicator.baseline.value));
    await inputOf(form, 'new-baseline-date').fill(indicator.baseline.date);
  }
}

/** Adds an indicator (with its baseline when given) through the form; returns it as the api stores it. */
export async function addIndicator(
  page: Page,
  partnershipId: string,
  indicator: IndicatorSetup,
): Promise<PartnershipIndicator> {
  const existing = (await readPlan(page, partnershipId)).indicators.find((i) => i.name === indicator.name);
  if (existing) return existing;
  await openMonitoring(page, partnershipId, 'plan');
  await page.getByTestId('add-indicator').click();
  await fillIndicatorForm(page, indicator);
  await page.getByTestId('indicator-submit').click();
  await page.getByTestId('indicator-form').waitFor({ state: 'detached' });
  let stored: PartnershipIndicator | undefined;
  await eventually(async () => {
    stored = (await readPlan(page, partnershipId)).indicators.find((i) => i.name === indicator.name);
    expect(stored).toMatchObject({
      sdg: { code: indicator.code },
      unit: indicator.unit,
      targets: indicator.targets,
      ...(indicator.baseline ? { baseline: indicator.baseline } : {}),
    });
  });
  const row = page.getByTestId(`setup-indicator-${stored!.id}`);
  await eventually(async () =>
    expect(await row.getAttribute('data-baseline')).toBe(indicator.baseline ? 'fixed' : 'none'),
  );
  return stored!;
}

/** Fixes the baseline of an indicator defined without one, from the list of indicators. */
export async function fixBaseline(
  page: Page,
  partnershipId: string,
  indicatorId: string,
  baseline: { value: number; date: string },
): Promise<void> {
  await openMonitoring(page, partnershipId, 'plan');
  const row = page.getByTestId(`setup-indicator-${indicatorId}`);
  await row.getByTestId('fix-baseline').click();
  await inputOf(row, 'baseline-value').fill(await typed(page, baseline.value));
  await inputOf(row, 'baseline-date').fill(baseline.date);
  await row.getByTestId('baseline-submit').click();
  await eventually(async () => expect(await row.getAttribute('data-baseline')).toBe('fixed'));
}

export async function setReportingSchedule(
  page: Page,
  partnershipId: string,
  schedule: NonNullable<MonitoringSetup['schedule']>,
): Promise<void> {
  await openMonitoring(page, partnershipId, 'plan');
  await inputOf(page, 'schedule-starts-on').fill(schedule.startsOn);
  await inputOf(page, 'schedule-period-months').fill(String(schedule.periodMonths ?? 3));
  await inputOf(page, 'schedule-grace-days').fill(String(schedule.graceDays ?? 30));
  await page.getByTestId('schedule-save').click();
  await eventually(async () =>
    expect((await readPlan(page, partnershipId)).schedule).toEqual({
      startsOn: schedule.startsOn,
      periodMonths: schedule.periodMonths ?? 3,
      graceDays: schedule.graceDays ?? 30,
    }),
  );
}

/**
 * The coordinator sets the monitoring plan up in the browser: SDG targets, indicators with targets
 * and baselines, the schedule. Waits until the checklist shows the Initiation gate's preconditions
 * (targets chosen, a baseline fixed) as recorded by the lifecycle. Returns the plan.
 */
export async function setUpMonitoring(
  page: Page,
  partnershipId: string,
  setup: MonitoringSetup,
): Promise<MonitoringPlan> {
  await chooseSdgTargets(page, partnershipId, setup.targets);
  for (const indicator of setup.indicators) await addIndicator(page, partnershipId, indicator);
  if (setup.schedule) await setReportingSchedule(page, partnershipId, setup.schedule);
  await openMonitoring(page, partnershipId, 'plan');
  const gated = ['targets', ...(setup.indicators.some((i) => i.baseline) ? ['baseline'] : [])];
  await eventually(
    async () => {
      for (const step of gated)
        expect(await page.getByTestId(`setup-step-${step}`).getAttribute('data-status')).toBe('done');
    },
    60_000,
    500,
  );
  return readPlan(page, partnershipId);
}

// ---------------------------------------------------------------- progress reports

export interface ReportedValue {
  indicatorId: string;
  total?: number;
  /**
   * Values of the breakdown rows in the form's order (fixed disaggregations come as every
   * combination, e.g. female, male); an object also fills the row's open dimensions (region, age group).
   */
  breakdown?: (number | { value: number; dimensions: Partial<Record<'region' | 'age_group', string>> })[];
}

export interface ReportInputs {
  values: ReportedValue[];
  narrative: string;
  evidenceLinks?: string[];
}

/** A partner opens a new report on its reports view. */
export async function openReportForm(page: Page, partnershipId?: string): Promise<void> {
  if (partnershipId) await openMonitoring(page, partnershipId, 'reports');
  await page.getByTestId('new-report').click();
  await page.getByTestId('report-form').waitFor();
}

/** Fills an indicator of the open report form; only what is given changes. */
export async function fillIndicatorValues(page: Page, value: ReportedValue): Promise<void> {
  const indicator = page.getByTestId(`indicator-${value.indicatorId}`);
  if (value.total !== undefined)
    await inputOf(indicator, 'indicator-total').fill(await typed(page, value.total));
  const rows = indicator.getByTestId('breakdown-row');
  for (const [index, entry] of (value.breakdown ?? []).entries()) {
    while ((await rows.count()) <= index) await indicator.getByTestId('add-row').click();
    const row = rows.nth(index);
    const { value: number, dimensions = {} } = typeof entry === 'number' ? { value: entry } : entry;
    for (const [dimension, text] of Object.entries(dimensions))
      await inputOf(row, `dimension-${dimension}`).fill(text);
    await inputOf(row, 'breakdown-value').fill(await typed(page, number));
  }
}

/** Writes the narrative and replaces the evidence links of the open report form. */
export async function fillNarrative(
  page: Page,
  inputs: Pick<ReportInputs, 'narrative' | 'evidenceLinks'>,
): Promise<void> {
  await textareaOf(page, 'report-narrative').fill(inputs.narrative);
  if (!inputs.evidenceLinks) return;
  const links = page.getByTestId('report-form').locator('[data-testid="evidence-link"]');
  while ((await links.count()) > inputs.evidenceLinks.length)
    await page.getByTestId('report-form').getByTestId('remove-link').last().click();
  for (const [index, link] of inputs.evidenceLinks.entries()) {
    if ((await links.count()) <= index) await page.getByTestId('add-link').click();
    await links.nth(index).fill(link);
  }
}

/** The newest revision of a period's report by an organisation, once the api has it. */
async function latestReport(
  page: Page,
  partnershipId: string,
  organisationId: string,
  periodNumber: number,
): Promise<ProgressReport> {
  const reports = (await readPlan(page, partnershipId)).reports
    .filter((r) => r.organisationId === organisationId && r.periodNumber === periodNumber)
    .sort((a, b) => b.revision - a.revision);
  if (!reports[0]) throw new Error(`No report for period ${periodNumber} of ${organisationId}`);
  return reports[0];
}

/** Sends the open report form and waits until the period shows it awaiting review; returns it. */
export async function sendReport(page: Page, partnershipId: string): Promise<ProgressReport> {
  const periodNumber = Number(await inputOf(page, 'report-period').inputValue());
  const user = await sessionUser(page);
  const before = await readPlan(page, partnershipId);
  await page.getByTestId('report-submit').click();
  await page.getByTestId('report-form').waitFor({ state: 'detached' });
  await eventually(async () =>
    expect(
      await page
        .getByTestId(`period-${periodNumber}`)
        .locator('[data-status]')
        .first()
        .getAttribute('data-status'),
    ).toBe('submitted'),
  );
  const report = await latestReport(page, partnershipId, user.organisationId!, periodNumber);
  expect(before.reports.some((r) => r.id === report.id)).toBe(false);
  expect(report).toMatchObject({ status: 'submitted', submittedBy: user.id });
  return report;
}

/** A partner reports for its own organisation: the next period's report, filled and sent. */
export async function submitReport(
  page: Page,
  partnershipId: string,
  inputs: ReportInputs,
): Promise<ProgressReport> {
  await openReportForm(page, partnershipId);
  for (const value of inputs.values) await fillIndicatorValues(page, value);
  await fillNarrative(page, inputs);
  return sendReport(page, partnershipId);
}

/**
 * A partner opens the next revision of a returned report (the form starts from the returned one),
 * after reading the coordinator's reason, checked when given.
 */
export async function openRevision(
  page: Page,
  partnershipId: string,
  periodNumber: number,
  expectReason?: string,
): Promise<void> {
  const period = page.getByTestId(`period-${periodNumber}`);
  await eventually(async () => {
    await openMonitoring(page, partnershipId, 'reports');
    expect(await period.locator('[data-status]').first().getAttribute('data-status')).toBe('returned');
  });
  if (expectReason)
    expect(await period.getByTestId('return-reason').first().textContent()).toContain(expectReason);
  await period.getByTestId('revise-report').click();
  await page.getByTestId('report-form').waitFor();
}

/** A partner answers a returned report: opens its revision, changes what is given and sends it. */
export async function reviseReport(
  page: Page,
  partnershipId: string,
  periodNumber: number,
  change: Partial<ReportInputs> & { expectReason?: string },
): Promise<ProgressReport> {
  await openRevision(page, partnershipId, periodNumber, change.expectReason);
  for (const value of change.values ?? []) await fillIndicatorValues(page, value);
  if (change.narrative)
    await fillNarrative(page, { narrative: change.narrative, evidenceLinks: change.evidenceLinks });
  return sendReport(page, partnershipId);
}

export interface ReportChoice {
  organisationId?: string;
  periodNumber?: number;
}

/** The oldest report awaiting review (as the coordinator's queue orders them), narrowed by `which`. */
async function reportToReview(
  page: Page,
  partnershipId: string,
  which: ReportChoice,
): Promise<ProgressReport> {
  let found: ProgressReport | undefined;
  await eventually(async () => {
    found = (await readPlan(page, partnershipId)).reports
      .filter(
        (r) =>
          r.status === 'submitted' &&
          (!which.organisationId || r.organisationId === which.organisationId) &&
          (!which.periodNumber || r.periodNumber === which.periodNumber),
      )
      .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt))[0];
    expect(found).toBeDefined();
  });
  return found!;
}

async function review(
  page: Page,
  partnershipId: string,
  which: ReportChoice,
  act: (item: Locator) => Promise<void>,
  status: 'approved' | 'returned',
): Promise<ProgressReport> {
  const report = await reportToReview(page, partnershipId, which);
  const item = page.getByTestId(`review-${report.id}`);
  await eventually(async () => {
    await openMonitoring(page, partnershipId, 'reports');
    await item.waitFor({ timeout: 5_000 });
  });
  await act(item);
  await item.waitFor({ state: 'detached' });
  let reviewed: ProgressReport | undefined;
  await eventually(async () => {
    reviewed = (await readPlan(page, partnershipId)).reports.find((r) => r.id === report.id);
    expect(reviewed?.status).toBe(status);
  });
  return reviewed!;
}

/** The coordinator returns a submitted report with a reason the partner reads. */
export function returnReport(
  page: Page,
  partnershipId: string,
  reason: string,
  which: ReportChoice = {},
): Promise<ProgressReport> {
  return review(
    page,
    partnershipId,
    which,
    async (item) => {
      await item.getByTestId('return-open').click();
      await textareaOf(item, 'return-reason-input').fill(reason);
      await item.getByTestId('return-submit').click();
    },
    'returned',
  );
}

/** The coordinator approves a submitted report; its period is then locked. */
export function approveReport(
  page: Page,
  partnershipId: string,
  which: ReportChoice = {},
): Promise<ProgressReport> {
  return review(page, partnershipId, which, (item) => item.getByTestId('approve-report').click(), 'approved');
}

/** The progress chart's summary line of an indicator (against its baseline and target). */
export async function progressSummary(
  page: Page,
  partnershipId: string,
  indicatorId: string,
): Promise<string> {
  await openMonitoring(page, partnershipId, 'progress');
  const chart = page.getByTestId(`chart-${indicatorId}`);
  await chart.waitFor();
  return ((await chart.getByTestId('chart-progress').textContent()) ?? '').trim();
}

// ---------------------------------------------------------------- evaluations

export type Scores = Partial<Record<Principle | 'results', number>>;

export interface AssessmentInputs {
  /** 1–5 per principle and for the results; 4 where not given. */
  scores?: Scores;
  comment: string;
}

export interface CompletionInputs {
  findings: string;
  worked: string[];
  failed: string[];
  actions?: { action: string; ownerOrganisationId: string; dueDate?: string }[];
}

const evaluationByTitle = async (page: Page, partnershipId: string, title: string) =>
  ((await readPlan(page, partnershipId)).evaluations ?? [])
    .filter((evaluation) => evaluation.title === title)
    .sort((a, b) => b.openedAt.localeCompare(a.openedAt))[0];

/**
 * The coordinator opens an evaluation with these users on its panel, each standing for its
 * organisation's group on the stakeholder map, which the form shows and nobody types. Checks that the
 * panel covers every group unless told otherwise.
 */
export async function startEvaluation(
  page: Page,
  partnershipId: string,
  evaluation: { title: string; memberUserIds: string[]; requireCoverage?: boolean },
): Promise<Evaluation> {
  await openMonitoring(page, partnershipId, 'evaluations');
  await page.getByTestId('start-evaluation').click();
  const form = page.getByTestId('evaluation-form');
  await form.waitFor();
  await inputOf(form, 'evaluation-title').fill(evaluation.title);
  for (const userId of evaluation.memberUserIds) {
    const row = form.getByTestId(`panel-candidate-${userId}`);
    if ((await row.count()) === 0) throw new Error(`The panel form does not offer user ${userId}`);
    await inputOf(row, 'panel-member-toggle').check();
    expect(await row.getByTestId('panel-member-group').getAttribute('data-group')).not.toBe('');
  }
  if (evaluation.requireCoverage ?? true)
    expect(await form.getByTestId('panel-coverage').getAttribute('data-covered')).toBe('true');
  await form.getByTestId('evaluation-submit').click();
  await form.waitFor({ state: 'detached' });
  let opened: Evaluation | undefined;
  await eventually(async () => {
    opened = await evaluationByTitle(page, partnershipId, evaluation.title);
    expect(opened?.status).toBe('open');
  });
  expect(opened!.panel.map((member) => member.userId).sort()).toEqual([...evaluation.memberUserIds].sort());
  await page.getByTestId(`evaluation-${opened!.id}`).waitFor();
  return opened!;
}

/** A panel member, in their own browser, scores the principles and the results for their seat. */
export async function assessEvaluation(
  page: Page,
  partnershipId: string,
  evaluationId: string,
  inputs: AssessmentInputs,
): Promise<Evaluation> {
  const user = await sessionUser(page);
  const card = page.getByTestId(`evaluation-${evaluationId}`);
  const form = card.getByTestId('assessment-form');
  await eventually(async () => {
    await openMonitoring(page, partnershipId, 'evaluations');
    await form.waitFor({ timeout: 5_000 });
  });
  for (const criterion of [...principles, 'results'] as const) {
    const score = inputs.scores?.[criterion] ?? 4;
    await form.getByTestId(`score-${criterion}`).locator(`input[value="${score}"] + label`).click();
  }
  await textareaOf(form, 'assessment-comment').fill(inputs.comment);
  await form.getByTestId('assessment-submit').click();
  await eventually(async () =>
    expect(await card.getByTestId(`panel-member-${user.id}`).getAttribute('data-assessed')).toBe('true'),
  );
  const evaluation = ((await readPlan(page, partnershipId)).evaluations ?? []).find(
    (e) => e.id === evaluationId,
  )!;
  expect(evaluation.assessments.find((a) => a.userId === user.id)).toMatchObject({ comment: inputs.comment });
  return evaluation;
}

/** The coordinator completes an evaluation everyone assessed, with findings, lessons and actions. */
export async function completeEvaluation(
  page: Page,
  partnershipId: string,
  evaluationId: string,
  inputs: CompletionInputs,
): Promise<Evaluation> {
  const card = page.getByTestId(`evaluation-${evaluationId}`);
  const form = card.getByTestId('completion-form');
  await eventually(async () => {
    await openMonitoring(page, partnershipId, 'evaluations');
    await form.waitFor({ timeout: 5_000 });
  });
  await textareaOf(form, 'completion-findings').fill(inputs.findings);
  for (const kind of ['worked', 'failed'] as const) {
    const list = form.getByTestId(`lessons-${kind}`);
    const lessons = list.locator('textarea[data-testid="lesson"]');
    while ((await lessons.count()) > inputs[kind].length)
      await list.getByTestId('remove-lesson').last().click();
    for (const [index, lesson] of inputs[kind].entries()) {
      if ((await lessons.count()) <= index) await form.getByTestId(`add-lesson-${kind}`).click();
      await lessons.nth(index).fill(lesson);
    }
  }
  for (const [index, action] of (inputs.actions ?? []).entries()) {
    await form.getByTestId('add-action').click();
    const row = form.getByTestId('improvement-action').nth(index);
    await inputOf(row, 'action-text').fill(action.action);
    await selectOf(row, 'action-owner').selectOption(action.ownerOrganisationId);
    if (action.dueDate) await inputOf(row, 'action-due').fill(action.dueDate);
  }
  await form.getByTestId('completion-submit').click();
  await eventually(async () => expect(await card.getAttribute('data-status')).toBe('completed'));
  const evaluation = ((await readPlan(page, partnershipId)).evaluations ?? []).find(
    (e) => e.id === evaluationId,
  )!;
  expect(evaluation).toMatchObject({
    status: 'completed',
    completion: { findings: inputs.findings, lessons: { worked: inputs.worked, failed: inputs.failed } },
  });
  return evaluation;
}

export interface EvaluationRun {
  title: string;
  /** What each panel member answers; by default 4 for everything and a short comment. */
  assessment?: (member: PageUser) => AssessmentInputs;
  completion: CompletionInputs;
  /** The coordinator sits on the panel for its own organisation (default true). */
  coordinatorOnPanel?: boolean;
}

/**
 * A whole evaluation: the coordinator opens it with a panel of itself (unless told not to) and the
 * users of `memberPages`, each member assesses in their own browser, and the coordinator completes
 * it. Returns the completed evaluation; the lifecycle learns of it through
 * `monitoring.evaluation.completed` (see `expectLifecycleFact`).
 */
export async function runEvaluation(
  coordinatorPage: Page,
  memberPages: Page[],
  partnershipId: string,
  run: EvaluationRun,
): Promise<Evaluation> {
  const panelPages = [...((run.coordinatorOnPanel ?? true) ? [coordinatorPage] : []), ...memberPages];
  const members = await Promise.all(panelPages.map(sessionUser));
  const opened = await startEvaluation(coordinatorPage, partnershipId, {
    title: run.title,
    memberUserIds: members.map((member) => member.id),
  });
  for (const [index, page] of panelPages.entries()) {
    const answer = run.assessment?.(members[index]) ?? {
      comment: `Penilaian ${members[index].name}: kemitraan berjalan sesuai rencana.`,
    };
    await assessEvaluation(page, partnershipId, opened.id, answer);
  }
  return completeEvaluation(coordinatorPage, partnershipId, opened.id, run.completion);
}
