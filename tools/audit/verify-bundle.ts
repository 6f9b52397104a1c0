// Checks an evidence bundle (GET /api/v1/audit/partnerships/:id/bundle) offline, with nothing but
// the zip: every file against the SHA-256 manifest, the workflow history as Temporal reads it, and
// every agreement version's signatures against the public keys in the bundle.
//   node -r @swc-node/register tools/audit/verify-bundle.ts <bukti-….zip> [--json report.json]
// Exits 0 when the bundle is valid, 1 naming each failing file, 2 on bad arguments.
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { unzipSync } from 'fflate';
import { createPublicKey, verify } from 'node:crypto';
import * as fs from 'node:fs';
import { verifyBundle, type BundleFile, type BundleProblem, type BundleVerification, type Ed25519Verify } from '@mitra/domain';

interface Arguments {
  file: string;
  json?: string;
}

export function parseArguments(argv: readonly string[]): Arguments {
  const files: string[] = [];
  let json: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i]!;
    if (argument === '--json') {
      json = argv[++i];
      if (!json) throw new Error('--json needs a file name');
    } else if (argument.startsWith('-')) throw new Error(`unknown option: ${argument}`);
    else files.push(argument);
  }
  if (files.length !== 1) throw new Error('give exactly one bundle (.zip)');
  return { file: files[0]!, ...(json ? { json } : {}) };
}

/** Ed25519 (RFC 8032) by node:crypto from a raw 32-byte public key; false for anything malformed. */
export const ed25519Verify: Ed25519Verify = (publicKey, message, signature) => {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  try {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') }, format: 'jwk' });
    return verify(null, message, key, signature);
  } catch {
    return false;
  }
};

/**
 * The zip's files, each inflated on its own, so a damaged one is named rather than failing the
 * whole archive; a file that does not inflate to the size its entry records is damaged too.
 */
export function readZip(zip: Uint8Array): { files: BundleFile[]; problems: BundleProblem[] } {
  const entries: { name: string; originalSize: number }[] = [];
  try {
    unzipSync(zip, { filter: (entry) => (entries.push({ name: entry.name, originalSize: entry.originalSize }), false) });
  } catch (error) {
    return { files: [], problems: [{ file: '(zip)', problem: 'malformed', detail: `not a readable zip: ${(error as Error).message}` }] };
  }
  const files: BundleFile[] = [];
  const problems: BundleProblem[] = [];
  for (const { name, originalSize } of entries.filter((entry) => !entry.name.endsWith('/'))) {
    try {
      const bytes = unzipSync(zip, { filter: (entry) => entry.name === name })[name];
      if (!bytes || bytes.length !== originalSize) throw new Error(`${bytes?.length ?? 0} bytes where the zip records ${originalSize}`);
      files.push({ name, bytes });
    } catch (error) {
      problems.push({ file: name, problem: 'altered', detail: `damaged in the zip: ${(error as Error).message}` });
    }
  }
  return { files, problems };
}

export function verifyBundleZip(zip: Uint8Array): BundleVerification {
  const read = readZip(zip);
  const verification = verifyBundle(read.files, { verify: ed25519Verify, parseHistory: (history) => historyFromJSON(history) });
  // A damaged entry is also "missing" to the manifest; the damage is what to report.
  const damaged = new Set(read.problems.map((problem) => problem.file));
  const problems = [...read.problems, ...verification.problems.filter((problem) => !(damaged.has(problem.file) && problem.problem === 'missing'))];
  return { ...verification, valid: problems.length === 0, problems };
}

export function reportText(name: string, verification: BundleVerification): string {
  const lines = [
    `${name}: partnership ${verification.partnershipId ?? '?'}, generated ${verification.generatedAt ?? '?'}`,
    `  ${verification.files} file(s); history: ${verification.runs} run(s), ${verification.historyEvents} event(s); ${verification.versions} agreement version(s), ${verification.signatures} signature(s) checked offline`,
  ];
  if (verification.valid) return [...lines, 'VALID: every file matches the manifest and every signature verifies.'].join('\n');
  return [...lines, `INVALID: ${verification.problems.length} problem(s)`, ...verification.problems.map((problem) => `  ${problem.file}: ${problem.problem}: ${problem.detail}`)].join('\n');
}

function main(): number {
  let args: Arguments;
  try {
    args = parseArguments(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\nusage: verify-bundle.ts <bundle.zip> [--json report.json]`);
    return 2;
  }
  let zip: Uint8Array;
  try {
    zip = fs.readFileSync(args.file);
  } catch (error) {
    console.error(`cannot read ${args.file}: ${(error as Error).message}`);
    return 2;
  }
  const verification = verifyBundleZip(zip);
  console.log(reportText(args.file, verification));
  if (args.json) fs.writeFileSync(args.json, `${JSON.stringify(verification, null, 2)}\n`);
  return verification.valid ? 0 : 1;
}

if (require.main === module) process.exit(main());
