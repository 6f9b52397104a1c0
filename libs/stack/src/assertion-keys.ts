import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BackendApp } from './apps';

/**
 * The apps that send requests, each with its own key pair: the api for its users, the worker for
 * the lifecycle's system actions, funding when it asks stakeholders and monitoring on a user's behalf, monitoring when it reads a
 * partnership's stakeholder map for an evaluation panel.
 */
export const signingApps = [
  'api',
  'worker',
  'funding',
  'monitoring',
] as const satisfies readonly BackendApp[];

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

/** `<dir>/<owner>.key` (PKCS#8 PEM, mode 0600) and `<dir>/<owner>.pub` (SPKI PEM), as `openssl genpkey -algorithm x25519` and `openssl pkey -pubout` write them. */
export function assertionKeyFiles(dir: string, owner: string): AssertionKeyFiles {
  return { privateKeyFile: path.join(dir, `${owner}.key`), publicKeyFile: path.join(dir, `${owner}.pub`) };
}

/**
 * Creates the X25519 key pair of `owner` in `dir` unless its private key exists; never overwrites an X25519
 * key. A key of another type (the Ed25519 signing keys that `npm start` made before) is replaced.
 */
export function ensureAssertionKeyPair(dir: string, owner: string): AssertionKeyFiles {
  const files = assertionKeyFiles(dir, owner);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (fs.existsSync(files.privateKeyFile)) {
    if (createPrivateKey(fs.readFileSync(files.privateKeyFile)).asymmetricKeyType === 'x25519') return files;
    fs.rmSync(files.privateKeyFile);
  }
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  // 'wx': fails rather than overwrites, should two starts race for the same key.
  fs.writeFileSync(files.privateKeyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
    mode: 0o600,
    flag: 'wx',
  });
  fs.writeFileSync(files.publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 });
  return files;
}

/**
 * Generates, once, a key pair for every app (each sends or receives requests, or both) and for each of
 * `extraSenders` (the tests send as `tests`); keys that exist are kept, so an installation keeps its keys
 * across starts.
 */
export function ensureInstallationKeys(keysDir: string, extraSenders: readonly string[] = []): void {
  const apps = new Set<string>([...signingApps, ...verifyingApps]);
  for (const owner of [...apps, ...extraSenders]) ensureAssertionKeyPair(keysDir, owner);
}

const onlyReceiving = (owner: string) =>
  (verifyingApps as readonly string[]).includes(owner) && !(signingApps as readonly string[]).includes(owner);

/**
 * The public keys of the senders in the folder, all trusted: during a rotation the retired key stays there
 * under another name (e.g. `api.previous.pub`) until no assertion made with it can still be valid. The keys
 * of services that only receive (`stakeholders.pub`, …) are no sender's.
 */
export function trustedSenderKeyFiles(keysDir: string): string[] {
  return fs
    .readdirSync(keysDir)
    .filter((file) => file.endsWith('.pub') && !onlyReceiving(file.split('.')[0] ?? file))
    .sort()
    .map((file) => path.join(keysDir, file));
}

/** What a sender needs to address each service: `<service>=<its public key file>`. */
export function receiverKeyEntries(
  keysDir: string,
): Array<{ service: (typeof verifyingApps)[number]; file: string }> {
  return verifyingApps.map((service) => ({
    service,
    file: assertionKeyFiles(keysDir, service).publicKeyFile,
  }));
}

/** The same as the value of ASSERTION_RECEIVER_KEY_FILES. */
export const receiverKeyFilesSetting = (keysDir: string): string =>
  receiverKeyEntries(keysDir)
    .map(({ service, file }) => `${service}=${file}`)
    .join(',');

/** What `app` needs: its own key, the services' public keys if it sends, the senders' if it receives. */
export function assertionKeyEnv(keysDir: string, app: BackendApp): Record<string, string> {
  const env: Record<string, string> = { ASSERTION_KEY_FILE: assertionKeyFiles(keysDir, app).privateKeyFile };
  if ((signingApps as readonly BackendApp[]).includes(app))
    env.ASSERTION_RECEIVER_KEY_FILES = receiverKeyFilesSetting(keysDir);
  if ((verifyingApps as readonly BackendApp[]).includes(app))
    env.ASSERTION_SENDER_KEY_FILES = trustedSenderKeyFiles(keysDir).join(',');
  return env;
}
