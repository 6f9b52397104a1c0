import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import type {
  Agreement,
  AgreementFields,
  AgreementParty,
  AgreementVersion,
  LifecycleState,
  Organisation,
  SigningKey,
} from '@mitra/contracts';
import { ApiClient, demoAccounts, type SignedInUser } from '@mitra/testing';
import { launchBrowser } from './browser';
import { enrolKey, signVersion } from './journey/agreements';
import { addPartner, withdrawPartner } from './journey/partnerships';
import { apiUrl, BrowserSessions, eventually, expectOk, inDays, text, textareaOf } from './support';

// Issue 17, point 8: a partner joins an MoU in force and signs its joining, then leaves and signs its
// leaving, in the browser; a change that arrives meanwhile waits in the queue the coordinator sees.

/** An organisation's signature made outside the browser: its key enrolled through the api, its signature relayed. */
async function signedThroughApi(client: ApiClient, signer: { userId: string; organisationId: string }) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const key = await expectOk(
    client.post<SigningKey>('signing-keys', { ...signer, publicKey: publicKey.export({ format: 'jwk' }).x }),
    'enrol key',
  );
  return (agreementId: string, version: Pick<AgreementVersion, 'number' | 'contentHash'>) =>
    expectOk(
      client.post(`agreements/${agreementId}/versions/${version.number}/signatures`, {
        organisationId: signer.organisationId,
        keyId: key.keyId,
        contentHash: version.contentHash,
        value: sign(null, Buffer.from(version.contentHash, 'hex'), privateKey).toString('base64url'),
      }),
      `sign version ${version.number}`,
    );
}

function party(
  organisationId: string,
  name: string,
  representative: { id: string; name: string },
  role: AgreementParty['role'],
  sector: AgreementParty['sector'],
): AgreementParty {
  return {
    organisationId,
    name,
    sector,
    role,
    representative: { userId: representative.id, name: representative.name, title: 'Pimpinan' },
    responsibilities: [`Menjalankan komponen ${name}`],
    contributions: [],
  };
}

function fields(parties: AgreementParty[]): AgreementFields {
  return {
    title: 'Kemitraan Bank Sampah Cibangkong',
    place: 'Bandung',
    parties,
    background: 'Sampah rumah tangga di Cibangkong belum terpilah.',
    purpose: 'Memilah sampah di setiap RW Kelurahan Cibangkong.',
    scope: ['Bank sampah di setiap RW'],
    sdgTargets: ['11.6'],
    governance: { body: 'Sekretariat Bersama', decisionRule: 'consensus', meetingFrequency: 'monthly' },
    communication: 'Rapat koordinasi bulanan.',
    funding: { mechanism: 'co_funding' },
    reporting: { frequency: 'quarterly' },
    startDate: '2026-10-01',
    durationMonths: 24,
  };
}

