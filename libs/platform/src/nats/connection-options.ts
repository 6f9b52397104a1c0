import * as fs from 'node:fs';
import { nkeyAuthenticator, nkeys, type ConnectionOptions } from 'nats';
import { natsInboxPrefix } from '@mitra/contracts';
import type { NatsConfig } from '../config';

/** What a process needs to reach NATS as its own user. */
export type NatsConnectionConfig = Pick<NatsConfig, 'NATS_URL' | 'NATS_NKEY_SEED_FILE' | 'NATS_TLS_CA_FILE'>;

/** Reads a user seed (`SU…`) from a file; a missing, unreadable or wrong file names the setting. */
export function readNatsUserSeed(file: string): { seed: Uint8Array; publicKey: string } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new Error(`NATS_NKEY_SEED_FILE: cannot read ${file} (${error instanceof Error ? error.message : String(error)})`);
  }
  const seed = new TextEncoder().encode(text);
  let publicKey: string;
  try {
    publicKey = nkeys.fromSeed(seed).getPublicKey();
  } catch {
    throw new Error(`NATS_NKEY_SEED_FILE: ${file} does not hold an nkey seed`);
  }
  if (!publicKey.startsWith('U')) throw new Error(`NATS_NKEY_SEED_FILE: ${file} holds an nkey seed that is not a user's (it must start with SU)`);
  return { seed, publicKey };
}

/**
 * Connection options every process uses: its own nkey user and inbox prefix, TLS when a CA is
 * given, and reconnecting forever (a NATS restart must not take a service down with it).
 */
export function natsConnectionOptions(config: NatsConnectionConfig): ConnectionOptions {
  const user = config.NATS_NKEY_SEED_FILE ? readNatsUserSeed(config.NATS_NKEY_SEED_FILE) : undefined;
  return {
    servers: config.NATS_URL,
    reconnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    ...(user ? { authenticator: nkeyAuthenticator(user.seed), inboxPrefix: natsInboxPrefix(user.publicKey) } : {}),
    ...(config.NATS_TLS_CA_FILE ? { tls: { caFile: config.NATS_TLS_CA_FILE } } : {}),
  };
}
