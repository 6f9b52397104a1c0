import { assertionKeyFiles, ensureInstallationKeys, keysDirOf, receiverKeyEntries } from '@mitra/stack';
import { systemEnv } from './system';

/** Tests that talk to a service directly send as a sender of their own, which only the test system trusts. */
export const testSigner = 'tests';

/** Generates the keys of a system started from `dataDir` (the test system, a bench's own stack), the tests' own among them. */
export function ensureTestKeys(dataDir: string): string {
  const keysDir = keysDirOf(dataDir);
  ensureInstallationKeys(keysDir, [testSigner]);
  return keysDir;
}

/** The test system's keys: where a test that restarts an app finds them. */
export function systemKeysDir(): string {
  return keysDirOf(systemEnv().MITRA_TEST_DATA_DIR);
}

/**
 * What `signingNatsClientProxy` and `createServiceClient` of @mitra/platform need to call the services as
 * the tests: the NATS address and user (the test system's `tester`, or a bench stack's), the tests' own
 * assertion key and the services' public keys (of the test system, or of a bench's own stack).
 */
export function testCallerConfig(
  nats: { NATS_URL: string; NATS_NKEY_SEED_FILE?: string } = systemEnv(),
  keysDir = systemKeysDir(),
) {
  return {
    NATS_URL: nats.NATS_URL,
    ...(nats.NATS_NKEY_SEED_FILE ? { NATS_NKEY_SEED_FILE: nats.NATS_NKEY_SEED_FILE } : {}),
    ASSERTION_KEY_FILE: assertionKeyFiles(keysDir, testSigner).privateKeyFile,
    ASSERTION_RECEIVER_KEY_FILES: receiverKeyEntries(keysDir),
    ASSERTION_TTL_MS: 30_000,
  };
}
