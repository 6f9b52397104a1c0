import type { Browser, Page } from 'playwright-core';
import type {
  Agreement,
  AgreementSummary,
  AgreementVersion,
  Inbox,
  LifecycleState,
  Person,
  RevisionReceipt,
} from '@mitra/contracts';
import { ApiClient, demoAccounts, type SignedInUser } from '@mitra/testing';
import { launchBrowser } from './browser';
import {
  draftParties,
  draftSdgTargets,
  enrolKeyAndSign,
  fieldError,
  fillDraft,
  openDraftForm,
  openRevision,
  openSigning,
  reviseMou,
  submitDraft,
  type DraftInput,
} from './journey/agreements';
import { BrowserSessions, eventually, expectOk, inputOf, screenshot, text } from './support';

// The partnership, its partners, their representatives and its SDG targets are set up through the
// api; the coordinator drafts, revises and opens the MoU in the browser, and each partner
// representative signs in a browser profile of its own.
describe('drafting an MoU in the browser and taking it to signature', () => {
  const admin = new ApiClient();
  const coordinator = ApiClient.signedInAs(demoAccounts.coordinator.email);
  const run = Date.now().toString(36);
  let browser: Browser;
  let sessions: BrowserSessions;
  let forum: SignedInUser;
  let lpm: SignedInUser;
  let partnershipId: string;
  let agreementId: string;
  let coordinatorPage: Page;
  let mou: DraftInput;

  beforeAll(async () => {
    browser = await launchBrowser();
    sessions = new BrowserSessions(browser);
    const me = async (email: string) =>
      (await expectOk(ApiClient.signedInAs(email).get<{ user: SignedInUser }>('auth/me'), `me as ${email}`))
        .user;
    [forum, lpm] = await Promise.all([me(demoAccounts.forumCsr.email), me(demoAccounts.lpmCibangkong.email)]);

    const started = await expectOk(
      coordinator.post<LifecycleState>('partnerships', {
        name: `Bank Sampah Cibangkong ${run}`,
        leadOrganisationId: forum.organisationId,
      }),
      'start partnership',
    );
    partnershipId = started.partnershipId;
    await expectOk(
      coordinator.post(`partnerships/${partnershipId}/decisions/addPartner`, {
        organisationId: lpm.organisationId,
        role: 'partner',
      }),
      'add partner',
    );
    // The people who represent each organisation in this partnership, with their positions there.
    for (const [user, position] of [
      [forum, 'Ketua Forum CSR'],
      [lpm, 'Ketua LPM'],
    ] as const) {
      const person = await expectOk(
        admin.post<Person>('people', {
          name: user.name,
          memberships: [{ organisationId: user.organisationId, role: position }],
        }),
        `person ${user.name}`,
      );
      await expectOk(
        coordinator.post(`partnerships/${partnershipId}/representatives`, {
          personId: person.id,
          organisationId: user.organisationId,
        }),
        `representative ${user.name}`,
      );
    }
    await expectOk(
      coordinator.post(`monitoring/partnerships/${partnershipId}/sdg-targets`, { targets: ['11.6', '12.5'] }),
      'SDG targets',
    );

    mou = {
      parties: [
        {
          organisationId: forum.organisationId!,
          signatoryUserId: forum.id,
          responsibilities: [
            'Menghimpun dana TJSL anggota forum untuk bank sampah',
            'Memantau penggunaan dana',
          ],
          contributions: [
            { kind: 'funds', description: 'Dana TJSL untuk sarana bank sampah', amountIdr: 450_000_000 },
            { kind: 'expertise', description: 'Pendamping pengelolaan bank sampah' },
          ],
        },
        {
          organisationId: lpm.organisationId!,
          // Left out on purpose at first: a party without a signatory account.
          signatoryUserId: '',
          responsibilities: ['Menggerakkan warga memilah sampah di setiap RW'],
          contributions: [{ kind: 'labour', description: 'Kader lingkungan RW' }],
        },
      ],
      background: 'Sampah plastik rumah tangga di Kelurahan Cibangkong terus meningkat.',
      purpose: 'Mengurangi sampah plastik rumah tangga sebesar 30 persen dalam dua tahun.',
      scope: ['Bank sampah di setiap RW', 'Kampanye pengurangan plastik sekali pakai'],
      governance: { body: 'Sekretariat Bersama Bank Sampah Cibangkong', decisionRule: 'consensus' },
      communication: 'Rapat koordinasi bulanan dan laporan daring yang dapat diakses semua Pihak.',
      funding: { mechanism: 'co_funding', notes: 'Dana TJSL disalurkan per triwulan.' },
      startDate: '2026-12-01',
      durationMonths: 24,
    };
  }, 120_000);

  afterAll(async () => {
    await sessions?.close();
    await browser?.close();
  });

  const agreementsOfPartnership = () =>
    expectOk(
      coordinator.get<AgreementSummary[]>(`agreements?partnershipId=${partnershipId}`),
      'list agreements',
    );

  it('pre-fills a new MoU with the partners, their representatives and the SDG targets of the plan', async () => {
    coordinatorPage = await sessions.signedInPage(
      demoAccounts.coordinator.email,
      `/partnerships/${partnershipId}/agreements`,
    );
    await openDraftForm(coordinatorPage, partnershipId, 'mou');
    expect(await draftParties(coordinatorPage)).toEqual([forum.organisationId, lpm.organisationId]);
    const value = (testId: string) => inputOf(coordinatorPage, testId).inputValue();
    expect(await value('party-0-name')).toBe('Forum CSR Kota Bandung');
    expect(await value('party-1-name')).toBe('LPM Kelurahan Cibangkong');
    // Different sectors, as registered.
    expect(await coordinatorPage.getByTestId('party-0-sector').inputValue()).toBe('business');
    expect(await coordinatorPage.getByTestId('party-1-sector').inputValue()).toBe('community');
    expect(await coordinatorPage.getByTestId('party-0-role').inputValue()).toBe('lead');
    // The account that signs for each party: the representative's own, chosen by name.
    expect(await coordinatorPage.getByTestId('party-0-signatory-user').inputValue()).toBe(forum.id);
    expect(await coordinatorPage.getByTestId('party-1-signatory-user').inputValue()).toBe(lpm.id);
    expect([await value('party-0-signatory-name'), await value('party-0-signatory-title')]).toEqual([
      forum.name,
      'Ketua Forum CSR',
    ]);
    expect([await value('party-1-signatory-name'), await value('party-1-signatory-title')]).toEqual([
      lpm.name,
      'Ketua LPM',
    ]);
    expect(await draftSdgTargets(coordinatorPage)).toEqual(['11.6', '12.5']);
    expect(await value('draft-title')).toBe(`Bank Sampah Cibangkong ${run}`);
    expect(await value('draft-place')).toBe('Kota Bandung');
  }, 120_000);

  it('shows the api’s refusal of a party without a signatory at that input, and stores nothing', async () => {
    await fillDraft(coordinatorPage, mou);
    await submitDraft(coordinatorPage);
    await eventually(async () =>
      expect(await fieldError(coordinatorPage, 'party-1-signatory-user')).toBe('Wajib diisi.'),
    );
    expect(await coordinatorPage.getByTestId('party-1-signatory-user').getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(await fieldError(coordinatorPage, 'party-0-signatory-user')).toBe('');
    expect(await coordinatorPage.getByTestId('unplaced-error').count()).toBe(0);
    sessions.forget(/: 400 .*\/api\/v1\/agreements$/);
    expect(await agreementsOfPartnership()).toEqual([]);
  }, 120_000);

  it('drafts version 1 with the parties, their contributions in Rupiah and the SDG targets', async () => {
    mou.parties[1].signatoryUserId = lpm.id;
    await fillDraft(coordinatorPage, { parties: mou.parties });
    expect((await text(coordinatorPage, 'party-0-funds')).replace(/\s/g, ' ')).toBe(
      'Dana yang dibawa: Rp 450.000.000',
    );
    await coordinatorPage.evaluate(() => window.scrollTo(0, 0));
    await screenshot(coordinatorPage, 'mou-drafting.png');
    await submitDraft(coordinatorPage);
    await coordinatorPage.getByTestId('agreement-page').waitFor();
    agreementId = (await coordinatorPage.getByTestId('agreement-page').getAttribute('data-agreement-id'))!;
    expect(await coordinatorPage.getByTestId('agreement-page').getAttribute('data-version')).toBe('1');
    expect(await text(coordinatorPage, 'agreement-title')).toBe(
      `Nota Kesepahaman tentang Bank Sampah Cibangkong ${run}`,
    );

    const [listed] = await agreementsOfPartnership();
    expect(listed).toMatchObject({ id: agreementId, kind: 'mou', status: 'draft', latestVersion: 1 });
    const version = await expectOk(
      coordinator.get<AgreementVersion>(`agreements/${agreementId}/versions/1`),
      'version 1',
    );
    const fields = version.content.fields;
    expect(
      fields.parties.map((party) => [party.organisationId, party.sector, party.role, party.representative]),
    ).toEqual([
      [
        forum.organisationId,
        'business',
        'lead',
        { userId: forum.id, name: forum.name, title: 'Ketua Forum CSR' },
      ],
      [lpm.organisationId, 'community', 'partner', { userId: lpm.id, name: lpm.name, title: 'Ketua LPM' }],
    ]);
    expect(fields.parties[0].contributions).toEqual([
      { kind: 'funds', description: 'Dana TJSL untuk sarana bank sampah', amountIdr: 450_000_000 },
      { kind: 'expertise', description: 'Pendamping pengelolaan bank sampah' },
    ]);
    expect(fields).toMatchObject({
      place: 'Kota Bandung',
      sdgTargets: ['11.6', '12.5'],
      scope: mou.scope,
      governance: { body: mou.governance.body, decisionRule: 'consensus', meetingFrequency: 'monthly' },
      funding: { mechanism: 'co_funding', notes: 'Dana TJSL disalurkan per triwulan.' },
      reporting: { frequency: 'quarterly' },
      startDate: '2026-12-01',
      durationMonths: 24,
    });
  }, 120_000);

  it('revises the draft into version 2, and the changes tab shows what changed', async () => {
    expect(await reviseMou(coordinatorPage, agreementId, { durationMonths: 36 })).toBe(2);
    const changed = coordinatorPage.getByTestId('changed-clause-duration_amendment_termination');
    expect(await changed.getAttribute('data-status')).toBe('changed');
    expect(await changed.locator('[data-op="removed"]').textContent()).toContain('24 bulan');
    expect(await changed.locator('[data-op="added"]').textContent()).toContain('36 bulan');
    const agreement = await expectOk(coordinator.get<Agreement>(`agreements/${agreementId}`), 'read MoU');
    expect(agreement.versions.map((version) => [version.number, version.basedOn])).toEqual([
      [1, null],
      [2, 1],
    ]);
  }, 120_000);

  it('refuses a revision of a version someone else replaced, and reloads the latest', async () => {
    expect(await openRevision(coordinatorPage, agreementId)).toBe(2);
    const latest = await expectOk(
      coordinator.get<AgreementVersion>(`agreements/${agreementId}/versions/2`),
      'version 2',
    );
    const purpose = 'Mengurangi sampah plastik rumah tangga sebesar 40 persen dalam dua tahun.';
    const theirs = await expectOk(
      coordinator.post<RevisionReceipt>(`agreements/${agreementId}/versions`, {
        baseVersion: 2,
        fields: { ...latest.content.fields, purpose },
      }),
      'revision by someone else',
    );
    expect(theirs.number).toBe(3);

    await fillDraft(coordinatorPage, { durationMonths: 48 });
    await submitDraft(coordinatorPage);
    await coordinatorPage.getByTestId('revise-conflict').waitFor();
    sessions.forget(/: 409 .*\/api\/v1\/agreements\/[^/]+\/versions$/);
    const agreement = await expectOk(coordinator.get<Agreement>(`agreements/${agreementId}`), 'read MoU');
    expect(agreement.latestVersion).toBe(3);

    await coordinatorPage.getByTestId('revise-reload').click();
    await eventually(async () =>
      expect(
        await coordinatorPage.getByTestId('revise-agreement-page').getAttribute('data-base-version'),
      ).toBe('3'),
    );
    expect(await coordinatorPage.getByTestId('draft-purpose').inputValue()).toBe(purpose);
    expect(await inputOf(coordinatorPage, 'draft-duration').inputValue()).toBe('36');
  }, 120_000);

  it('opens the latest version for signing, due and closing in WIB; every party is asked to sign', async () => {
    const times = await openSigning(coordinatorPage, agreementId, {
      version: 3,
      dueInDays: 7,
      expiresInDays: 14,
    });
    // The signatories table: both parties pending, due at the time entered (17:00 WIB).
    for (const user of [forum, lpm])
      expect(await coordinatorPage.getByTestId(`signatory-${user.organisationId}`).textContent()).toMatch(
        /Batas waktu .* 17\.00 WIB/,
      );

    const agreement = await expectOk(coordinator.get<Agreement>(`agreements/${agreementId}`), 'read MoU');
    expect(agreement.status).toBe('open');
    expect(agreement.rounds).toHaveLength(1);
    expect(agreement.rounds[0]).toMatchObject({
      versionNumber: 3,
      mode: 'parallel',
      expiresAt: times.expiresAt,
    });
    expect(
      agreement.rounds[0].parties.map((party) => [party.organisationId, party.signatoryUserId, party.dueAt]),
    ).toEqual([
      [forum.organisationId, forum.id, times.dueAt],
      [lpm.organisationId, lpm.id, times.dueAt],
    ]);

    // Each representative finds it in the inbox.
    for (const user of [forum, lpm]) {
      const inbox = await expectOk(
        ApiClient.signedInAs(user.email).get<Inbox>('inbox'),
        `inbox of ${user.email}`,
      );
      expect(inbox.items).toContainEqual(
        expect.objectContaining({ kind: 'signature_due', partnershipId, dueAt: times.dueAt }),
      );
    }
  }, 120_000);

  it('lets both representatives sign in their own browsers; the MoU comes into force for the partnership', async () => {
    const forumPage = await sessions.signedInPage(
      demoAccounts.forumCsr.email,
      `/partnerships/${partnershipId}/agreements`,
    );
    await forumPage.getByTestId(`agreement-${agreementId}`).waitFor();
    // Partners read and sign; drafting is the coordinator's.
    expect(await forumPage.getByTestId('draft-mou').count()).toBe(0);
    const forumKey = await enrolKeyAndSign(forumPage, agreementId, forum);

    const lpmPage = await sessions.signedInPage(
      demoAccounts.lpmCibangkong.email,
      `/agreements/${agreementId}`,
    );
    const lpmKey = await enrolKeyAndSign(lpmPage, agreementId, lpm);
    expect(lpmKey).not.toBe(forumKey);

    await eventually(async () =>
      expect(await coordinatorPage.getByTestId('agreement-status').getAttribute('data-status')).toBe(
        'effective',
      ),
    );
    const agreement = await expectOk(coordinator.get<Agreement>(`agreements/${agreementId}`), 'read MoU');
    expect(agreement).toMatchObject({ status: 'effective', effectiveVersion: 3, pendingSignatures: [] });
    await eventually(async () => {
      const state = await expectOk(coordinator.get<LifecycleState>(`partnerships/${partnershipId}`), 'state');
      expect(state.facts.mouEffective).toMatchObject({ agreementId, versionNumber: 3 });
    }, 60_000);
    // In force: nothing left to revise or open.
    expect(await coordinatorPage.getByTestId('revise-agreement').count()).toBe(0);
    expect(await coordinatorPage.getByTestId('open-signing').count()).toBe(0);
  }, 180_000);

  it('shows the auditor the agreement without drafting actions', async () => {
    const page = await sessions.signedInPage(
      demoAccounts.auditor.email,
      `/partnerships/${partnershipId}/agreements`,
    );
    await page.getByTestId(`agreement-${agreementId}`).waitFor();
    expect(await page.getByTestId('draft-mou').count()).toBe(0);
    await page.goto(page.url().replace(/\/partnerships\/.*$/, `/agreements/${agreementId}`));
    await page.getByTestId('agreement-page').waitFor();
    expect(await page.getByTestId('revise-agreement').count()).toBe(0);
    expect(await page.getByTestId('signatories').locator('[data-status="signed"]').count()).toBe(2);
  }, 120_000);

  it('logged no errors in any browser', () => {
    expect(sessions.errors).toEqual([]);
  });
});
