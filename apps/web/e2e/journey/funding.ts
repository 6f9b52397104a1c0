import type { Locator, Page } from 'playwright-core';
import type { FundingPlanInput } from '@mitra/contracts';
import { apiUrl, eventually } from '../support';

/**
 * The funding screens (`/partnerships/:id/funding`, tab "Pendanaan") driven as a user would, for any
 * spec: each function opens the section it needs, acts, and waits until the page shows the effect.
 * Another member's change reaches an open page by itself (it re-reads the ledger), so the checks wait.
 */

export type FundingSection = 'plan' | 'commitments' | 'ledger' | 'movements';

const fundingPath = (partnershipId: string) => `/partnerships/${encodeURIComponent(partnershipId)}/funding`;

/** An input, select or textarea, whether the test id sits on the control itself or on its wrapper. */
const controlOf = (scope: Page | Locator, testId: string) =>
  scope
    .locator(
      `:is(input, select, textarea)[data-testid="${testId}"], [data-testid="${testId}"] :is(input, select, textarea)`,
    )
    .first();

/** Opens a section of the funding tab: in place when the page is already on it, else by its address. */
export async function openFunding(page: Page, partnershipId: string, section: FundingSection = 'plan') {
  const onTab = new URL(page.url()).pathname === fundingPath(partnershipId);
  if (!onTab) {
    await page.goto(
      `${apiUrl()}${fundingPath(partnershipId)}${section === 'plan' ? '' : `?view=${section}`}`,
    );
  }
  await page.getByTestId('funding-tab').waitFor();
  await page.getByTestId(`funding-view-${section}`).click();
  await eventually(async () =>
    expect(await page.getByTestId(`funding-view-${section}`).getAttribute('aria-selected')).toBe('true'),
  );
}

/** The error the form shows under a control (the api's reason, or the web's own), or null. */
export async function fieldError(scope: Page | Locator, testId: string): Promise<string | null> {
  const described = (await controlOf(scope, testId).getAttribute('aria-describedby')) ?? '';
  const errorId = described.split(/\s+/).find((id) => id.endsWith('-error'));
  if (!errorId) return null;
  const page = 'page' in scope ? scope.page() : scope;
  return (await page.locator(`[id="${errorId}"]`).textContent())?.trim() ?? null;
}

const fill = (scope: Page | Locator, testId: string, value: string | number) =>
  controlOf(scope, testId).fill(String(value));
const choose = (scope: Page | Locator, testId: string, value: string) =>
  controlOf(scope, testId).selectOption(value);

/** Chooses an organisation; one outside the partnership is first found in the registry by its name. */
async function chooseOrganisation(
  scope: Locator,
  testId: string,
  organisation: { id: string; name?: string },
): Promise<void> {
  const select = controlOf(scope, testId);
  const listed = async () => (await select.locator(`option[value="${organisation.id}"]`).count()) > 0;
  if (!(await listed())) {
    if (!organisation.name)
      throw new Error(`${organisation.id} is not offered in ${testId}: give its name to find it`);
    await fill(scope, `${testId}-search`, organisation.name);
    await eventually(async () => expect(await listed()).toBe(true));
  }
  await select.selectOption(organisation.id);
}

/** Makes a form list hold `count` rows (`<prefix>0`, `<prefix>1`, …), adding or removing at its end. */
async function rowsOf(
  form: Locator,
  count: number,
  row: { prefix: string; add: string; removePrefix: string },
) {
  let rows = await form.locator(`:is(input, select)[data-testid^="${row.prefix}"]`).count();
  while (rows < count) {
    await form.getByTestId(row.add).click();
    await controlOf(form, `${row.prefix}${rows}`).waitFor();
    rows += 1;
  }
  while (rows > count) {
    rows -= 1;
    await form.getByTestId(`${row.removePrefix}${rows}`).click();
    await controlOf(form, `${row.prefix}${rows}`).waitFor({ state: 'detached' });
  }
}

// ---------------------------------------------------------------- the plan

