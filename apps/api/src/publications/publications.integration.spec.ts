import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import type {
  Agreement,
  AgreementFields,
  AgreementVersion,
  ErrorBody,
  LedgerEntry,
  LifecycleState,
  PartnershipIndicator,
  ProgressReport,
  Publication,
  PublicationRecord,
  PublicReport,
  PublicReportIndex,
  PublishedReport,
  SigningKey,
} from '@mitra/contracts';
import { ApiClient, demoAccounts } from '@mitra/testing';

const jakartaYear = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('annual reports: published by the coordinator, read by anyone, leaking nothing unpublished', () => {
  const admin = new ApiClient();
  const coordinator = ApiClient.signedInAs(demoAccounts.coordinator.email);
  const forum = ApiClient.signedInAs(demoAccounts.forumCsr.email);
  const lpm = ApiClient.signedInAs(demoAccounts.lpmCibangkong.email);
  const auditor = ApiClient.signedInAs(demoAccounts.auditor.email);
  const anonymous = ApiClient.anonymous();
  let partnershipId = '';
  let lpmReport: ProgressReport;
  const org = { bappelitbang: '', forum: '', lpm: '' };
  const publications = () => `partnerships/${partnershipId}/publications`;
  const publicReport = (year: number, id = partnershipId) => `public/partnerships/${id}/reports/${year}`;

  /** An MoU between the lead and Forum CSR, signed by both: governance comes from the version in force. */
  async function mouInForce(): Promise<void> {
    const signers = [
      { organisationId: org.bappelitbang, name: 'Bappelitbang Kota Bandung', sector: 'government_regency' as const, role: 'lead' as const },
      { organisationId: org.forum, name: 'Forum CSR Kota Bandung', sector: 'business' as const, role: 'partner' as const },
    ].map((party) => ({ ...party, userId: `penanda-${randomUUID().slice(0, 8)}`, keys: generateKeyPairSync('ed25519') }));
    const fields: AgreementFields = {
      title: 'Nota Kesepahaman Kemitraan Gizi Cibangkong',
      place: 'Bandung',
      parties: signers.map(({ organisationId, name, sector, role, userId }) => ({
        organisationId,
        name,
        sector,
        role,
        representative: { userId, name: `Wakil ${name}`, title: 'Pimpinan' },
        responsibilities: ['Menjalankan kelas gizi balita'],
        // In the MoU but never in a report: the partnership did not publish it.
        contributions: [{ kind: 'funds', description: 'Dana TJSL', amountIdr: 313_131_313 }],
      })),
      background: 'Prevalensi stunting di Cibangkong tinggi.',
      purpose: 'Menurunkan stunting balita.',
      scope: ['Kelas gizi balita'],
      sdgTargets: ['2.2'],
      governance: { body: 'Sekretariat Bersama KMP Gizi', decisionRule: 'consensus', meetingFrequency: 'monthly' },
      communication: 'Rapat bulanan.',
      funding: { mechanism: 'separate' },
      reporting: { frequency: 'quarterly' },
      startDate: `${jakartaYear}-01-01`,
      durationMonths: 24,
    };
    const mou = (await admin.post<Agreement>('agreements', { kind: 'mou', partnershipId, fields })).body;
    const { contentHash } = (await admin.get<AgreementVersion>(`agreements/${mou.id}/versions/1`)).body;
    expect((await admin.post(`agreements/${mou.id}/signing-rounds`, { versionNumber: 1, mode: 'parallel', expiresAt: inDays(14) })).status).toBe(201);
    for (const signer of signers) {
      const publicKey = signer.keys.publicKey.export({ format: 'jwk' }).x;
      const key = (await admin.post<SigningKey>('signing-keys', { userId: signer.userId, organisationId: signer.organisationId, publicKey })).body;
      const value = sign(null, Buffer.from(contentHash, 'hex'), signer.keys.privateKey).toString('base64url');
      expect((await admin.post(`agreements/${mou.id}/versions/1/signatures`, { organisationId: signer.organisationId, keyId: key.keyId, contentHash, value })).status).toBe(201);
    }
    expect((await admin.get<Agreement>(`agreements/${mou.id}`)).body).toMatchObject({ status: 'effective', effectiveVersion: 1 });
  }

  beforeAll(async () => {
    org.bappelitbang = (await coordinator.user()).organisationId!;
    org.forum = (await forum.user()).organisationId!;
    org.lpm = (await lpm.user()).organisationId!;
    partnershipId = (await coordinator.post<LifecycleState>('partnerships', { name: `Kemitraan Gizi Cibangkong ${randomUUID().slice(0, 6)}`, leadOrganisationId: org.bappelitbang })).body.partnershipId;
    for (const [organisationId, role] of [[org.forum, 'supporter'], [org.lpm, 'partner']]) {
      expect((await coordinator.post(`partnerships/${partnershipId}/decisions/addPartner`, { organisationId, role })).status).toBe(200);
    }
    await mouInForce();

    const funding = `partnerships/${partnershipId}/funding`;
    expect((await admin.post<LedgerEntry>(`${funding}/plan`, { mechanism: 'separate', lines: [{ id: 'gizi', activity: 'Kelas gizi balita', amount: 90_000_000, year: jakartaYear, sdgTargets: ['2.2'], responsibleOrganisationId: org.forum, source: { kind: 'csr', field: 'kesehatan' } }] })).status).toBe(201);
    const commitment = await admin.post<LedgerEntry>(`${funding}/commitments`, { organisationId: org.forum, contribution: { kind: 'cash', amount: 90_000_000 }, schedule: [{ dueOn: `${jakartaYear}-01-15`, amount: 90_000_000 }] });
    expect(commitment.status).toBe(201);
    expect((await admin.post(`${funding}/receipts`, { commitment: commitment.body.sequence, amount: 47_474_747, receivedOn: `${jakartaYear}-01-20`, reference: 'TRF-FORUM-1' })).status).toBe(201);

    const monitoring = `monitoring/partnerships/${partnershipId}`;
    expect((await coordinator.post(`${monitoring}/sdg-targets`, { targets: ['2.2'] })).status).toBe(201);
    expect((await coordinator.post(`${monitoring}/schedule`, { startsOn: `${jakartaYear}-01-01`, periodMonths: 3, graceDays: 30 })).status).toBe(201);
    const indicator = (await coordinator.post<PartnershipIndicator>(`${monitoring}/indicators`, { name: 'Prevalensi stunting balita', sdg: { kind: 'indicator', code: '2.2.1' }, unit: '%', direction: 'lower_is_better', accumulation: 'per_period', targets: [{ periodNumber: 1, value: 25 }] })).body;
    expect((await coordinator.post(`${monitoring}/indicators/${indicator.id}/baseline`, { value: 30, date: `${jakartaYear - 1}-12-31` })).status).toBe(201);
    const forumReport = await forum.post<ProgressReport>(`${monitoring}/reports`, { periodNumber: 1, values: [{ indicatorId: indicator.id, value: 27.5 }], narrative: 'Penimbangan serentak di posyandu.' });
    expect((await coordinator.post(`${monitoring}/reports/${forumReport.body.id}/approve`, {})).status).toBe(201);
    // Submitted, not approved: neither its value nor its narrative may reach the public.
    lpmReport = (await lpm.post<ProgressReport>(`${monitoring}/reports`, { periodNumber: 1, values: [{ indicatorId: indicator.id, value: 6.4321 }], narrative: 'RAHASIA: nama balita gizi buruk di RW 07' })).body;
    expect(lpmReport.status).toBe('submitted');
  }, 180_000);

  it('previews only the chosen sections, storing nothing', async () => {
    const preview = await coordinator.get<PublicReport>(`${publications()}/preview?year=${jakartaYear}&sections=funding`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ partnershipId, year: jakartaYear, sections: ['funding'], funding: { received: 47_474_747, byPartner: [{ name: 'Forum CSR Kota Bandung', received: 47_474_747, spent: 0 }] } });
    expect(Object.keys(preview.body)).not.toContain('partners');
    expect((await coordinator.get<PublicationRecord>(publications())).body).toEqual({ partnershipId, publications: [], decisions: [] });
    expect((await anonymous.get(publicReport(jakartaYear))).status).toBe(404);
  });

  it('publishes the chosen sections, and anyone reads them without signing in', async () => {
    const published = await coordinator.post<Publication>(publications(), { year: jakartaYear, sections: ['governance', 'partners', 'indicators'] });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ year: jakartaYear, status: 'published', publishedBy: (await coordinator.user()).id });

    const { status, body } = await anonymous.get<PublishedReport>(publicReport(jakartaYear));
    expect(status).toBe(200);
    expect(body.sections).toEqual(['governance', 'partners', 'indicators']);
    expect(body.governance).toMatchObject({ mouTitle: 'Nota Kesepahaman Kemitraan Gizi Cibangkong', versionNumber: 1, body: 'Sekretariat Bersama KMP Gizi', decisionRule: 'consensus', meetingFrequency: 'monthly' });
    expect(body.partners).toEqual([
      { name: 'Bappelitbang Kota Bandung', sector: 'government_regency', role: 'lead' },
      { name: 'Forum CSR Kota Bandung', sector: 'business', role: 'supporter' },
      { name: 'LPM Kelurahan Cibangkong', sector: 'community', role: 'partner' },
    ]);
    expect(body.indicators?.[0]).toMatchObject({ name: 'Prevalensi stunting balita', baseline: { value: 30 }, current: 27.5, target: 25, progress: 0.5 });
    expect(body.indicators?.[0].periods[0]).toMatchObject({ periodNumber: 1, value: 27.5, target: 25 });

    const index = await anonymous.get<PublicReportIndex>(`public/partnerships/${partnershipId}/reports`);
    expect(index.status).toBe(200);
    expect(index.body.reports).toEqual([{ year: jakartaYear, sections: ['governance', 'partners', 'indicators'], publishedAt: published.body.publishedAt }]);
  });

  it('leaks nothing unpublished: no unchosen section, unapproved value, narrative, MoU money or user id', async () => {
    const response = await anonymous.fetch(publicReport(jakartaYear));
    const text = await response.text();
    expect(JSON.parse(text)).not.toHaveProperty('funding');
    const users = await Promise.all([coordinator, forum, lpm].map(async (client) => (await client.user()).id));
    for (const unpublished of ['47474747', '90000000', '313131313', 'TRF-FORUM', '6.4321', 'RAHASIA', 'Penimbangan serentak', ...users, ...Object.values(org)]) {
      expect(text).not.toContain(unpublished);
    }
  });

  it('keeps the snapshot as published while the live data moves on', async () => {
    expect((await coordinator.post(`monitoring/partnerships/${partnershipId}/reports/${lpmReport.id}/approve`, {})).status).toBe(201);
    const live = (await coordinator.get<PublicReport>(`${publications()}/preview?year=${jakartaYear}&sections=indicators`)).body;
    // Two organisations' prevalences of one period: averaged, never added up (27.5 % + 6.4321 % is no prevalence).
    expect(live.indicators?.[0].periods[0].value).toBeCloseTo((27.5 + 6.4321) / 2);
    const { body } = await anonymous.get<PublishedReport>(publicReport(jakartaYear));
    expect(body.indicators?.[0].periods[0].value).toBe(27.5);
  });

  it('answers 404 to a year not published and to a partnership that published nothing, and 400 to a bad year', async () => {
    expect((await anonymous.get<ErrorBody>(publicReport(jakartaYear - 1))).status).toBe(404);
    expect((await anonymous.get(publicReport(jakartaYear, '0123456789abcdef0123'))).status).toBe(404);
    expect((await anonymous.get(`public/partnerships/0123456789abcdef0123/reports`)).status).toBe(404);
    const bad = await anonymous.get<ErrorBody>(`public/partnerships/${partnershipId}/reports/tahun-lalu`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((error) => error.field)).toEqual(['year']);
  });

  it('lets neither a partner nor an auditor publish or withdraw', async () => {
    for (const client of [forum, lpm, auditor]) {
      expect((await client.post(publications(), { year: jakartaYear, sections: ['funding'] })).status).toBe(403);
      expect((await client.post(`${publications()}/${jakartaYear}/withdrawal`, { reason: 'Tidak berwenang menarik laporan' })).status).toBe(403);
    }
    const { body } = await anonymous.get<PublishedReport>(publicReport(jakartaYear));
    expect(body.sections).toEqual(['governance', 'partners', 'indicators']);
  });

  it('refuses bad input with the field, storing nothing', async () => {
    const before = (await coordinator.get<PublicationRecord>(publications())).body;
    for (const [body, field] of [
      [{ year: jakartaYear, sections: ['anggaran'] }, 'sections.0'],
      [{ year: jakartaYear, sections: [] }, 'sections'],
      [{ year: jakartaYear, sections: ['partners', 'partners'] }, 'sections'],
      [{ year: 1999, sections: ['partners'] }, 'year'],
      [{ year: jakartaYear + 1, sections: ['partners'] }, 'year'],
      [{ year: jakartaYear, sections: ['partners'], narrative: 'semua' }, 'narrative'],
    ] as const) {
      const refused = await coordinator.post<ErrorBody>(publications(), body);
      expect([refused.status, refused.body.errors?.map((error) => error.field)]).toEqual([400, [field]]);
    }
    const short = await coordinator.post<ErrorBody>(`${publications()}/${jakartaYear}/withdrawal`, { reason: 'salah' });
    expect([short.status, short.body.errors?.map((error) => error.field)]).toEqual([400, ['reason']]);
    expect((await coordinator.get<PublicationRecord>(publications())).body).toEqual(before);
  });

  it('answers a repeated command with its first reply, and refuses the key for another', async () => {
    const key = `publish-${randomUUID()}`;
    const first = await coordinator.post<Publication>(publications(), { year: jakartaYear - 1, sections: ['partners'] }, key);
    const again = await coordinator.post<Publication>(publications(), { year: jakartaYear - 1, sections: ['partners'] }, key);
    expect(first.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect((await coordinator.post(publications(), { year: jakartaYear - 1, sections: ['funding'] }, key)).status).toBe(409);
    expect((await coordinator.get<PublicationRecord>(publications())).body.decisions.filter((d) => d.year === jakartaYear - 1)).toHaveLength(1);
  });

  it('withdraws a year from the public page and records the decision', async () => {
    const reason = 'Data capaian perlu diverifikasi ulang oleh panel';
    const withdrawn = await coordinator.post<Publication>(`${publications()}/${jakartaYear}/withdrawal`, { reason });
    expect(withdrawn.status).toBe(201);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdrawalReason: reason, withdrawnBy: (await coordinator.user()).id });
    expect((await anonymous.get(publicReport(jakartaYear))).status).toBe(404);
    expect((await anonymous.get<PublicReportIndex>(`public/partnerships/${partnershipId}/reports`)).body.reports.map((r) => r.year)).toEqual([jakartaYear - 1]);
    const record = (await auditor.get<PublicationRecord>(publications())).body;
    expect(record.decisions.filter((d) => d.year === jakartaYear).map((d) => d.kind)).toEqual(['published', 'withdrawn']);
    expect((await coordinator.post(`${publications()}/${jakartaYear}/withdrawal`, { reason })).status).toBe(409);
    expect((await coordinator.post(`${publications()}/${jakartaYear - 5}/withdrawal`, { reason })).status).toBe(404);
  });
});
