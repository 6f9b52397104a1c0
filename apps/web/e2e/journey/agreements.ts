import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import type {
  AgreementFields,
  AgreementKind,
  ContributionKind,
  DecisionRule,
  Frequency,
  FundingMechanism,
  SigningKey,
  SigningMode,
} from '@mitra/contracts';
import type { SignedInUser } from '@mitra/testing';
import { apiUrl, eventually, inputOf, text, textareaOf } from '../support';

/**
 * The agreement screens driven as their users drive them: a coordinator drafts, revises and opens an
 * MoU (or PKS) for signing; a partner representative enrols a key in its browser and signs. Each step
 * navigates to its own page and waits for its effect, so a journey may call them in any order, from
 * any browser profile signed in as the right person.
 */

export interface PartyInput {
  organisationId: string;
  /** The account that signs for the organisation (only its key can sign). */
  signatoryUserId: string;
  /** Replace the signatory pre-filled from the partnership's representative. */
  signatoryName?: string;
  signatoryTitle?: string;
  responsibilities?: string[];
  /** Replace the party's contributions. */
  contributions?: Array<{ kind: ContributionKind; description: string; amountIdr?: number }>;
}

/** What a journey changes in the draft form; what it leaves out stays as the form had it. */
export interface DraftChange {
  title?: string;
  place?: string;
  mouReference?: string;
  /** The parties by organisation; a pre-filled party not named here is left out of the draft. */
  parties?: PartyInput[];
  background?: string;
  purpose?: string;
  scope?: string[];
  /** Replace the SDG targets (pre-filled from the monitoring plan). */
  sdgTargets?: string[];
  governance?: { body?: string; decisionRule?: DecisionRule; meetingFrequency?: Frequency };
  communication?: string;
  funding?: { mechanism?: FundingMechanism; notes?: string };
  reporting?: { frequency?: Frequency; notes?: string };
  startDate?: string;
  durationMonths?: number;
}

/** A complete draft: the rest comes from the partnership (title, place, SDG targets, signatory names). */
export interface DraftInput extends DraftChange {
  kind?: AgreementKind;
  parties: PartyInput[];
  background: string;
  purpose: string;
  scope: string[];
  governance: { body: string; decisionRule?: DecisionRule; meetingFrequency?: Frequency };
  communication: string;
  funding: { mechanism: FundingMechanism; notes?: string };
  startDate: string;
  durationMonths: number;
}

const goto = (page: Page, pathName: string) => page.goto(`${apiUrl()}${pathName}`);
const plain = (value: string) => value.replace(/\s/g, ' ');
/** `Rp 450.000.000`, as the web writes Rupiah in every language. */
export const rupiah = (amount: number) => `Rp ${amount.toLocaleString('id-ID')}`;

/** The organisations of the draft form's parties, in their order. */
export const draftParties = (page: Page): Promise<string[]> =>
  page
    .getByTestId('agreement-form')
    .locator('[data-organisation-id]')
    .evaluateAll((parties) => parties.map((party) => party.getAttribute('data-organisation-id') ?? ''));

/** The SDG targets the draft form holds. */
export async function draftSdgTargets(page: Page): Promise<string[]> {
  const values = await page.getByTestId('draft-sdg-targets-field').getAttribute('data-values');
  return values ? values.split(' ') : [];
}

/** The error shown at an input, '' when none: Mantine names it after the input's id. */
export async function fieldError(page: Page, testId: string): Promise<string> {
  const input = page.locator(
    `input[data-testid="${testId}"], textarea[data-testid="${testId}"], select[data-testid="${testId}"], [data-testid="${testId}"] input`,
  );
  const id = await input.first().getAttribute('id');
  const error = page.locator(`[id="${id}-error"]`);
  return (await error.count()) === 0 ? '' : ((await error.textContent()) ?? '').trim();
}

/** The coordinator opens a new draft from the partnership's Agreements tab. */
export async function openDraftForm(page: Page, partnershipId: string, kind: AgreementKind = 'mou') {
  await goto(page, `/partnerships/${partnershipId}/agreements`);
  await page.getByTestId(`draft-${kind}`).click();
  await page.getByTestId('agreement-form').waitFor();
  expect(await page.getByTestId('agreement-form').getAttribute('data-kind')).toBe(kind);
  // The template's articles come from the api beside the form.
  await page.getByTestId('template-clauses').waitFor();
}

async function setTags(page: Page, testId: string, tags: string[]) {
  const field = inputOf(page, testId);
  await field.click();
  for (let count = (await draftSdgTargets(page)).length; count > 0; count--) await field.press('Backspace');
  for (const tag of tags) {
    await field.fill(tag);
    await field.press('Enter');
  }
  await eventually(async () => expect(await draftSdgTargets(page)).toEqual(tags));
}