/** Fills the plan form (opening it when needed) with exactly this plan; does not submit. */
export async function fillFundingPlan(
  page: Page,
  partnershipId: string,
  plan: FundingPlanInput,
): Promise<Locator> {
  const form = page.getByTestId('plan-form');
  if (!(await form.isVisible())) {
    await openFunding(page, partnershipId, 'plan');
    await page.getByTestId('plan-edit').click();
  }
  await form.waitFor();
  await controlOf(form, `plan-mechanism-${plan.mechanism}`).check();
  if (plan.fundHolderOrganisationId) await choose(form, 'plan-fund-holder', plan.fundHolderOrganisationId);

  const shares = plan.shares ?? [];
  if (plan.mechanism === 'co_funding') {
    await rowsOf(form, shares.length, {
      prefix: 'plan-share-percent-',
      add: 'plan-share-add',
      removePrefix: 'plan-share-remove-',
    });
    for (const [i, share] of shares.entries()) {
      await choose(form, `plan-share-org-${i}`, share.organisationId);
      await fill(form, `plan-share-percent-${i}`, String(share.percent).replace('.', ','));
    }
  }

  await controlOf(form, 'plan-governance-custom').setChecked(plan.governance !== undefined);
  if (plan.governance) {
    await fill(form, 'plan-approvals-required', plan.governance.approvalsRequired);
    await fill(form, 'plan-distinct-organisations', plan.governance.distinctOrganisations);
  }

  const ceilings = plan.ceilings ?? [];
  await rowsOf(form, ceilings.length, {
    prefix: 'plan-ceiling-sector-',
    add: 'plan-ceiling-add',
    removePrefix: 'plan-ceiling-remove-',
  });
  for (const [i, ceiling] of ceilings.entries()) {
    await choose(form, `plan-ceiling-sector-${i}`, ceiling.sector);
    await fill(form, `plan-ceiling-max-${i}`, ceiling.maxPerOrganisationPerYear);
    await controlOf(form, `plan-ceiling-cash-${i}`).setChecked(ceiling.cashAllowed ?? false);
  }

  await rowsOf(form, plan.lines.length, {
    prefix: 'plan-line-id-',
    add: 'plan-line-add',
    removePrefix: 'plan-line-remove-',
  });
  for (const [i, line] of plan.lines.entries()) {
    await fill(form, `plan-line-id-${i}`, line.id);
    await fill(form, `plan-line-activity-${i}`, line.activity);
    await fill(form, `plan-line-amount-${i}`, line.amount);
    await fill(form, `plan-line-year-${i}`, line.year);
    await fill(form, `plan-line-sdg-${i}`, line.sdgTargets.join(', '));
    await choose(form, `plan-line-org-${i}`, line.responsibleOrganisationId);
    await choose(form, `plan-line-source-${i}`, line.source.kind);
    if (line.source.kind === 'csr') await choose(form, `plan-line-csr-${i}`, line.source.field);
    if (line.source.kind === 'blended')
      await choose(form, `plan-line-instrument-${i}`, line.source.instrument);
  }
  return form;
}

/** Sets the plan through the form and waits until the page shows its new version; returns the version. */
export async function setFundingPlan(
  page: Page,
  partnershipId: string,
  plan: FundingPlanInput,
): Promise<number> {
  const form = await fillFundingPlan(page, partnershipId, plan);
  const before = Number(await page.getByTestId('funding-tab').getAttribute('data-plan-version'));
  await form.getByTestId('plan-submit').click();
  const view = page.getByTestId('plan-view');
  await view.waitFor();
  await eventually(async () => {
    expect(await view.getAttribute('data-mechanism')).toBe(plan.mechanism);
    expect(Number(await view.getAttribute('data-version'))).toBe(before + 1);
    expect(
      await view
        .getByTestId('plan-line')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-line-id'))),
    ).toEqual(plan.lines.map((line) => line.id));
  });
  return Number(await view.getAttribute('data-version'));
}

// ---------------------------------------------------------------- commitments

