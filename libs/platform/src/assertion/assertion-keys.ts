import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import { z } from 'zod';
import { AssertionSigner, AssertionVerifier } from './actor-assertion';

/** A key's id is derived from the key itself, so an installation never has to name or number its keys. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64url')
    .slice(0, 16);
}

const lifetimeMs = z.coerce.number().int().min(1000).max(300_000).default(30_000);

/** For a process that signs its requests: the api, the worker, a service that calls another. */
export const assertionSigningConfigSchema = z.object({
  /** PEM (PKCS#8) Ed25519 private key, readable only by the process's user. */
  ASSERTION_SIGNING_KEY_FILE: z
    .string({ error: "must name the PEM file of this process's Ed25519 signing key" })
    .min(1),
  /** How long an assertion is valid after it is issued. */
  ASSERTION_TTL_MS: lifetimeMs,
});
export type AssertionSigningConfig = z.infer<typeof assertionSigningConfigSchema>;

/** For a service that verifies what it receives. */
export const assertionVerifyingConfigSchema = z.object({
  /** Comma-separated PEM (SPKI) Ed25519 public keys of every trusted signer; old and new ones during a rotation. */
  ASSERTION_PUBLIC_KEY_FILES: z
    .string({
      error: "must list the PEM files of the trusted signers' Ed25519 public keys, separated by commas",
    })
    .transform((files) =>
      files
        .split(',')
        .map((file) => file.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string()).min(1, 'must list at least one public key file')),
  /** The longest lifetime accepted; the signers' ASSERTION_TTL_MS must not exceed it. */
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

function requireEd25519(key: KeyObject, file: string, variable: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error(`${variable}: ${file} holds a ${key.asymmetricKeyType ?? key.type} key, not Ed25519`);
  return key;
}

export function loadAssertionSigner(config: AssertionSigningConfig): AssertionSigner {
  const variable = 'ASSERTION_SIGNING_KEY_FILE';
  const file = config.ASSERTION_SIGNING_KEY_FILE;
  const privateKey = requireEd25519(createPrivateKey(readKeyFile(file, variable)), file, variable);
  return new AssertionSigner(
    { keyId: keyIdOf(createPublicKey(privateKey)), privateKey },
    config.ASSERTION_TTL_MS,
  );
}

export function loadAssertionVerifier(config: AssertionVerifyingConfig): AssertionVerifier {
  const variable = 'ASSERTION_PUBLIC_KEY_FILES';
  const publicKeys = new Map(
    config.ASSERTION_PUBLIC_KEY_FILES.map((file) => {
      const key = requireEd25519(createPublicKey(readKeyFile(file, variable)), file, variable);
      return [keyIdOf(key), key] as const;
    }),
  );
  return new AssertionVerifier({
    publicKeys,
    maxLifetimeMs: config.ASSERTION_TTL_MS,
    clockSkewMs: config.ASSERTION_CLOCK_SKEW_MS,
  });
}