async function fillParty(page: Page, index: number, party: PartyInput) {
  const id = (name: string) => `party-${index}-${name}`;
  if (party.signatoryName !== undefined) await inputOf(page, id('signatory-name')).fill(party.signatoryName);
  if (party.signatoryTitle !== undefined)
    await inputOf(page, id('signatory-title')).fill(party.signatoryTitle);
  await page.getByTestId(id('signatory-user')).selectOption(party.signatoryUserId);
  if (party.responsibilities)
    await textareaOf(page, id('responsibilities')).fill(party.responsibilities.join('\n'));
  if (!party.contributions) return;
  const rows = page.getByTestId(`party-${index}`).getByTestId(/^party-\d+-contribution-\d+-remove$/);
  while ((await rows.count()) > 0) await rows.last().click();
  for (const [row, contribution] of party.contributions.entries()) {
    await page.getByTestId(id('add-contribution')).click();
    await page.getByTestId(id(`contribution-${row}-kind`)).selectOption(contribution.kind);
    await inputOf(page, id(`contribution-${row}-description`)).fill(contribution.description);
    if (contribution.amountIdr !== undefined)
      await inputOf(page, id(`contribution-${row}-amount`)).fill(String(contribution.amountIdr));
  }
  const funds = party.contributions
    .filter((contribution) => contribution.kind === 'funds')
    .reduce((sum, contribution) => sum + (contribution.amountIdr ?? 0), 0);
  if (funds > 0) expect(plain(await text(page, id('funds')))).toContain(rupiah(funds));
}

/** Sets what `change` names in the open draft or revision form. */
export async function fillDraft(page: Page, change: DraftChange) {
  const fill = async (testId: string, value: string | number | undefined) => {
    if (value !== undefined) await inputOf(page, testId).fill(String(value));
  };
  const area = async (testId: string, value: string | undefined) => {
    if (value !== undefined) await textareaOf(page, testId).fill(value);
  };
  const choose = async (testId: string, value: string | undefined) => {
    if (value !== undefined) await page.getByTestId(testId).selectOption(value);
  };

  if (change.parties) {
    const wanted = change.parties.map((party) => party.organisationId);
    const present = await draftParties(page);
    for (let index = present.length - 1; index >= 0; index--)
      if (!wanted.includes(present[index])) await page.getByTestId(`party-${index}-remove`).click();
    const kept = await draftParties(page);
    expect([...kept].sort()).toEqual([...wanted].sort());
    for (const party of change.parties) await fillParty(page, kept.indexOf(party.organisationId), party);
  }
  await fill('draft-title', change.title);
  await fill('draft-place', change.place);
  await fill('draft-mou-reference', change.mouReference);
  await area('draft-background', change.background);
  await area('draft-purpose', change.purpose);
  await area('draft-scope', change.scope?.join('\n'));
  if (change.sdgTargets) await setTags(page, 'draft-sdg-targets', change.sdgTargets);
  await area('draft-governance-body', change.governance?.body);
  await choose('draft-decision-rule', change.governance?.decisionRule);
  await choose('draft-meeting-frequency', change.governance?.meetingFrequency);
  await area('draft-communication', change.communication);
  await choose('draft-funding-mechanism', change.funding?.mechanism);
  await area('draft-funding-notes', change.funding?.notes);
  await choose('draft-reporting-frequency', change.reporting?.frequency);
  await area('draft-reporting-notes', change.reporting?.notes);
  await fill('draft-start-date', change.startDate);
  await fill('draft-duration', change.durationMonths);
}

export const submitDraft = (page: Page) => page.getByTestId('draft-submit').click();

/** The agreement page the browser landed on: its id and the version shown. */
async function landedOn(page: Page): Promise<{ agreementId: string; version: number }> {
  await page.waitForURL((url) => /^\/agreements\/[^/]+$/.test(url.pathname));
  const shown = page.getByTestId('agreement-page');
  await shown.waitFor();
  return {
    agreementId: (await shown.getAttribute('data-agreement-id')) ?? '',
    version: Number(await shown.getAttribute('data-version')),
  };
}

/** The coordinator drafts an MoU (or PKS) for the partnership from its template: version 1, a draft. */
export async function draftMou(page: Page, partnershipId: string, input: DraftInput): Promise<string> {
  await openDraftForm(page, partnershipId, input.kind ?? 'mou');
  await fillDraft(page, input);
  await submitDraft(page);
  const { agreementId, version } = await landedOn(page);
  expect(version).toBe(1);
  expect(await page.getByTestId('agreement-status').getAttribute('data-status')).toBe('draft');
  expect(await page.getByTestId('revise-agreement').count()).toBe(1);
  return agreementId;
}

