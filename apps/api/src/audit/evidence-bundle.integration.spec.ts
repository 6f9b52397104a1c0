import { unzipSync, zipSync } from 'fflate';
import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { Agreement, AgreementFields, AgreementVersion, LedgerEntry, LifecycleState, Organisation, PartnershipIndicator, ProgressReport, Sector, SigningKey, VerificationReport } from '@mitra/contracts';
import { extractPdfText } from '@mitra/platform/pdf';
import { workspaceRoot } from '@mitra/stack';
import { ApiClient, demoAccounts } from '@mitra/testing';

/** Runs the offline verifier as an auditor would, with no server named in its environment. */
async function verifyOffline(zip: Uint8Array): Promise<{ code: number; stdout: string }> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bukti-')), 'bukti.zip');
  fs.writeFileSync(file, zip);
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['-r', '@swc-node/register', path.join('tools', 'audit', 'verify-bundle.ts'), file], {
      cwd: workspaceRoot,
      env: { PATH: process.env.PATH, SWC_NODE_PROJECT: path.join(workspaceRoot, 'tsconfig.base.json') },
    });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

/** Where an entry's compressed bytes are in the zip, read from its local file headers. */
function compressedBytesOf(zip: Uint8Array, name: string): { start: number; size: number } {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let at = 0; view.getUint32(at, true) === 0x04034b50; ) {
    const size = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const start = at + 30 + nameLength + view.getUint16(at + 28, true);
    if (Buffer.from(zip.subarray(at + 30, at + 30 + nameLength)).toString() === name) return { start, size };
    at = start + size;
  }
  throw new Error(`${name} is not in the zip`);
}

