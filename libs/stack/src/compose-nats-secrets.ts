// docker-compose's one-shot `nats-credentials` (after `tls-init`, before NATS): run in the app image as
// `node -r @swc-node/register libs/stack/src/compose-nats-secrets.ts <root>`. Idempotent.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureNatsCredentials, natsSeedFile, natsServerConfig, processNatsUsers } from './nats-access';

/** Where the NATS container mounts its volume, and the port it listens on inside the compose network. */
export const composeNatsConfigDir = '/etc/nats';
/** Where each app container mounts its own secrets volume (the environment of docker-compose.yml). */
export const composeAppSecretsDir = '/run/secrets/mitra';
/** The uid of `node`, as whom the app image runs. */
const appUid = 1000;

function copyFile(from: string, to: string, mode: number, uid?: number): void {
  fs.copyFileSync(from, to);
  fs.chmodSync(to, mode);
  if (uid !== undefined) fs.chownSync(to, uid, uid);
}

/**
 * Lays out, under `root`:
 * - `credentials/`: every process's nkey seed, generated once (this container only);
 * - `nats/`: the server's config from the permission table, with its TLS certificate and key;
 * - `<process>/`: that process's seed (`nats.nk`) and the CA (`nats-ca.crt`), each mounted by that process only.
 * It reads the CA and NATS's certificate from `tls/`, which tools/compose/init-tls.sh made.
 */
export function writeComposeNatsSecrets(root: string, options: { chown?: boolean } = {}): void {
  const tlsDir = path.join(root, 'tls');
  for (const file of ['ca.crt', 'server.crt', 'server.key']) {
    if (!fs.existsSync(path.join(tlsDir, file))) throw new Error(`${path.join(tlsDir, file)} is missing: tls-init (tools/compose/init-tls.sh) makes it`);
  }
  const credentialsDir = path.join(root, 'credentials');
  const publicKeys = ensureNatsCredentials(credentialsDir, processNatsUsers);

  const natsDir = path.join(root, 'nats');
  fs.mkdirSync(natsDir, { recursive: true });
  copyFile(path.join(tlsDir, 'server.crt'), path.join(natsDir, 'server.crt'), 0o644);
  copyFile(path.join(tlsDir, 'server.key'), path.join(natsDir, 'server.key'), 0o600);
  const config = natsServerConfig({
    host: '0.0.0.0',
    port: 4222,
    storeDir: '/data',
    users: publicKeys,
    tls: { certFile: `${composeNatsConfigDir}/server.crt`, keyFile: `${composeNatsConfigDir}/server.key` },
  });
  fs.writeFileSync(path.join(natsDir, 'nats.conf'), config, { mode: 0o644 });

  for (const user of processNatsUsers) {
    const appDir = path.join(root, user);
    fs.mkdirSync(appDir, { recursive: true, mode: 0o700 });
    const uid = options.chown ? appUid : undefined;
    if (uid !== undefined) fs.chownSync(appDir, uid, uid);
    copyFile(natsSeedFile(credentialsDir, user), path.join(appDir, 'nats.nk'), 0o400, uid);
    copyFile(path.join(tlsDir, 'ca.crt'), path.join(appDir, 'nats-ca.crt'), 0o444, uid);
  }
}

if (require.main === module) {
  const root = process.argv[2];
  if (!root) {
    console.error('usage: compose-nats-secrets.ts <root>');
    process.exit(2);
  }
  writeComposeNatsSecrets(root, { chown: true });
  console.log(`nats-credentials: a NATS user for each of ${processNatsUsers.join(', ')}`);
}