/** Opens the revision form of the agreement's latest version; returns the version it starts from. */
export async function openRevision(page: Page, agreementId: string): Promise<number> {
  await goto(page, `/agreements/${agreementId}`);
  await page.getByTestId('revise-agreement').click();
  const form = page.getByTestId('revise-agreement-page');
  await form.waitFor();
  return Number(await form.getAttribute('data-base-version'));
}

/**
 * The coordinator changes the latest version of a draft into the next version, then reads the changes
 * tab (the diff from the version it was based on). Returns the new version's number.
 */
export async function reviseMou(page: Page, agreementId: string, change: DraftChange): Promise<number> {
  const base = await openRevision(page, agreementId);
  await fillDraft(page, change);
  await submitDraft(page);
  const { version } = await landedOn(page);
  expect(version).toBe(base + 1);
  await page.getByTestId('version-changes').waitFor();
  return version;
}

/** `days` from now, at 17:00 in Jakarta: as typed into the form, and as the instant the api stores. */
export function jakartaTime(days: number): { input: string; iso: string } {
  const day = new Date(Date.now() + days * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10);
  const input = `${day}T17:00`;
  return { input, iso: new Date(`${input}:00+07:00`).toISOString() };
}

/**
 * The coordinator opens a version (the latest) for signing, due and closing at 17:00 WIB that many
 * days ahead; every party is then asked to sign. Returns the instants entered.
 */
export async function openSigning(
  page: Page,
  agreementId: string,
  options: { version: number; dueInDays: number; expiresInDays?: number; mode?: SigningMode },
): Promise<{ dueAt: string; expiresAt: string }> {
  const mode = options.mode ?? 'parallel';
  const due = jakartaTime(options.dueInDays);
  const expires = jakartaTime(options.expiresInDays ?? options.dueInDays + 7);
  await goto(page, `/agreements/${agreementId}?version=${options.version}`);
  await page.getByTestId('open-signing').click();
  await page.getByTestId('open-signing-form').waitFor();
  await page.getByTestId('signing-mode').selectOption(mode);
  await inputOf(page, 'signing-due-at').fill(due.input);
  await inputOf(page, 'signing-expires-at').fill(expires.input);
  // Read back in WIB whatever the browser's own time zone.
  await eventually(async () =>
    expect(await text(page, 'signing-due-at-wib')).toMatch(/(17\.00|5:00 PM) WIB$/),
  );
  await page.getByTestId('open-signing-submit').click();
  await eventually(async () => expect(await page.getByTestId('open-signing-form').count()).toBe(0));
  // In parallel every party may sign at once; in order, the first may and the others wait their turn.
  await eventually(async () => {
    const statuses = await page
      .locator('[data-testid="signatories"] tbody tr')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-status')));
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses).toEqual(
      statuses.map((_, index) => (mode === 'parallel' || index === 0 ? 'pending' : 'waiting')),
    );
  });
  expect(await page.getByTestId('agreement-status').getAttribute('data-status')).toBe('open');
  expect(await page.getByTestId('open-signing').count()).toBe(0);
  return { dueAt: due.iso, expiresAt: expires.iso };
}

/**
 * The representative's key in this browser profile, enrolled if it is not yet: the private key stays
 * non-extractable in IndexedDB, its fingerprint is the SHA-256 of the public key the api enrolled for
 * this signer, and it is still there after a reload. Returns the fingerprint.
 */