describe('a partner joins an MoU in force and leaves it again, in the browser', () => {
  const admin = new ApiClient();
  const coordinator = ApiClient.signedInAs(demoAccounts.coordinator.email);
  const forumClient = ApiClient.signedInAs(demoAccounts.forumCsr.email);
  const lpmClient = ApiClient.signedInAs(demoAccounts.lpmCibangkong.email);
  let browser: Browser;
  let sessions: BrowserSessions;
  let coordinatorPage: Page;
  let lpmPage: Page;
  let lpm: SignedInUser;
  let partnershipId: string;
  let agreementId: string;
  let university: Organisation;
  let universitySigns: Awaited<ReturnType<typeof signedThroughApi>>;
  const universitySignatory = { id: `signer-${randomUUID().slice(0, 8)}`, name: 'Dr. Siti Rahmawati' };

  const read = () => expectOk(coordinator.get<Agreement>(`agreements/${agreementId}`), 'read MoU');
  const version = (number: number) =>
    expectOk(coordinator.get<AgreementVersion>(`agreements/${agreementId}/versions/${number}`), 'version');
  const decide = (kind: string, body: object) =>
    expectOk(coordinator.post(`partnerships/${partnershipId}/decisions/${kind}`, body), kind);
  const untilRoundOpen = (versionNumber: number) =>
    eventually(async () =>
      expect((await read()).rounds.at(-1)).toMatchObject({ versionNumber, status: 'open' }),
    );

  beforeAll(async () => {
    browser = await launchBrowser();
    sessions = new BrowserSessions(browser);
    const [me, forum] = await Promise.all([coordinator.user(), forumClient.user()]);
    lpm = await lpmClient.user();
    partnershipId = (
      await expectOk(
        coordinator.post<LifecycleState>('partnerships', {
          name: 'Bank Sampah Cibangkong',
          leadOrganisationId: forum.organisationId,
        }),
        'start partnership',
      )
    ).partnershipId;
    university = await expectOk(
      admin.post<Organisation>('organisations', {
        name: `Pusat Studi Lingkungan ${randomUUID().slice(0, 8)}`,
        sector: 'academia',
        region: { province: 'Jawa Barat', regency: 'Kota Bandung' },
        contacts: [],
        resources: [],
        vulnerableGroups: [],
      }),
      'register university',
    );
    universitySigns = await signedThroughApi(admin, {
      userId: universitySignatory.id,
      organisationId: university.id,
    });

    // Version 1, in force: the forum and the coordinator's own office sign it through the api.
    const created = await expectOk(
      coordinator.post<Agreement>('agreements', {
        kind: 'mou',
        partnershipId,
        fields: fields([
          party(
            forum.organisationId!,
            forum.organisationName ?? 'Forum CSR Kota Bandung',
            forum,
            'lead',
            'business',
          ),
          party(
            me.organisationId!,
            me.organisationName ?? 'Bappelitbang Kota Bandung',
            me,
            'partner',
            'government_regency',
          ),
        ]),
      }),
      'draft MoU',
    );
    agreementId = created.id;
    const opened = await expectOk(
      coordinator.post<{ contentHash: string }>(`agreements/${agreementId}/signing-rounds`, {
        versionNumber: 1,
        mode: 'parallel',
        expiresAt: inDays(14),
      }),
      'open signing',
    );
    const v1 = { number: 1, contentHash: opened.contentHash };
    await (
      await signedThroughApi(forumClient, { userId: forum.id, organisationId: forum.organisationId! })
    )(agreementId, v1);
    await (
      await signedThroughApi(coordinator, { userId: me.id, organisationId: me.organisationId! })
    )(agreementId, v1);
    await eventually(async () => {
      const state = await expectOk(
        coordinator.get<LifecycleState>(`partnerships/${partnershipId}`),
        'lifecycle',
      );
      expect(state.facts.mouEffective).toMatchObject({ agreementId, versionNumber: 1 });
    });
    coordinatorPage = await sessions.signedInPage(
      demoAccounts.coordinator.email,
      `/partnerships/${partnershipId}`,
    );
  }, 240_000);

  afterAll(async () => {
    await sessions?.close();
    await browser?.close();
  });

  it('joins: the coordinator adds the partner with its MoU entry, and an amendment opens for it alone', async () => {
    await addPartner(coordinatorPage, {
      partnershipId,
      organisationName: lpm.organisationName ?? 'LPM Kelurahan Cibangkong',
      mouParty: {
        representativeUserId: lpm.id,
        representativeName: lpm.name,
        representativeTitle: 'Ketua LPM',
        responsibilities: ['Menggerakkan warga memilah sampah'],
      },
    });
    await untilRoundOpen(2);
    expect((await read()).rounds.at(-1)!.parties.map((p) => p.organisationId)).toEqual([lpm.organisationId]);
  }, 120_000);

  it('queues a partner added while that round is open, and the coordinator sees it waiting', async () => {
    await decide('addPartner', {
      organisationId: university.id,
      role: 'partner',
      mouParty: party(university.id, university.name, universitySignatory, 'partner', 'academia'),
    });
    await coordinatorPage.goto(`${apiUrl()}/agreements/${agreementId}`);
    await coordinatorPage.getByTestId('membership-queue').waitFor();
    await eventually(async () =>
      expect(await coordinatorPage.getByTestId('queued-change').getAttribute('data-status')).toBe('queued'),
    );
    expect(await text(coordinatorPage, 'queued-change')).toContain(`${university.name} bergabung`);
  }, 60_000);

  it('signs the joining in the partner’s browser; the queued change is amended next, as the coordinator sees', async () => {
    lpmPage = await sessions.signedInPage(demoAccounts.lpmCibangkong.email, `/agreements/${agreementId}`);
    await lpmPage.getByTestId('agreement-page').waitFor();
    expect(await lpmPage.getByTestId('agreement-page').getAttribute('data-version')).toBe('2');
    await enrolKey(lpmPage, lpm);
    await signVersion(lpmPage, lpm);
    await eventually(async () =>
      expect(await coordinatorPage.getByTestId('queued-change').getAttribute('data-status')).toBe('amended'),
    );
    expect(await text(coordinatorPage, 'queued-change')).toContain('versi 3');
    await universitySigns(agreementId, await version(3));
    expect(await read()).toMatchObject({ status: 'effective', effectiveVersion: 3 });
  }, 150_000);

  it('leaves: the coordinator withdraws the partner, and its leaving opens for it alone', async () => {
    await withdrawPartner(coordinatorPage, {
      partnershipId,
      organisationName: lpm.organisationName ?? 'LPM Kelurahan Cibangkong',
      reason: 'LPM berganti pengurus dan mundur dari kemitraan.',
    });
    await untilRoundOpen(4);
    expect((await version(4)).content.fields.parties.map((p) => p.organisationId)).not.toContain(
      lpm.organisationId,
    );
  }, 120_000);

  it('signs the leaving in the browser of the organisation that left; the version says it is in force', async () => {
    await lpmPage.reload();
    await lpmPage.getByTestId('agreement-page').waitFor();
    await eventually(async () =>
      expect(await lpmPage.getByTestId('agreement-page').getAttribute('data-version')).toBe('4'),
    );
    const row = lpmPage.getByTestId(`signatory-${lpm.organisationId}`);
    expect(await row.getAttribute('data-status')).toBe('pending');
    expect(await row.getByTestId('signatory-leaving').count()).toBe(1);
    expect(await lpmPage.getByTestId('version-standing').getAttribute('data-in-force')).toBe('false');
    await eventually(async () =>
      expect(await lpmPage.getByTestId('signing-key').getAttribute('data-status')).toBe('enrolled'),
    );
    await signVersion(lpmPage, lpm);
    await eventually(async () =>
      expect(await lpmPage.getByTestId('agreement-status').getAttribute('data-status')).toBe('effective'),
    );
    await eventually(async () =>
      expect(await lpmPage.getByTestId('version-standing').getAttribute('data-in-force')).toBe('true'),
    );
    expect(await text(lpmPage, 'version-standing')).toBe('Versi ini berlaku.');
    expect(await read()).toMatchObject({ effectiveVersion: 4, pendingSignatures: [] });
  }, 120_000);

  it('lets the coordinator cancel an open round with a reason, which every reader sees', async () => {
    await decide('withdrawPartner', {
      organisationId: university.id,
      reason: 'Pusat studi tidak lagi mendapat dana.',
    });
    await untilRoundOpen(5);
    await coordinatorPage.goto(`${apiUrl()}/agreements/${agreementId}`);
    await coordinatorPage.getByTestId('cancel-round').click();
    const reason = 'Keluarnya pusat studi dicatat dalam rapat koordinasi.';
    await textareaOf(coordinatorPage, 'cancel-round-reason').fill(reason);
    await coordinatorPage.getByTestId('cancel-round-submit').click();
    await coordinatorPage.getByTestId('cancel-round-form').waitFor({ state: 'detached' });
    await eventually(async () => expect(await text(coordinatorPage, 'round-ending')).toContain(reason));
    expect(await coordinatorPage.getByTestId('agreement-status').getAttribute('data-status')).toBe(
      'effective',
    );
    expect(await coordinatorPage.getByTestId('version-standing').getAttribute('data-standing')).toBe(
      'never_in_force',
    );
    expect((await read()).rounds.at(-1)).toMatchObject({ status: 'cancelled', endedBy: { reason } });
  }, 120_000);

  it('went through without a page error or a failed request', () => {
    expect(sessions.errors).toEqual([]);
  });
});