export interface CommitmentInForm {
  amountIdr: number;
  kind?: 'cash' | 'in_kind';
  /** What an in-kind contribution is. */
  description?: string;
  /** For a coordinator only: a partner representative's form is fixed to its own organisation. */
  organisationId?: string;
  /** Left out: one instalment of the whole amount, due on `dueOn`. */
  schedule?: Array<{ dueOn: string; amountIdr?: number; periodNumber?: number }>;
  dueOn?: string;
  note?: string;
}

/** Fills and submits the commitment form, whatever the answer. */
export async function submitCommitment(
  page: Page,
  partnershipId: string,
  commitment: CommitmentInForm,
): Promise<Locator> {
  await openFunding(page, partnershipId, 'commitments');
  const form = page.getByTestId('commitment-form');
  await form.waitFor();
  if (commitment.organisationId) await choose(form, 'commit-organisation-select', commitment.organisationId);
  await controlOf(form, `commit-kind-${commitment.kind ?? 'cash'}`).check();
  await fill(form, 'commit-amount', commitment.amountIdr);
  if (commitment.kind === 'in_kind') await fill(form, 'commit-description', commitment.description ?? '');
  const schedule = commitment.schedule ?? [{ dueOn: commitment.dueOn ?? '2026-11-01' }];
  while ((await form.getByTestId('commit-instalment').count()) < schedule.length)
    await form.getByTestId('commit-instalment-add').click();
  for (const [i, instalment] of schedule.entries()) {
    await fill(form, `commit-due-${i}`, instalment.dueOn);
    await fill(form, `commit-instalment-${i}`, instalment.amountIdr ?? '');
    if (instalment.periodNumber !== undefined)
      await fill(form, `commit-period-${i}`, instalment.periodNumber);
  }
  if (commitment.note) await fill(form, 'commit-note', commitment.note);
  await form.getByTestId('commit-submit').click();
  return form;
}

/** Records a commitment through the form; returns its ledger sequence once the list shows it. */
export async function commit(
  page: Page,
  partnershipId: string,
  commitment: CommitmentInForm,
): Promise<number> {
  const marker = page.getByTestId('commit-recorded');
  const before = (await marker.count()) > 0 ? await marker.getAttribute('data-sequence') : null;
  await submitCommitment(page, partnershipId, commitment);
  let sequence = 0;
  await eventually(async () => {
    const recorded = await marker.getAttribute('data-sequence', { timeout: 1_000 });
    expect(recorded).not.toBe(before);
    sequence = Number(recorded);
  });
  await page.locator(`[data-testid="commitment"][data-sequence="${sequence}"]`).waitFor();
  return sequence;
}

/** A partner representative's form names its own organisation and offers no other. */
export async function expectCommitsOnlyFor(page: Page, partnershipId: string, organisationId: string) {
  await openFunding(page, partnershipId, 'commitments');
  const form = page.getByTestId('commitment-form');
  await form.waitFor();
  expect(await form.getByTestId('commit-organisation').getAttribute('data-organisation-id')).toBe(
    organisationId,
  );
  expect(await form.getByTestId('commit-organisation-select').count()).toBe(0);
  expect(await form.locator('select').count()).toBe(0);
}

/** Every commitment the list shows, in its order. */
export async function commitments(page: Page, partnershipId: string) {
  await openFunding(page, partnershipId, 'commitments');
  return page.getByTestId('commitment').evaluateAll((rows) =>
    rows.map((row) => ({
      sequence: Number(row.getAttribute('data-sequence')),
      organisationId: row.getAttribute('data-organisation-id'),
      kind: row.getAttribute('data-kind'),
      value: row.querySelector('[data-testid="commitment-value"]')?.textContent?.replace(/\s/g, ' ') ?? null,
      reversed: row.getAttribute('data-reversed') === 'true',
    })),
  );
}

/** Asks to release a results-gated tranche (`<commitment>.<instalment>`), whatever the answer. */
export async function submitTrancheRelease(
  page: Page,
  partnershipId: string,
  trancheId: string,
): Promise<Locator> {
  await openFunding(page, partnershipId, 'commitments');
  const tranche = page.locator(`[data-testid="tranche"][data-tranche-id="${trancheId}"]`);
  await tranche.getByTestId(`release-${trancheId}`).click();
  return tranche;
}

