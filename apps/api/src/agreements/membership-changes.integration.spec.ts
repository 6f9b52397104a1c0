import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import type {
  Agreement,
  AgreementFields,
  AgreementParty,
  AgreementVersion,
  AmendmentReceipt,
  ErrorBody,
  LifecycleState,
  Organisation,
  SignatureReceipt,
  SigningKey,
  SigningRound,
  VerificationReport,
} from '@mitra/contracts';
import { ApiClient, demoAccounts, type SignedInUser } from '@mitra/testing';

// Issue 17, "membership changes break the MoU": a party leaving, a partner joining while a round is open,
// and the verification of a version not yet in force, through the api and the lifecycle workflow.

async function eventually(assertion: () => Promise<void>, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

async function ok<T>(response: Promise<{ status: number; body: T }>, what: string): Promise<T> {
  const { status, body } = await response;
  if (status >= 300) throw new Error(`${what} gave ${status}: ${JSON.stringify(body)}`);
  return body;
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

interface Signer {
  client: ApiClient;
  userId: string;
  organisationId: string;
  privateKey: KeyObject;
  keyId?: string;
}

/** A key pair for the signer, enrolled by the signer itself (or, for an organisation without accounts, by an admin). */
async function enrolled(client: ApiClient, userId: string, organisationId: string): Promise<Signer> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const key = await ok(
    client.post<SigningKey>('signing-keys', {
      userId,
      organisationId,
      publicKey: publicKey.export({ format: 'jwk' }).x,
    }),
    'enrol key',
  );
  return { client, userId, organisationId, privateKey, keyId: key.keyId };
}

function signVersion(signer: Signer, agreementId: string, version: { number: number; contentHash: string }) {
  return signer.client.post<SignatureReceipt>(
    `agreements/${agreementId}/versions/${version.number}/signatures`,
    {
      organisationId: signer.organisationId,
      keyId: signer.keyId,
      contentHash: version.contentHash,
      value: sign(null, Buffer.from(version.contentHash, 'hex'), signer.privateKey).toString('base64url'),
    },
  );
}

function partyOf(
  user: Pick<SignedInUser, 'id' | 'name'>,
  organisationId: string,
  name: string,
  role: AgreementParty['role'],
  sector: AgreementParty['sector'],
): AgreementParty {
  return {
    organisationId,
    name,
    sector,
    role,
    representative: { userId: user.id, name: user.name, title: 'Pimpinan' },
    responsibilities: [`Menjalankan komponen ${name}`],
    contributions: [],
  };
}

function fields(parties: AgreementParty[]): AgreementFields {
  return {
    title: 'Kemitraan Air Bersih Cibangkong',
    place: 'Bandung',
    parties,
    background: 'Sebagian warga Cibangkong belum memiliki akses air bersih.',
    purpose: 'Menyediakan air bersih bagi 500 rumah tangga.',
    scope: ['Pembangunan sarana air bersih'],
    sdgTargets: ['6.1'],
    governance: { body: 'Sekretariat Bersama', decisionRule: 'consensus', meetingFrequency: 'monthly' },
    communication: 'Rapat koordinasi bulanan.',
    funding: { mechanism: 'co_funding' },
    reporting: { frequency: 'quarterly' },
    startDate: '2026-10-01',
    durationMonths: 24,
  };
}

describe('membership changes of an MoU in force, through the api', () => {
  const admin = new ApiClient();
  const coordinator = ApiClient.signedInAs(demoAccounts.coordinator.email);
  const forumClient = ApiClient.signedInAs(demoAccounts.forumCsr.email);
  const lpmClient = ApiClient.signedInAs(demoAccounts.lpmCibangkong.email);
  const auditor = ApiClient.signedInAs(demoAccounts.auditor.email);
  let partnershipId: string;
  let agreementId: string;
  let forum: Signer;
  let lpm: Signer;
  let campus: Signer;
  let campusParty: AgreementParty;

  const read = () => ok(coordinator.get<Agreement>(`agreements/${agreementId}`), 'read MoU');
  const version = (client: ApiClient, number: number) =>
    client.get<AgreementVersion>(`agreements/${agreementId}/versions/${number}`);
  const verify = (number: number) =>
    ok(
      auditor.get<VerificationReport>(`agreements/${agreementId}/versions/${number}/verification`),
      'verify',
    );
  const decide = (kind: string, body: object) =>
    ok(coordinator.post(`partnerships/${partnershipId}/decisions/${kind}`, body), kind);
  const partiesOf = async (number: number) =>
    (await ok(version(coordinator, number), 'version')).content.fields.parties.map((p) => p.organisationId);

  beforeAll(async () => {
    const [forumUser, lpmUser] = await Promise.all([forumClient.user(), lpmClient.user()]);
    const started = await ok(
      coordinator.post<LifecycleState>('partnerships', {
        name: 'Air Bersih Cibangkong',
        leadOrganisationId: forumUser.organisationId,
      }),
      'start partnership',
    );
    partnershipId = started.partnershipId;
    await decide('addPartner', { organisationId: lpmUser.organisationId, role: 'partner' });
    const university = await ok(
      admin.post<Organisation>('organisations', {
        name: `Pusat Studi Air ${randomUUID().slice(0, 8)}`,
        sector: 'academia',
        region: { province: 'Jawa Barat', regency: 'Kota Bandung' },
        contacts: [],
        resources: [],
        vulnerableGroups: [],
      }),
      'register university',
    );
    const campusUser = { id: `signer-${university.id.slice(-6)}`, name: 'Dr. Siti Rahmawati' };
    campusParty = partyOf(campusUser, university.id, university.name, 'partner', 'academia');

    forum = await enrolled(forumClient, forumUser.id, forumUser.organisationId!);
    lpm = await enrolled(lpmClient, lpmUser.id, lpmUser.organisationId!);
    // The university has no account yet: an admin registers its signatory's key and relays its signature.
    campus = await enrolled(admin, campusUser.id, university.id);

    const created = await ok(
      coordinator.post<Agreement>('agreements', {
        kind: 'mou',
        partnershipId,
        fields: fields([
          partyOf(forumUser, forum.organisationId, 'Forum CSR Kota Bandung', 'lead', 'business'),
          partyOf(lpmUser, lpm.organisationId, 'LPM Kelurahan Cibangkong', 'partner', 'community'),
        ]),
      }),
      'draft MoU',
    );
    agreementId = created.id;
    const opened = await ok(
      coordinator.post<{ contentHash: string }>(`agreements/${agreementId}/signing-rounds`, {
        versionNumber: 1,
        mode: 'parallel',
        expiresAt: inDays(14),
      }),
      'open signing',
    );
    for (const signer of [forum, lpm])
      await ok(signVersion(signer, agreementId, { number: 1, contentHash: opened.contentHash }), 'sign v1');
    await eventually(async () => {
      const state = await ok(coordinator.get<LifecycleState>(`partnerships/${partnershipId}`), 'lifecycle');
      expect(state.facts.mouEffective).toMatchObject({ agreementId, versionNumber: 1 });
    });
  }, 180_000);

  describe('a partner leaving', () => {
    it('opens its leaving for it alone, and the withdrawn organisation reads it, and its versions', async () => {
      await decide('withdrawPartner', {
        organisationId: lpm.organisationId,
        reason: 'LPM berganti pengurus dan mundur dari kemitraan.',
      });
      await eventually(async () => expect((await read()).latestVersion).toBe(2));
      const agreement = await ok(
        lpmClient.get<Agreement>(`agreements/${agreementId}`),
        'withdrawn party reads the MoU',
      );
      expect(agreement.rounds.at(-1)).toMatchObject({ versionNumber: 2, status: 'open', carriedFrom: 1 });
      expect(agreement.rounds.at(-1)!.parties.map((p) => p.organisationId)).toEqual([lpm.organisationId]);
      expect(agreement.pendingSignatures).toEqual([
        expect.objectContaining({ organisationId: lpm.organisationId, versionNumber: 2 }),
      ]);
      expect((await version(lpmClient, 2)).status).toBe(200);
      expect(await partiesOf(2)).toEqual([forum.organisationId]);
    });

    it('says plainly that the leaving version is not in force while the leaving party has not signed', async () => {
      expect(await verify(2)).toMatchObject({
        valid: true,
        complete: false,
        inForce: false,
        standing: 'awaiting_signatures',
        unsignedOrganisationIds: [lpm.organisationId],
      });
      expect(await verify(1)).toMatchObject({ inForce: true, standing: 'in_force' });
    });

    it('lets the withdrawn organisation sign for itself only, and never for another party', async () => {
      const forOther = await lpmClient.post<ErrorBody>(`agreements/${agreementId}/versions/2/signatures`, {
        organisationId: forum.organisationId,
        keyId: lpm.keyId,
        contentHash: (await ok(version(coordinator, 2), 'v2')).contentHash,
        value: 'A'.repeat(86),
      });
      expect(forOther.status).toBe(403);
      expect(forOther.body.refusal?.code).toBe('access.partner_own_organisation_only');
      const cancelling = await lpmClient.post<ErrorBody>(
        `agreements/${agreementId}/signing-rounds/2/cancellation`,
        { reason: 'Kami ingin tetap ikut.' },
      );
      expect(cancelling.status).toBe(403);
    });
  });

  describe('a partner joining while the leaving round is open', () => {
    it('is queued behind the open round, and the coordinator sees the queue', async () => {
      await decide('addPartner', {
        organisationId: campusParty.organisationId,
        role: 'partner',
        mouParty: campusParty,
      });
      await eventually(async () =>
        expect((await read()).membershipQueue).toEqual([
          expect.objectContaining({
            status: 'queued',
            change: { kind: 'join', party: campusParty },
            versionNumber: null,
          }),
        ]),
      );
      expect((await read()).latestVersion).toBe(2);
    });

    it('is amended as soon as the leaving party signs its leaving, from the version that came into force', async () => {
      const v2 = await ok(version(lpmClient, 2), 'v2');
      const signed = await signVersion(lpm, agreementId, v2);
      expect(signed.status).toBe(201);
      const agreement = await read();
      expect(agreement.effectiveVersion).toBe(2);
      expect(agreement.membershipQueue).toEqual([
        expect.objectContaining({ status: 'amended', versionNumber: 3 }),
      ]);
      expect(agreement.rounds.at(-1)).toMatchObject({ versionNumber: 3, status: 'open', carriedFrom: 2 });
      expect(await partiesOf(3)).toEqual([forum.organisationId, campusParty.organisationId]);
      expect(await verify(2)).toMatchObject({
        complete: true,
        inForce: true,
        standing: 'in_force',
        unsignedOrganisationIds: [],
      });
      expect(await verify(1)).toMatchObject({ inForce: false, standing: 'replaced' });

      await ok(signVersion(campus, agreementId, await ok(version(coordinator, 3), 'v3')), 'campus signs v3');
      expect(await read()).toMatchObject({ status: 'effective', effectiveVersion: 3 });
      // The organisation that left still reads what it signed, and no more than it may: it changes nothing.
      expect((await lpmClient.get(`agreements/${agreementId}/versions/2/verification`)).status).toBe(200);
    });
  });

  describe('a coordinator ending an open round', () => {
    let roundNumber: number;

    beforeAll(async () => {
      await decide('withdrawPartner', {
        organisationId: campusParty.organisationId,
        reason: 'Pusat studi tidak lagi mendapat dana penelitian.',
      });
      await eventually(async () =>
        expect((await read()).rounds.at(-1)).toMatchObject({ versionNumber: 4, status: 'open' }),
      );
      roundNumber = (await read()).rounds.at(-1)!.number;
    });

    it('refuses a cancellation without a reason, naming the field, and changes nothing', async () => {
      const before = await read();
      const refused = await coordinator.post<ErrorBody>(
        `agreements/${agreementId}/signing-rounds/${roundNumber}/cancellation`,
        {},
      );
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.map((e) => e.field)).toEqual(['reason']);
      expect(await read()).toEqual(before);
    });

    it('refuses a partner still in the partnership, and a round that does not exist', async () => {
      const byPartner = await forumClient.post<ErrorBody>(
        `agreements/${agreementId}/signing-rounds/${roundNumber}/cancellation`,
        { reason: 'Tidak setuju.' },
      );
      expect(byPartner.status).toBe(403);
      const unknown = await coordinator.post<ErrorBody>(
        `agreements/${agreementId}/signing-rounds/99/cancellation`,
        { reason: 'Salah putaran.' },
      );
      expect(unknown.status).toBe(404);
      expect(unknown.body.refusal?.code).toBe('agreements.round_not_found');
    });

    it('cancels the round with a reason, recording who did it; the MoU in force stays', async () => {
      const reason = 'Pusat studi belum menandatangani; keluarnya dicatat dalam rapat koordinasi.';
      const key = `cancel-${randomUUID()}`;
      const cancelled = await coordinator.post<SigningRound>(
        `agreements/${agreementId}/signing-rounds/${roundNumber}/cancellation`,
        { reason },
        key,
      );
      expect(cancelled.status).toBe(201);
      expect(cancelled.body).toMatchObject({
        status: 'cancelled',
        endedBy: { by: (await coordinator.user()).id, reason },
      });
      // The same key again answers the same, and changes nothing.
      const again = await coordinator.post<SigningRound>(
        `agreements/${agreementId}/signing-rounds/${roundNumber}/cancellation`,
        { reason },
        key,
      );
      expect(again.body).toEqual(cancelled.body);
      expect(await read()).toMatchObject({ status: 'effective', effectiveVersion: 3, pendingSignatures: [] });
      expect(await verify(4)).toMatchObject({ inForce: false, standing: 'never_in_force', complete: false });

      const twice = await coordinator.post<ErrorBody>(
        `agreements/${agreementId}/signing-rounds/${roundNumber}/cancellation`,
        { reason },
      );
      expect(twice.status).toBe(409);
      expect(twice.body.refusal?.code).toBe('agreements.round_ended');
    });

    it('supersedes an open round with an amendment that takes its place, with the reason on the round it ends', async () => {
      const inForce = await ok(version(coordinator, 3), 'v3');
      const amend = (baseVersion: number, changes: Partial<AgreementFields>, supersedes?: object) =>
        coordinator.post<AmendmentReceipt & ErrorBody>(`agreements/${agreementId}/amendments`, {
          baseVersion,
          fields: { ...inForce.content.fields, ...changes },
          expiresAt: inDays(7),
          ...(supersedes ? { supersedes } : {}),
        });
      const first = await ok(amend(4, { durationMonths: 30 }), 'amend duration');
      expect(first.round.versionNumber).toBe(5);
      const stale = await amend(
        5,
        { durationMonths: 36 },
        { roundNumber: first.round.number - 1, reason: 'Putaran lama.' },
      );
      expect(stale.status).toBe(409);
      expect(stale.body.refusal?.code).toBe('agreements.round_ended');
      const superseding = await ok(
        amend(
          5,
          { durationMonths: 36 },
          { roundNumber: first.round.number, reason: 'Rapat menyepakati 36 bulan.' },
        ),
        'supersede',
      );
      expect(superseding.version.number).toBe(6);
      const agreement = await read();
      expect(agreement.rounds.find((r) => r.number === first.round.number)).toMatchObject({
        status: 'superseded',
        endedBy: { by: (await coordinator.user()).id, reason: 'Rapat menyepakati 36 bulan.' },
      });
      expect(agreement.rounds.at(-1)).toMatchObject({ versionNumber: 6, status: 'open' });
      expect(await verify(5)).toMatchObject({ inForce: false, standing: 'never_in_force' });
    });
  });
});
