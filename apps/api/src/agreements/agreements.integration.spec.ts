import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import mongoose from 'mongoose';
import { decodePDFRawStream, PDFArray, PDFDocument, PDFRawStream, type PDFObject } from 'pdf-lib';
import {
  type Agreement,
  type AgreementFields,
  type AgreementTemplate,
  type AgreementVersion,
  type AmendmentReceipt,
  type ErrorBody,
  type OpenedRound,
  type RevisionReceipt,
  type SignatureReceipt,
  type SigningKey,
  type VerificationReport,
  type VersionDiff,
} from '@mitra/contracts';
import { ApiClient, demoAccounts } from '@mitra/testing';

/** The text the PDF shows, page by page, read back from its content streams. */
async function pdfText(bytes: Uint8Array): Promise<{ pages: string[]; subject?: string }> {
  const doc = await PDFDocument.load(bytes);
  const pages = doc.getPages().map((page) => {
    const contents = page.node.Contents();
    const streams: PDFObject[] = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)!) : contents ? [contents] : [];
    const operators = streams.map((s) => (s instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(s).decode()).toString('latin1') : '')).join('\n');
    return [...operators.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)].map((m) => Buffer.from(m[1], 'hex').toString('latin1')).join('\n');
  });
  return { pages, subject: doc.getSubject() };
}

interface Signatory {
  organisationId: string;
  userId: string;
  name: string;
  sector: 'government_regency' | 'cso' | 'business' | 'academia';
  privateKey: KeyObject;
  publicKey: string;
  keyId?: string;
}

function signatory(name: string, sector: Signatory['sector']): Signatory {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const organisationId = new mongoose.Types.ObjectId().toString();
  return { organisationId, userId: `signer-${organisationId.slice(-6)}`, name, sector, privateKey, publicKey: publicKey.export({ format: 'jwk' }).x! };
}

function fields(parties: Signatory[], overrides: Partial<AgreementFields> = {}): AgreementFields {
  return {
    title: 'Kemitraan Pengurangan Sampah Plastik Kota Bandung',
    place: 'Bandung',
    parties: parties.map((p, index) => ({
      organisationId: p.organisationId,
      name: p.name,
      sector: p.sector,
      role: index === 0 ? 'lead' : 'partner',
      representative: { userId: p.userId, name: `Wakil ${p.name}`, title: 'Pimpinan' },
      responsibilities: [`Menjalankan komponen ${p.name}`],
      contributions: index === 2 ? [{ kind: 'funds', description: 'Dana TJSL', amountIdr: 750_000_000 }] : [],
    })),
    background: 'Volume sampah plastik meningkat setiap tahun.',
    purpose: 'Mengurangi sampah plastik rumah tangga sebesar 30 persen.',
    scope: ['Bank sampah di setiap RW', 'Kampanye pengurangan plastik sekali pakai'],
    sdgTargets: ['12.5', '11.6'],
    governance: { body: 'Forum CSR Kota Bandung', decisionRule: 'consensus', meetingFrequency: 'quarterly' },
    communication: 'Rapat koordinasi dan laporan daring yang dapat diakses semua Pihak.',
    funding: { mechanism: 'co_funding', notes: 'Dana TJSL disalurkan melalui rekening program.' },
    reporting: { frequency: 'quarterly' },
    startDate: '2026-10-01',
    durationMonths: 24,
    ...overrides,
  };
}