/** Releases a tranche whose period's report monitoring has approved; waits until it shows released. */
export async function releaseTranche(page: Page, partnershipId: string, trancheId: string): Promise<void> {
  const tranche = await submitTrancheRelease(page, partnershipId, trancheId);
  await eventually(async () => expect(await tranche.getAttribute('data-releasable')).toBe('true'));
}

/**
 * The plan shows as committed (the service announced `funding.plan.committed`) and the lifecycle has
 * taken it in for the Formation gate; waits for both, as they arrive from other members' browsers.
 */
export async function expectCommitted(page: Page, partnershipId?: string) {
  if (partnershipId) await openFunding(page, partnershipId, 'plan');
  await eventually(async () => {
    expect(await page.getByTestId('funding-status').getAttribute('data-status')).toBe('committed');
    expect(await page.getByTestId('formation-funding').getAttribute('data-met')).toBe('true');
  }, 60_000);
}

// ---------------------------------------------------------------- money movements

/** Waits for the movements section to confirm an entry of this kind newer than `before`; returns its sequence. */
async function recordedEntry(page: Page, kind: string, before: string | null): Promise<number> {
  const marker = page.getByTestId('movement-recorded');
  let sequence = 0;
  await eventually(async () => {
    expect(await marker.getAttribute('data-kind', { timeout: 1_000 })).toBe(kind);
    const recorded = await marker.getAttribute('data-sequence', { timeout: 1_000 });
    expect(recorded).not.toBe(before);
    sequence = Number(recorded);
  });
  return sequence;
}

const lastRecorded = async (page: Page) => {
  const marker = page.getByTestId('movement-recorded');
  return (await marker.count()) > 0 ? marker.getAttribute('data-sequence') : null;
};

export interface ReceiptInForm {
  commitment: number;
  amountIdr: number;
  receivedOn: string;
  reference: string;
}

export async function recordReceipt(
  page: Page,
  partnershipId: string,
  receipt: ReceiptInForm,
): Promise<number> {
  await openFunding(page, partnershipId, 'movements');
  const before = await lastRecorded(page);
  const form = page.getByTestId('receipt-form');
  await eventually(async () =>
    expect(await form.locator(`option[value="${receipt.commitment}"]`).count()).toBe(1),
  );
  await choose(form, 'receipt-commitment', String(receipt.commitment));
  await fill(form, 'receipt-amount', receipt.amountIdr);
  await fill(form, 'receipt-date', receipt.receivedOn);
  await fill(form, 'receipt-reference', receipt.reference);
  await form.getByTestId('receipt-submit').click();
  return recordedEntry(page, 'receipt', before);
}

export interface DisbursementInForm {
  lineId: string;
  amountIdr: number;
  purpose: string;
  /** For a coordinator; a partner representative's request is for its own organisation. */
  requestingOrganisationId?: string;
  /** Co-funding only: whose share pays. */
  payingOrganisationId?: string;
  /** An organisation outside the partnership is found in the registry by `receivingOrganisationName`. */
  receivingOrganisationId: string;
  receivingOrganisationName?: string;
}

/** Fills and submits the request form, whatever the answer. */
export async function submitDisbursementRequest(
  page: Page,
  partnershipId: string,
  request: DisbursementInForm,
): Promise<Locator> {
  await openFunding(page, partnershipId, 'movements');
  const form = page.getByTestId('request-form');
  await form.waitFor();
  await choose(form, 'request-line', request.lineId);
  await fill(form, 'request-amount', request.amountIdr);
  await fill(form, 'request-purpose', request.purpose);
  if (request.requestingOrganisationId)
    await choose(form, 'request-requester-select', request.requestingOrganisationId);
  if (request.payingOrganisationId) await choose(form, 'request-payer', request.payingOrganisationId);
  await chooseOrganisation(form, 'request-receiver', {
    id: request.receivingOrganisationId,
    name: request.receivingOrganisationName,
  });
  await form.getByTestId('request-submit').click();
  return form;
}