const text = (bytes: Uint8Array | undefined) => Buffer.from(bytes!).toString('utf8');
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('the evidence bundle through the api, checked offline by the command line', () => {
  const api = new ApiClient();
  const auditor = ApiClient.signedInAs(demoAccounts.auditor.email);
  let partnershipId = '';
  let agreement: Agreement;
  const org = { city: '', company: '' };
  let zip: Uint8Array;
  let files: Record<string, Uint8Array>;

  beforeAll(async () => {
    const register = async (name: string, sector: Sector) =>
      (await api.post<Organisation>('organisations', { name: `${name} ${randomUUID().slice(0, 8)}`, sector, region: { province: 'Jawa Barat', regency: 'Kota Bandung' }, acknowledgeDuplicate: true })).body.id;
    org.city = await register('Bappelitbang Kota Bandung', 'government_regency');
    org.company = await register('PT Susu Sehat', 'business');
    partnershipId = (await api.post<LifecycleState>('partnerships', { name: 'Kemitraan Gizi Cibangkong', leadOrganisationId: org.city })).body.partnershipId;
    const decide = (kind: string, body: object) => api.post(`partnerships/${partnershipId}/decisions/${kind}`, body);
    expect((await decide('completeTask', { taskId: '1.1', evidence: [{ label: 'Notulen rapat pembentukan', url: 'https://example.org/notulen.pdf' }] })).status).toBe(200);
    expect((await decide('addPartner', { organisationId: org.company, role: 'supporter' })).status).toBe(200);

    const signers = [org.city, org.company].map((organisationId) => ({ organisationId, userId: `signer-${organisationId.slice(-6)}`, ...generateKeyPairSync('ed25519') }));
    const keyIds = new Map<string, string>();
    for (const signer of signers) {
      const enrolled = await api.post<SigningKey>('signing-keys', { userId: signer.userId, organisationId: signer.organisationId, publicKey: signer.publicKey.export({ format: 'jwk' }).x });
      expect(enrolled.status).toBe(201);
      keyIds.set(signer.organisationId, enrolled.body.keyId);
    }
    const fields: AgreementFields = {
      title: 'Kemitraan Gizi Cibangkong',
      place: 'Bandung',
      parties: signers.map((signer, index) => ({
        organisationId: signer.organisationId,
        name: index === 0 ? 'Bappelitbang Kota Bandung' : 'PT Susu Sehat',
        sector: index === 0 ? 'government_regency' : 'business',
        role: index === 0 ? 'lead' : 'partner',
        representative: { userId: signer.userId, name: `Wakil ${index + 1}`, title: 'Pimpinan' },
        responsibilities: ['Menjalankan program gizi'],
        contributions: [],
      })),
      background: 'Angka stunting di Cibangkong masih tinggi.',
      purpose: 'Menurunkan prevalensi stunting balita.',
      scope: ['Kelas gizi balita'],
      sdgTargets: ['2.2'],
      governance: { body: 'Forum Gizi Cibangkong', decisionRule: 'consensus', meetingFrequency: 'quarterly' },
      communication: 'Rapat triwulanan.',
      funding: { mechanism: 'separate' },
      reporting: { frequency: 'quarterly' },
      startDate: '2026-01-01',
      durationMonths: 12,
    };
    const created = await api.post<Agreement>('agreements', { kind: 'mou', partnershipId, fields });
    expect(created.status).toBe(201);
    expect((await api.post(`agreements/${created.body.id}/signing-rounds`, { versionNumber: 1, mode: 'parallel', expiresAt: inDays(14) })).status).toBe(201);
    const { contentHash } = (await api.get<AgreementVersion>(`agreements/${created.body.id}/versions/1`)).body;
    for (const signer of signers) {
      const value = sign(null, Buffer.from(contentHash, 'hex'), signer.privateKey).toString('base64url');
      const signed = await api.post(`agreements/${created.body.id}/versions/1/signatures`, { organisationId: signer.organisationId, keyId: keyIds.get(signer.organisationId), contentHash, value });
      expect(signed.status).toBe(201);
    }
    agreement = (await api.get<Agreement>(`agreements/${created.body.id}`)).body;
    expect(agreement.status).toBe('effective');

    const funding = `partnerships/${partnershipId}/funding`;
    expect((await api.post(`${funding}/plan`, { mechanism: 'separate', lines: [{ id: 'gizi', activity: 'Kelas gizi balita', amount: 90_000_000, year: 2026, sdgTargets: ['2.2'], responsibleOrganisationId: org.company, source: { kind: 'csr', field: 'kesehatan' } }] })).status).toBe(201);
    const commitment = await api.post<LedgerEntry>(`${funding}/commitments`, { organisationId: org.company, contribution: { kind: 'cash', amount: 90_000_000 }, schedule: [{ dueOn: '2026-03-01', amount: 90_000_000 }] });
    expect(commitment.status).toBe(201);
    expect((await api.post(`${funding}/receipts`, { commitment: commitment.body.sequence, amount: 45_000_000, receivedOn: '2026-03-05', reference: 'TRF-SUSU-1' })).status).toBe(201);

    const monitoring = `monitoring/partnerships/${partnershipId}`;
    expect((await api.post(`${monitoring}/sdg-targets`, { targets: ['2.2'] })).status).toBe(201);
    expect((await api.post(`${monitoring}/schedule`, { startsOn: '2026-01-01', periodMonths: 3, graceDays: 30 })).status).toBe(201);
    const indicator = await api.post<PartnershipIndicator>(`${monitoring}/indicators`, {
      name: 'Prevalensi stunting balita',
      sdg: { kind: 'indicator', code: '2.2.1' },
      unit: '%',
      direction: 'lower_is_better',
      accumulation: 'per_period',
      targets: [{ periodNumber: 1, value: 25 }],
      disaggregations: ['sex'],
    });
    expect((await api.post(`${monitoring}/indicators/${indicator.body.id}/baseline`, { value: 28.4, date: '2025-12-31' })).status).toBe(201);
    const report = await api.post<ProgressReport>(`${monitoring}/reports`, {
      periodNumber: 1,
      organisationId: org.company,
      values: [{ indicatorId: indicator.body.id, value: 26.1, breakdown: [{ dimensions: { sex: 'female' }, value: 25.5 }, { dimensions: { sex: 'male' }, value: 26.7 }] }],
      narrative: 'Penimbangan serentak.',
    });
    expect(report.status).toBe(201);
    expect((await api.post(`${monitoring}/reports/${report.body.id}/approve`, {})).status).toBe(201);
  }, 120_000);

  it('downloads as the auditor a zip named after the partnership and the day', async () => {
    const response = await auditor.fetch(`audit/partnerships/${partnershipId}/bundle`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="bukti-${partnershipId}-\\d{4}-\\d{2}-\\d{2}\\.zip"$`));
    zip = new Uint8Array(await response.arrayBuffer());
    files = unzipSync(zip);
    const keyIds = agreement.rounds[0]!.signatures.map((signature) => signature.keyId);
    expect(Object.keys(files).sort()).toEqual(
      [
        'history.json',
        'timeline.pdf',
        'ledger.csv',
        'indicators.csv',
        `agreements/${agreement.id}/agreement.json`,
        `agreements/${agreement.id}/v1.json`,
        `agreements/${agreement.id}/v1-verification.json`,
        `agreements/${agreement.id}/v1.pdf`,
        ...keyIds.map((keyId) => `keys/${keyId}.json`),
        'manifest.json',
        'manifest.sha256',
      ].sort(),
    );
  }, 120_000);

  it('holds the raw history, the timeline in Bahasa Indonesia, the signed MoU with its report, the ledger and the indicator data', async () => {
    const history = JSON.parse(text(files['history.json'])) as { partnershipId: string; runs: { history: { events: { eventType: string }[] } }[] };
    expect(history.partnershipId).toBe(partnershipId);
    expect(history.runs[0]!.history.events[0]!.eventType).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_STARTED');

    // Wrapped lines are joined again: the PDF breaks long lines between words.
    const timeline = (await extractPdfText(files['timeline.pdf']!)).pages.join('\n').replace(/\n/g, ' ');
    expect(timeline).toContain('LINIMASA KEPUTUSAN KEMITRAAN');
    expect(timeline).toMatch(/1\. .* WIB · Tahap Inisiasi, siklus 1/);
    expect(timeline).toContain('Keputusan: Menyelesaikan tugas: 1.1 Merumuskan tantangan TPB');
    expect(timeline).toContain(`Oleh: Administrator (${(await api.user()).id}), Admin`);
    expect(timeline).toContain('Bukti: Notulen rapat pembentukan <https://example.org/notulen.pdf>');
    expect(timeline).toMatch(/Keputusan: Menambah mitra: PT Susu Sehat [0-9a-f]{8} \([0-9a-f]{24}\), pendukung/);

    const version = JSON.parse(text(files[`agreements/${agreement.id}/v1.json`])) as { version: AgreementVersion; signatures: unknown[] };
    expect(version.version.content.fields.title).toBe('Kemitraan Gizi Cibangkong');
    expect(version.signatures).toHaveLength(2);
    expect(JSON.parse(text(files[`agreements/${agreement.id}/v1-verification.json`])) as VerificationReport).toMatchObject({ valid: true, complete: true });
    expect(text(files[`agreements/${agreement.id}/v1.pdf`]?.slice(0, 5))).toBe('%PDF-');

    const ledger = text(files['ledger.csv']).split('\r\n');
    expect(ledger[0]).toMatch(/^sequence,at,kind,/);
    expect(ledger.map((line) => line.split(',').slice(2, 3)[0])).toEqual(['kind', 'plan_set', 'commitment', 'receipt', undefined]);
    expect(ledger[3]).toContain(`,45000000,${org.company},`);
    const indicators = text(files['indicators.csv']);
    expect(indicators).toContain(`,Prevalensi stunting balita,2.2.1,%,28.4,2025-12-31,1,25,${org.company},`);
    expect(indicators).toMatch(/,approved,sex=female,25\.5\r\n/);
  });

  it('verifies offline with the command line', async () => {
    const { code, stdout } = await verifyOffline(zip);
    expect(stdout).toContain(`partnership ${partnershipId}`);
    expect(stdout).toContain('1 agreement version(s), 2 signature(s) checked offline');
    expect(stdout).toContain('VALID');
    expect(code).toBe(0);
  }, 60_000);

  it('fails, naming the file, when one byte of a file in the zip changes', async () => {
    const ledger = Uint8Array.from(files['ledger.csv']!);
    ledger[ledger.length - 10] ^= 0x01;
    const { code, stdout } = await verifyOffline(zipSync({ ...files, 'ledger.csv': ledger }));
    expect(code).toBe(1);
    expect(stdout).toContain('INVALID: 1 problem(s)');
    expect(stdout).toContain('ledger.csv: altered: its SHA-256 is not the one in the manifest');
  }, 60_000);

  it('fails, naming the file, when one byte of the zip itself changes', async () => {
    // The timeline, because no other check reads it: the one problem named is the changed byte.
    const name = 'timeline.pdf';
    const damaged = Uint8Array.from(zip);
    const { start, size } = compressedBytesOf(damaged, name);
    damaged[start + Math.floor(size / 2)] ^= 0x01;
    const { code, stdout } = await verifyOffline(damaged);
    expect(code).toBe(1);
    expect(stdout).toContain(`${name}: altered`);
    expect(stdout.split('\n').filter((line) => /^ {2}\S+: \w+: /.test(line)).every((line) => line.startsWith(`  ${name}: `))).toBe(true);
  }, 60_000);

  it('is not for partners, and nothing of a partnership for a coordinator outside it', async () => {
    expect((await ApiClient.signedInAs(demoAccounts.forumCsr.email).fetch(`audit/partnerships/${partnershipId}/bundle`)).status).toBe(403);
    expect((await ApiClient.signedInAs(demoAccounts.coordinator.email).fetch(`audit/partnerships/${partnershipId}/bundle`)).status).toBe(404);
    expect((await auditor.fetch('audit/partnerships/0123456789abcdef0123/bundle')).status).toBe(404);
  });
});