const signHash = (s: Signatory, contentHash: string) => sign(null, Buffer.from(contentHash, 'hex'), s.privateKey).toString('base64url');
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('agreements through the api: a full signing round by three organisations', () => {
  const api = new ApiClient();
  const pemkot = signatory('Pemerintah Kota Bandung', 'government_regency');
  const yayasan = signatory('Yayasan Bumi Bersih', 'cso');
  const company = signatory('PT Kemasan Hijau', 'business');
  const parties = [pemkot, yayasan, company];
  let agreement: Agreement;
  let contentHash: string;

  it('lists the two templates with their clauses in both languages', async () => {
    const { status, body } = await api.get<AgreementTemplate[]>('agreement-templates');
    expect(status).toBe(200);
    expect(body.map((t) => t.title.id)).toEqual(['Nota Kesepahaman', 'Perjanjian Kerja Sama']);
    expect(body[0].clauses.map((c) => c.heading.en)).toContain('Dispute Resolution');
  });

  it('enrols each signer’s public key, and only the public key', async () => {
    for (const s of parties) {
      const { status, body } = await api.post<SigningKey>('signing-keys', { userId: s.userId, organisationId: s.organisationId, publicKey: s.publicKey });
      expect(status).toBe(201);
      expect(body).toMatchObject({ userId: s.userId, organisationId: s.organisationId, algorithm: 'Ed25519', publicKey: s.publicKey, enrolledBy: (await api.user()).id });
      s.keyId = body.keyId;
      expect((await api.get<SigningKey>(`signing-keys/${body.keyId}`)).body).toEqual(body);
    }
    const privateKeyInstead = await api.post<ErrorBody>('signing-keys', {
      userId: pemkot.userId,
      organisationId: pemkot.organisationId,
      publicKey: pemkot.privateKey.export({ format: 'jwk' }).d,
      privateKey: pemkot.privateKey.export({ format: 'jwk' }).d,
    });
    expect(privateKeyInstead.status).toBe(400);
    expect(privateKeyInstead.body.errors?.map((e) => e.field)).toEqual(['privateKey']);
  });

  it('drafts an MoU, revises it, and shows the diff between the versions', async () => {
    const created = await api.post<Agreement>('agreements', { kind: 'mou', partnershipId: randomBytes(10).toString('hex'), fields: fields(parties) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'mou', status: 'draft', latestVersion: 1, createdBy: (await api.user()).id });

    const revised = await api.post<RevisionReceipt>(`agreements/${created.body.id}/versions`, { baseVersion: 1, fields: fields(parties, { durationMonths: 36 }) });
    expect(revised.status).toBe(201);
    expect(revised.body).toMatchObject({ number: 2, basedOn: 1 });

    const diff = await api.get<VersionDiff>(`agreements/${created.body.id}/diff?from=1&to=2&language=en`);
    expect(diff.status).toBe(200);
    const changed = diff.body.clauses.filter((c) => c.status === 'changed');
    expect(changed.map((c) => c.key)).toEqual(['duration_amendment_termination']);
    expect(changed[0].lines.filter((l) => l.op !== 'unchanged')).toEqual([
      { op: 'removed', line: 'This Memorandum is in force for 24 months, from 1 October 2026 to 30 September 2028, and may be extended by agreement of the Parties.' },
      { op: 'added', line: 'This Memorandum is in force for 36 months, from 1 October 2026 to 30 September 2029, and may be extended by agreement of the Parties.' },
    ]);
    agreement = (await api.get<Agreement>(`agreements/${created.body.id}`)).body;
    const version = await api.get<AgreementVersion>(`agreements/${agreement.id}/versions/2`);
    expect(version.body.content.text.id.clauses).toHaveLength(12);
    contentHash = version.body.contentHash;
  });

  it('opens version 2 for signature in order, and each organisation signs its hash with its own key', async () => {
    const opened = await api.post<OpenedRound>(`agreements/${agreement.id}/signing-rounds`, { versionNumber: 2, mode: 'ordered', expiresAt: inDays(14), dueAt: inDays(7) });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ versionNumber: 2, contentHash, mode: 'ordered' });
    expect(opened.body.parties.map((p) => [p.organisationId, p.order])).toEqual(parties.map((p, index) => [p.organisationId, index + 1]));

    const pending = (await api.get<Agreement>(`agreements/${agreement.id}`)).body.pendingSignatures;
    expect(pending.map((p) => [p.organisationId, p.mayNowSign, p.overdue])).toEqual([
      [pemkot.organisationId, true, false],
      [yayasan.organisationId, false, false],
      [company.organisationId, false, false],
    ]);

    for (const s of parties) {
      const body = { organisationId: s.organisationId, keyId: s.keyId, contentHash, value: signHash(s, contentHash) };
      const signed = await api.post<SignatureReceipt>(`agreements/${agreement.id}/versions/2/signatures`, body);
      expect(signed.status).toBe(201);
      expect(signed.body.signature).toMatchObject({ organisationId: s.organisationId, keyId: s.keyId, contentHash });
    }

    const done = (await api.get<Agreement>(`agreements/${agreement.id}`)).body;
    expect(done).toMatchObject({ status: 'effective', effectiveVersion: 2, pendingSignatures: [] });
    expect(done.rounds[0].status).toBe('completed');
  });

  it('verifies every signature against the enrolled keys', async () => {
    const { status, body } = await api.get<VerificationReport>(`agreements/${agreement.id}/versions/2/verification`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ contentIntact: true, valid: true, complete: true, storedContentHash: contentHash, recomputedContentHash: contentHash, problems: [] });
    expect(body.signatures.map((s) => s.organisationId)).toEqual(parties.map((p) => p.organisationId));
  });

  it('renders a PDF that opens and shows the content hash and the signature page', async () => {
    const response = await api.fetch(`agreements/${agreement.id}/versions/2/pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const { pages, subject } = await pdfText(new Uint8Array(await response.arrayBuffer()));
    const signaturePage = pages[pages.length - 1];

    expect(subject).toBe(`SHA-256 ${contentHash}`);
    expect(pages[0]).toContain(contentHash);
    expect(signaturePage).toContain('HALAMAN TANDA TANGAN');
    for (const s of parties) expect(signaturePage).toContain(s.name);
    expect(signaturePage).toMatch(/Ditandatangani: .* WIB/);
    expect(signaturePage).toContain(`Sidik jari kunci: ${pemkot.keyId!.slice(0, 4)} ${pemkot.keyId!.slice(4, 8)}`);
  });

  it('amends the agreement in force so that only a joining partner signs', async () => {
    const university = signatory('Universitas Padjadjaran', 'academia');
    const enrolled = await api.post<SigningKey>('signing-keys', { userId: university.userId, organisationId: university.organisationId, publicKey: university.publicKey });
    university.keyId = enrolled.body.keyId;

    const amended = await api.post<AmendmentReceipt>(`agreements/${agreement.id}/amendments`, { baseVersion: 2, fields: fields([...parties, university], { durationMonths: 36 }), expiresAt: inDays(14) });
    expect(amended.status).toBe(201);
    expect(amended.body.version).toMatchObject({ number: 3, amendment: { affectedOrganisationIds: [university.organisationId], joinedOrganisationIds: [university.organisationId] } });
    expect(amended.body.round.parties.map((p) => p.organisationId)).toEqual([university.organisationId]);

    const hash3 = amended.body.version.contentHash;
    await api.post(`agreements/${agreement.id}/versions/3/signatures`, { organisationId: university.organisationId, keyId: university.keyId, contentHash: hash3, value: signHash(university, hash3) });
    expect((await api.get<Agreement>(`agreements/${agreement.id}`)).body).toMatchObject({ status: 'effective', effectiveVersion: 3 });
    const report = (await api.get<VerificationReport>(`agreements/${agreement.id}/versions/3/verification`)).body;
    expect(report).toMatchObject({ valid: true, complete: true });
    expect(report.signatures.map((s) => s.signedVersion)).toEqual([3, 2, 2, 2]);
  });

  it('answers bad input with field errors, an unknown agreement with 404, and a command without a key with 400', async () => {
    const bad = await api.post<ErrorBody>(`agreements/${agreement.id}/versions/2/signatures`, { organisationId: 'x', keyId: 'ABC', contentHash: 'abc', value: 'not a signature' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.field).sort()).toEqual(['contentHash', 'keyId', 'organisationId', 'value']);
    expect((await api.get(`agreements/${new mongoose.Types.ObjectId().toString()}`)).status).toBe(404);
    expect((await api.get('agreements/not-an-id')).status).toBe(400);
    expect((await api.get(`agreements/${agreement.id}/versions/0`)).status).toBe(400);
    const noKey = await api.post<ErrorBody>('agreements', { kind: 'mou', partnershipId: randomBytes(10).toString('hex'), fields: fields(parties) }, null);
    expect(noKey.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key', reason: 'is required' })]);
    const listed = await api.get<{ id: string }[]>(`agreements?partnershipId=${agreement.partnershipId}`);
    expect(listed.body.map((a) => a.id)).toEqual([agreement.id]);
  });
});

describe('revoking a signing key through the api', () => {
  const admin = new ApiClient();
  const forum = ApiClient.signedInAs(demoAccounts.forumCsr.email);
  const auditor = ApiClient.signedInAs(demoAccounts.auditor.email);

  it("lets an admin revoke a key with a reason, refuses anyone but its owner or an admin, and keeps the key on record", async () => {
    const signer = signatory('Yayasan Kunci Hilang', 'cso');
    const enrolled = await admin.post<SigningKey>('signing-keys', { userId: signer.userId, organisationId: signer.organisationId, publicKey: signer.publicKey });
    expect(enrolled.status).toBe(201);
    const path = `signing-keys/${enrolled.body.keyId}/revoke`;
    const reason = 'Perangkat penanda tangan dicuri.';

    expect((await forum.post<ErrorBody>(path, { reason })).body).toMatchObject({ code: 'FORBIDDEN' });
    expect((await auditor.post(path, { reason })).status).toBe(403);
    const noReason = await admin.post<ErrorBody>(path, { reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors?.map((e) => e.field)).toEqual(['reason']);
    expect((await admin.post(`signing-keys/${'0'.repeat(64)}/revoke`, { reason })).status).toBe(404);

    const revoked = await admin.post<SigningKey>(path, { reason });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ keyId: enrolled.body.keyId, revocation: { kind: 'revoked', reason, revokedBy: (await admin.user()).id } });
    expect((await admin.get<SigningKey>(`signing-keys/${enrolled.body.keyId}`)).body).toEqual(revoked.body);
    expect((await admin.post(path, { reason })).status).toBe(409);
  });
});
