import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BackendApp } from './apps';

/**
 * The apps that sign their requests, each with its own key pair: the api for its users, the worker for
 * the lifecycle's system actions, funding when it asks stakeholders and monitoring on a user's behalf.
 */
export const signingApps = ['api', 'worker', 'funding'] as const satisfies readonly BackendApp[];

/** The apps whose message handlers verify every assertion (see bootstrapService in @mitra/platform). */
export const verifyingApps = [
  'stakeholders',
  'agreements',
  'funding',
  'monitoring',
] as const satisfies readonly BackendApp[];

/** Where an installation keeps its keys: `.data/keys` for `npm start`, `<data dir>/keys` for a test system. */
export const keysDirOf = (dataDir: string) => path.join(dataDir, 'keys');

export interface AssertionKeyFiles {
  privateKeyFile: string;
  publicKeyFile: string;
}

/** `<dir>/<signer>.key` (PKCS#8 PEM, mode 0600) and `<dir>/<signer>.pub` (SPKI PEM), as `openssl genpkey -algorithm ed25519` and `openssl pkey -pubout` write them. */
export function assertionKeyFiles(dir: string, signer: string): AssertionKeyFiles {
  return { privateKeyFile: path.join(dir, `${signer}.key`), publicKeyFile: path.join(dir, `${signer}.pub`) };
}

/** Creates the Ed25519 key pair of `signer` in `dir` unless its private key exists; never overwrites a key. */
export function ensureAssertionKeyPair(dir: string, signer: string): AssertionKeyFiles {
  const files = assertionKeyFiles(dir, signer);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (fs.existsSync(files.privateKeyFile)) return files;
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  // 'wx': fails rather than overwrites, should two starts race for the same key.
  fs.writeFileSync(files.privateKeyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
    mode: 0o600,
    flag: 'wx',
  });
  fs.writeFileSync(files.publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 });
  return files;
}

/**
 * Generates, once, a key pair for every signing app and for each of `extraSigners` (the tests sign as
 * `tests`); keys that exist are kept, so an installation keeps its keys across starts.
 */
export function ensureInstallationKeys(keysDir: string, extraSigners: readonly string[] = []): void {
  for (const signer of [...signingApps, ...extraSigners]) ensureAssertionKeyPair(keysDir, signer);
}

/**
 * Every public key in the folder is trusted: during a rotation the retired key stays there under another
 * name (e.g. `api.previous.pub`) until no assertion it signed can still be valid.
 */
export function trustedPublicKeyFiles(keysDir: string): string[] {
  return fs
    .readdirSync(keysDir)
    .filter((file) => file.endsWith('.pub'))
    .sort()
    .map((file) => path.join(keysDir, file));
}

/** What `app` needs to sign (its private key) and to verify (every trusted public key). */
export function assertionKeyEnv(keysDir: string, app: BackendApp): Record<string, string> {
  const env: Record<string, string> = {};
  if ((signingApps as readonly BackendApp[]).includes(app))
    env.ASSERTION_SIGNING_KEY_FILE = assertionKeyFiles(keysDir, app).privateKeyFile;
  if ((verifyingApps as readonly BackendApp[]).includes(app))
    env.ASSERTION_PUBLIC_KEY_FILES = trustedPublicKeyFiles(keysDir).join(',');
  return env;
}