/** Requests a disbursement; returns the request's sequence once its card shows. */
export async function requestDisbursement(
  page: Page,
  partnershipId: string,
  request: DisbursementInForm,
): Promise<number> {
  await openFunding(page, partnershipId, 'movements');
  const before = await lastRecorded(page);
  await submitDisbursementRequest(page, partnershipId, request);
  const sequence = await recordedEntry(page, 'disbursement_request', before);
  await requestCard(page, sequence).waitFor();
  return sequence;
}

const requestCard = (page: Page, sequence: number) =>
  page.locator(`[data-testid="disbursement-request"][data-sequence="${sequence}"]`);

/** Approves as the signed-in user and waits until the card lists the approval. */
export async function approveDisbursement(
  page: Page,
  partnershipId: string,
  sequence: number,
): Promise<void> {
  await openFunding(page, partnershipId, 'movements');
  const card = requestCard(page, sequence);
  // The approvals are counted once the card shows its request's data (the approve button comes with it).
  await card.getByTestId(`approve-${sequence}`).waitFor();
  const approvals = await card.getByTestId('approval').count();
  await card.getByTestId(`approve-${sequence}`).click();
  await eventually(async () => {
    expect(await card.getByTestId('approval').count()).toBe(approvals + 1);
    expect(await card.getByTestId(`approve-${sequence}`).count()).toBe(0);
  });
}

/** The request as its card shows it: status, the approvers' organisations, whether this user may approve. */
export async function disbursementRequest(page: Page, partnershipId: string, sequence: number) {
  await openFunding(page, partnershipId, 'movements');
  const card = requestCard(page, sequence);
  await card.waitFor();
  return {
    status: await card.getAttribute('data-status'),
    approvedBy: await card.getByTestId('approval').evaluateAll((rows) =>
      rows.map((row) => ({
        userId: row.getAttribute('data-user-id'),
        organisationId: row.getAttribute('data-organisation-id'),
      })),
    ),
    mayApprove: (await card.getByTestId(`approve-${sequence}`).count()) > 0,
    requestedByMe: (await card.getByTestId('requester-note').count()) > 0,
  };
}

/** Waits until the request reaches this status (another member's approval arrives by itself). */
export async function expectRequestStatus(
  page: Page,
  partnershipId: string,
  sequence: number,
  status: string,
) {
  await openFunding(page, partnershipId, 'movements');
  await eventually(async () =>
    expect(await requestCard(page, sequence).getAttribute('data-status')).toBe(status),
  );
}

/** Pays an approved request; returns the payment's sequence. */
export async function payDisbursement(
  page: Page,
  partnershipId: string,
  sequence: number,
  payment: { paidOn: string; reference: string },
): Promise<number> {
  await openFunding(page, partnershipId, 'movements');
  const before = await lastRecorded(page);
  const form = page.getByTestId(`payment-form-${sequence}`);
  await form.waitFor();
  await fill(form, `pay-date-${sequence}`, payment.paidOn);
  await fill(form, `pay-reference-${sequence}`, payment.reference);
  await form.getByTestId(`pay-${sequence}`).click();
  const paid = await recordedEntry(page, 'payment', before);
  await eventually(async () =>
    expect(await requestCard(page, sequence).getAttribute('data-status')).toBe('paid'),
  );
  return paid;
}

export interface ExpenditureInForm {
  payment: number;
  amountIdr: number;
  spentOn: string;
  receivingOrganisationId: string;
  receivingOrganisationName?: string;
  link?: string;
  documentReference?: string;
  description: string;
}