export async function enrolKey(page: Page, user: SignedInUser): Promise<string> {
  const panel = page.getByTestId('signing-key');
  await page.getByTestId('signing-panel').waitFor();
  await eventually(async () =>
    expect(['none', 'local-only', 'enrolled']).toContain(await panel.getAttribute('data-status')),
  );
  if ((await panel.getAttribute('data-status')) !== 'enrolled') {
    await page.getByTestId('enrol-key').click();
    await eventually(async () => expect(await panel.getAttribute('data-status')).toBe('enrolled'));
  }
  const fingerprint = (await text(page, 'key-fingerprint')).replace(/\s/g, '');

  const stored = await page.evaluate(async (id) => {
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('mitra-signing');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const record = await new Promise<
      { keyId: string; publicKey: string; privateKey: CryptoKey; enrolledAt: string | null } | undefined
    >((resolve, reject) => {
      const request = database.transaction('keys').objectStore('keys').get(id);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    database.close();
    if (!record) return undefined;
    const exported = await crypto.subtle.exportKey('pkcs8', record.privateKey).then(
      () => 'exported',
      (error: Error) => error.name,
    );
    return {
      keyId: record.keyId,
      publicKey: record.publicKey,
      enrolled: record.enrolledAt !== null,
      type: record.privateKey.type,
      algorithm: record.privateKey.algorithm.name,
      extractable: record.privateKey.extractable,
      exported,
    };
  }, `${user.id}|${user.organisationId}`);
  expect(stored).toMatchObject({
    keyId: fingerprint,
    enrolled: true,
    type: 'private',
    algorithm: 'Ed25519',
    extractable: false,
  });
  expect(stored!.exported).not.toBe('exported');
  expect(createHash('sha256').update(Buffer.from(stored!.publicKey, 'base64url')).digest('hex')).toBe(
    fingerprint,
  );
  // Read with this browser's own session: the api enrolled exactly this public key for this signer.
  const response = await page.request.get(`${apiUrl()}/api/v1/signing-keys/${fingerprint}`);
  expect(response.status()).toBe(200);
  expect((await response.json()) as SigningKey).toMatchObject({
    userId: user.id,
    organisationId: user.organisationId,
    publicKey: stored!.publicKey,
    enrolledBy: user.id,
  });

  await page.reload();
  await eventually(async () => expect(await panel.getAttribute('data-status')).toBe('enrolled'));
  expect((await text(page, 'key-fingerprint')).replace(/\s/g, '')).toBe(fingerprint);
  return fingerprint;
}

/** How many signing keys this browser profile holds (one per signer and organisation). */
export const keysInBrowser = (page: Page): Promise<number> =>
  page.evaluate(async () => {
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('mitra-signing');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const count = await new Promise<number>((resolve, reject) => {
      const request = database.transaction('keys').objectStore('keys').count();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    database.close();
    return count;
  });

/** The representative confirms having read the version and signs it with the key in this browser. */
export async function signVersion(page: Page, user: SignedInUser): Promise<void> {
  expect(await page.getByTestId('sign-submit').isDisabled()).toBe(true);
  await inputOf(page, 'sign-confirm').check();
  await page.getByTestId('sign-submit').click();
  await eventually(async () => {
    const row = page.getByTestId(`signatory-${user.organisationId}`);
    expect(await row.getAttribute('data-status')).toBe('signed');
    expect(await row.getAttribute('data-verification')).toBe('valid');
  });
  // Nothing is left for this organisation to do on this version.
  await eventually(async () => expect(await page.getByTestId('signing-panel').count()).toBe(0));
}

/**
 * A partner representative opens the agreement (the version open for signature), enrols a key in this
 * browser if it has none, and signs. Returns the key's fingerprint.
 */
export async function enrolKeyAndSign(page: Page, agreementId: string, user: SignedInUser): Promise<string> {
  await goto(page, `/agreements/${agreementId}`);
  await page.getByTestId('agreement-page').waitFor();
  // Partners read and sign; drafting is the coordinator's.
  expect(await page.getByTestId('revise-agreement').count()).toBe(0);
  expect(await page.getByTestId('open-signing').count()).toBe(0);
  const fingerprint = await enrolKey(page, user);
  await signVersion(page, user);
  return fingerprint;
}

/** An MoU draft naming the partners' representatives: the evaluation panel is drawn from them. */
export function mouDraft(forum: SignedInUser, lpm: SignedInUser): AgreementFields {
  const party = (user: SignedInUser, sector: 'business' | 'community', role: 'lead' | 'partner') => ({
    organisationId: user.organisationId!,
    name: user.organisationName ?? user.name,
    sector,
    role,
    representative: { userId: user.id, name: user.name, title: 'Ketua' },
    responsibilities: ['Menggerakkan warga memilah sampah di setiap RW'],
    contributions: [],
  });
  return {
    title: 'Kemitraan Bank Sampah Kota Bandung',
    place: 'Bandung',
    parties: [party(forum, 'business', 'lead'), party(lpm, 'community', 'partner')],
    background: 'Sampah plastik rumah tangga di Kota Bandung terus meningkat.',
    purpose: 'Mengurangi sampah plastik rumah tangga sebesar 30 persen.',
    scope: ['Bank sampah di setiap RW'],
    sdgTargets: ['11.6', '12.5'],
    governance: { body: 'Sekretariat Bersama KMP', decisionRule: 'consensus', meetingFrequency: 'monthly' },
    communication: 'Rapat koordinasi bulanan.',
    funding: { mechanism: 'co_funding' },
    reporting: { frequency: 'quarterly' },
    startDate: '2026-10-01',
    durationMonths: 24,
  };
}
