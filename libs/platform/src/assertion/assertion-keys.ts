import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import { z } from 'zod';
import { serviceNames, type ServiceName } from '@mitra/contracts';
import { AssertionSigner, AssertionVerifier } from './actor-assertion';
import { PairwiseKeys, type PeerAssertionKey } from './pairwise-keys';

/** A key's id is derived from the key itself, so an installation never has to name or number its keys. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64url')
    .slice(0, 16);
}

/** PEM (PKCS#8) X25519 private key of this process, for what it sends and what it receives alike. */
const ownKeyFile = z
  .string({ error: "must name the PEM file of this process's X25519 assertion key" })
  .min(1);

const commaSeparated = (error: string) =>
  z.string({ error }).transform((list) =>
    list
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

const lifetimeMs = z.coerce.number().int().min(1000).max(300_000).default(30_000);

const receiverKeyFile = z
  .string()
  .regex(/^[a-z]+=.+$/, 'must be <service>=<file>')
  .transform((entry) => {
    const separator = entry.indexOf('=');
    return { service: entry.slice(0, separator), file: entry.slice(separator + 1) };
  })
  .pipe(
    z.object({
      service: z.enum(serviceNames, { error: `must name a service: ${serviceNames.join(', ')}` }),
      file: z.string(),
    }),
  );

/** For a process that sends requests: the api, the worker, a service that calls another. */
export const assertionSigningConfigSchema = z.object({
  ASSERTION_KEY_FILE: ownKeyFile,
  /** `<service>=<file>` per service called, comma-separated: the PEM (SPKI) X25519 public key of each. */
  ASSERTION_RECEIVER_KEY_FILES: commaSeparated(
    'must list the X25519 public key files of the services this process calls, as <service>=<file> separated by commas',
  )
    .pipe(z.array(receiverKeyFile).min(1, 'must name the key of at least one service'))
    .refine(
      (entries) => new Set(entries.map(({ service }) => service)).size === entries.length,
      'must name each service once',
    ),
  /** How long an assertion is valid after it is issued. */
  ASSERTION_TTL_MS: lifetimeMs,
});
export type AssertionSigningConfig = z.infer<typeof assertionSigningConfigSchema>;

/** For a service that verifies what it receives. */
export const assertionVerifyingConfigSchema = z.object({
  ASSERTION_KEY_FILE: ownKeyFile,
  /** Comma-separated PEM (SPKI) X25519 public keys of every trusted sender; a sender's old and new one during a rotation. */
  ASSERTION_SENDER_KEY_FILES: commaSeparated(
    "must list the PEM files of the trusted senders' X25519 public keys, separated by commas",
  ).pipe(z.array(z.string()).min(1, 'must list at least one public key file')),
  /** The longest lifetime accepted; the senders' ASSERTION_TTL_MS must not exceed it. */
  ASSERTION_TTL_MS: lifetimeMs,
  ASSERTION_CLOCK_SKEW_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
});
export type AssertionVerifyingConfig = z.infer<typeof assertionVerifyingConfigSchema>;

function readKeyFile(file: string, variable: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new Error(
      `${variable}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
}

function requireX25519(key: KeyObject, file: string, variable: string): KeyObject {
  if (key.asymmetricKeyType !== 'x25519')
    throw new Error(`${variable}: ${file} holds a ${key.asymmetricKeyType ?? key.type} key, not X25519`);
  return key;
}

function loadOwnKeys(file: string): PairwiseKeys {
  const variable = 'ASSERTION_KEY_FILE';
  const privateKey = requireX25519(createPrivateKey(readKeyFile(file, variable)), file, variable);
  return new PairwiseKeys({ keyId: keyIdOf(createPublicKey(privateKey)), privateKey });
}

function loadPeerKey(file: string, variable: string): PeerAssertionKey {
  const publicKey = requireX25519(createPublicKey(readKeyFile(file, variable)), file, variable);
  return { keyId: keyIdOf(publicKey), publicKey };
}

export function loadAssertionSigner(config: AssertionSigningConfig): AssertionSigner {
  const receivers = new Map<ServiceName, PeerAssertionKey>(
    config.ASSERTION_RECEIVER_KEY_FILES.map(({ service, file }) => [
      service,
      loadPeerKey(file, 'ASSERTION_RECEIVER_KEY_FILES'),
    ]),
  );
  return new AssertionSigner(loadOwnKeys(config.ASSERTION_KEY_FILE), receivers, config.ASSERTION_TTL_MS);
}

export function loadAssertionVerifier(config: AssertionVerifyingConfig): AssertionVerifier {
  const senders = new Map(
    config.ASSERTION_SENDER_KEY_FILES.map((file) => {
      const sender = loadPeerKey(file, 'ASSERTION_SENDER_KEY_FILES');
      return [sender.keyId, sender] as const;
    }),
  );
  return new AssertionVerifier({
    keys: loadOwnKeys(config.ASSERTION_KEY_FILE),
    senders,
    maxLifetimeMs: config.ASSERTION_TTL_MS,
    clockSkewMs: config.ASSERTION_CLOCK_SKEW_MS,
  });
}