export async function recordExpenditure(
  page: Page,
  partnershipId: string,
  expenditure: ExpenditureInForm,
): Promise<number> {
  await openFunding(page, partnershipId, 'movements');
  const before = await lastRecorded(page);
  const form = page.getByTestId('expenditure-form');
  await eventually(async () =>
    expect(await form.locator(`option[value="${expenditure.payment}"]`).count()).toBe(1),
  );
  await choose(form, 'spend-payment', String(expenditure.payment));
  await fill(form, 'spend-amount', expenditure.amountIdr);
  await fill(form, 'spend-date', expenditure.spentOn);
  await chooseOrganisation(form, 'spend-receiver', {
    id: expenditure.receivingOrganisationId,
    name: expenditure.receivingOrganisationName,
  });
  if (expenditure.link) await fill(form, 'spend-link', expenditure.link);
  if (expenditure.documentReference) await fill(form, 'spend-reference', expenditure.documentReference);
  await fill(form, 'spend-description', expenditure.description);
  await form.getByTestId('spend-submit').click();
  return recordedEntry(page, 'expenditure', before);
}

/** Reverses an entry from the ledger with a reason; waits until the ledger marks it reversed. */
export async function reverseEntry(page: Page, partnershipId: string, sequence: number, reason: string) {
  await openFunding(page, partnershipId, 'ledger');
  await page.getByTestId(`reverse-${sequence}`).click();
  const form = page.getByTestId('reversal-form');
  await fill(form, 'reversal-reason', reason);
  await form.getByTestId('reversal-submit').click();
  await form.waitFor({ state: 'detached' });
  await eventually(async () =>
    expect(
      await page
        .locator(`[data-testid="ledger-row"][data-sequence="${sequence}"]`)
        .getAttribute('data-reversed'),
    ).toBe('true'),
  );
}

// ---------------------------------------------------------------- reading

/** The ledger as the page lists it, the newest entry first; amounts as shown (`Rp 1.250.000`). */
export async function ledgerEntries(page: Page, partnershipId: string) {
  await openFunding(page, partnershipId, 'ledger');
  await page.getByTestId('funding-ledger').waitFor({ timeout: 60_000 });
  return page.getByTestId('ledger-row').evaluateAll((rows) =>
    rows.map((row) => ({
      sequence: Number(row.getAttribute('data-sequence')),
      kind: row.getAttribute('data-kind'),
      amount: row.querySelector('[data-testid="ledger-amount"]')?.textContent?.replace(/\s/g, ' ') ?? null,
      when: row.querySelector('[data-testid="ledger-when"]')?.textContent ?? '',
      recordedBy: row.querySelector('[data-testid="recorded-by"]')?.textContent ?? '',
      reversed: row.getAttribute('data-reversed') === 'true',
    })),
  );
}

/** The balance figures as shown (`Rp 125.000.000`). */
export async function balance(page: Page, partnershipId: string) {
  await openFunding(page, partnershipId, 'ledger');
  const figure = async (name: string) =>
    ((await page.getByTestId(`balance-${name}`).textContent()) ?? '').replace(/\s/g, ' ');
  return {
    received: await figure('received'),
    reserved: await figure('reserved'),
    disbursed: await figure('disbursed'),
    available: await figure('available'),
  };
}

/** Waits until the ledger shows the balance (another member's movement arrives by itself). */
export async function expectBalance(
  page: Page,
  partnershipId: string,
  expected: Partial<Awaited<ReturnType<typeof balance>>>,
) {
  await eventually(async () => expect(await balance(page, partnershipId)).toMatchObject(expected));
}

/** Every section shows, none offers a form or an action (the tabs aside): how an auditor reads it. */
export async function expectReadOnly(page: Page, partnershipId: string) {
  await openFunding(page, partnershipId, 'plan');
  expect(await page.getByTestId('funding-view-movements').count()).toBe(0);
  for (const section of ['plan', 'commitments', 'ledger'] as const) {
    await openFunding(page, partnershipId, section);
    const tab = page.getByTestId('funding-tab');
    await tab.locator('[role="tabpanel"]').filter({ visible: true }).first().waitFor();
    if (section === 'ledger') await page.getByTestId('funding-ledger').waitFor({ timeout: 60_000 });
    expect(await tab.locator('form, button:not([role="tab"]), input, select, textarea').count()).toBe(0);
  }
}
