import { zipSync } from 'fflate';
import { generateKeyPairSync, sign as ed25519Sign } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Actor, AgreementFields, SigningKey } from '@mitra/contracts';
import {
  assembleBundle,
  bundlePaths,
  createAgreement,
  jsonFile,
  keyFingerprint,
  openSigning,
  sign,
  textFile,
  verifyVersion,
  versionFileOf,
  type BundleFile,
} from '@mitra/domain';
import { ed25519Verify, parseArguments, readZip, reportText, verifyBundleZip } from './verify-bundle';

const now = '2026-06-01T00:00:00.000Z';
const partnershipId = '0123456789abcdef0123';
const coordinator: Actor = { userId: 'koor-1', role: 'coordinator' };
const organisations = ['64a000000000000000000001', '64a000000000000000000002'];

const fields: AgreementFields = {
  title: 'Pencegahan Stunting Kota Bandung',
  place: 'Bandung',
  parties: organisations.map((organisationId, index) => ({
    organisationId,
    name: `Pihak ${index + 1}`,
    sector: 'cso',
    role: index === 0 ? 'lead' : 'partner',
    representative: { userId: `signer-${index}`, name: `Wakil ${index + 1}`, title: 'Ketua' },
    responsibilities: ['Menjalankan program'],
    contributions: [],
  })),
  background: 'Angka stunting masih tinggi.',
  purpose: 'Menurunkan stunting.',
  scope: ['Pendampingan kader'],
  sdgTargets: ['2.2'],
  governance: { body: 'Forum bersama', decisionRule: 'consensus', meetingFrequency: 'quarterly' },
  communication: 'Rapat berkala.',
  funding: { mechanism: 'separate' },
  reporting: { frequency: 'quarterly' },
  startDate: '2026-07-01',
  durationMonths: 12,
};

/** A real bundle: an MoU signed with real Ed25519 keys, and a real recorded Temporal history. */
function bundleFiles(): BundleFile[] {
  const signers = organisations.map((organisationId, index) => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const raw = new Uint8Array(Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url'));
    const key: SigningKey = { keyId: keyFingerprint(raw), userId: `signer-${index}`, organisationId, algorithm: 'Ed25519', publicKey: Buffer.from(raw).toString('base64url'), enrolledAt: now, enrolledBy: `signer-${index}` };
    return { key, privateKey };
  });
  let state = createAgreement({ id: '64b000000000000000000001', kind: 'mou', partnershipId, fields }, { actor: coordinator, now });
  state = openSigning(state, { versionNumber: 1, mode: 'parallel', expiresAt: '2026-07-01T00:00:00.000Z' }, { actor: coordinator, now }).state;
  for (const { key, privateKey } of signers) {
    const contentHash = state.versions[0]!.contentHash;
    const value = ed25519Sign(null, Buffer.from(contentHash, 'hex'), privateKey).toString('base64url');
    const actor: Actor = { userId: key.userId, role: 'partner', organisationId: key.organisationId };
    state = sign(state, { versionNumber: 1, signature: { organisationId: key.organisationId, keyId: key.keyId, contentHash, value } }, { actor, now, key, verify: ed25519Verify }).state;
  }
  const keys = new Map(signers.map(({ key }) => [key.keyId, key]));
  const recorded = JSON.parse(fs.readFileSync(path.join(__dirname, '../../apps/worker/test/histories/refusals.json'), 'utf8')) as unknown;
  return assembleBundle({ partnershipId, partnershipName: 'Kemitraan Uji', generatedAt: now, generatedBy: { userId: 'audit-1', role: 'auditor' } }, [
    jsonFile(bundlePaths.history, { partnershipId, workflowId: `partnership-${partnershipId}`, runs: [{ runId: 'run-1', history: recorded }] }),
    textFile(bundlePaths.timeline, '%PDF-1.7\n'),
    textFile(bundlePaths.ledger, 'sequence\r\n'),
    textFile(bundlePaths.indicators, 'indicator_id\r\n'),
    jsonFile(bundlePaths.agreement(state.id), { ...state, versions: state.versions.map(({ content: _content, ...summary }) => summary) }),
    jsonFile(bundlePaths.version(state.id, 1), versionFileOf(state, 1)),
    jsonFile(bundlePaths.verification(state.id, 1), verifyVersion(state, 1, keys, ed25519Verify, now)),
    ...signers.map(({ key }) => jsonFile(bundlePaths.key(key.keyId), key)),
  ]);
}

const zip = (files: BundleFile[]) => zipSync(Object.fromEntries(files.map((file) => [file.name, file.bytes])));

/** Where an entry's compressed bytes start in the zip, from the local file headers. */
function dataOffset(archive: Uint8Array, name: string): { start: number; size: number } {
  const view = new DataView(archive.buffer, archive.byteOffset, archive.byteLength);
  for (let at = 0; view.getUint32(at, true) === 0x04034b50; ) {
    const size = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const start = at + 30 + nameLength + view.getUint16(at + 28, true);
    if (Buffer.from(archive.subarray(at + 30, at + 30 + nameLength)).toString() === name) return { start, size };
    at = start + size;
  }
  throw new Error(`${name} is not in the zip`);
}

describe('the bundle verifier on the command line', () => {
  const files = bundleFiles();

  it('finds a bundle valid offline: manifest, the Temporal history and real Ed25519 signatures', () => {
    const verification = verifyBundleZip(zip(files));
    expect(verification).toMatchObject({ valid: true, problems: [], versions: 1, signatures: 2, runs: 1 });
    expect(verification.historyEvents).toBeGreaterThan(10);
    expect(reportText('bukti.zip', verification)).toContain('VALID: every file matches the manifest and every signature verifies.');
  });

  it('names the file whose bytes changed inside the zip', () => {
    const archive = zip(files);
    const { start, size } = dataOffset(archive, bundlePaths.history);
    archive[start + Math.floor(size / 2)] ^= 0x10;
    const verification = verifyBundleZip(archive);

    expect(verification.valid).toBe(false);
    expect(new Set(verification.problems.map((problem) => problem.file))).toEqual(new Set([bundlePaths.history]));
    expect(reportText('bukti.zip', verification)).toMatch(/INVALID: \d problem\(s\)\n {2}history\.json: altered: /);
  });

  it('says so when the file is not a zip at all', () => {
    expect(readZip(new TextEncoder().encode('bukan zip')).problems).toEqual([{ file: '(zip)', problem: 'malformed', detail: expect.stringContaining('not a readable zip') }]);
  });

  it('takes exactly one bundle and an optional report file', () => {
    expect(parseArguments(['bukti.zip', '--json', 'laporan.json'])).toEqual({ file: 'bukti.zip', json: 'laporan.json' });
    expect(() => parseArguments([])).toThrow('give exactly one bundle');
    expect(() => parseArguments(['a.zip', 'b.zip'])).toThrow('give exactly one bundle');
    expect(() => parseArguments(['--verbose', 'a.zip'])).toThrow('unknown option: --verbose');
  });

  it('verifies Ed25519 and refuses malformed keys and signatures', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const raw = new Uint8Array(Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url'));
    const message = new TextEncoder().encode('pesan');
    const signature = new Uint8Array(ed25519Sign(null, message, privateKey));
    expect(ed25519Verify(raw, message, signature)).toBe(true);
    expect(ed25519Verify(raw, new TextEncoder().encode('pesan lain'), signature)).toBe(false);
    expect(ed25519Verify(raw.slice(1), message, signature)).toBe(false);
    expect(ed25519Verify(raw, message, signature.slice(1))).toBe(false);
  });
});
