import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { connect } from 'nats';
import { natsConnectionOptions, readNatsUserSeed } from '@mitra/platform';
import {
  dataRoot,
  freePort,
  natsServerConfig,
  processNatsUsers,
  serverBinaries,
  startProcess,
  tcpReachable,
  workspaceRoot,
  writeComposeNatsSecrets,
  type ManagedProcess,
} from '@mitra/stack';

// What docker-compose's tls-init and nats-credentials produce, run here on the host against a real
// nats-server with TLS (the compose file itself is checked by docker-compose.spec.ts).
describe("compose's NATS secrets", () => {
  const root = fs.mkdtempSync(path.join((fs.mkdirSync(dataRoot, { recursive: true }), dataRoot), 'compose-secrets-'));
  const tlsDir = path.join(root, 'tls');
  const initTls = (names: string) =>
    execFileSync('sh', [path.join(__dirname, 'init-tls.sh')], { env: { ...process.env, TLS_DIR: tlsDir, NATS_TLS_NAMES: names }, encoding: 'utf8' });
  let nats: ManagedProcess | undefined;
  let port: number;

  beforeAll(async () => {
    // `localhost` too, so this host can verify the name it dials.
    initTls('DNS:nats,DNS:localhost');
    writeComposeNatsSecrets(root);
    port = await freePort();
    const publicKeys = Object.fromEntries(processNatsUsers.map((user) => [user, readNatsUserSeed(path.join(root, user, 'nats.nk')).publicKey]));
    const configFile = path.join(root, 'nats-local.conf');
    fs.writeFileSync(
      configFile,
      natsServerConfig({
        host: '127.0.0.1',
        port,
        storeDir: path.join(root, 'jetstream'),
        users: publicKeys,
        tls: { certFile: path.join(root, 'nats', 'server.crt'), keyFile: path.join(root, 'nats', 'server.key') },
      }),
    );
    nats = await startProcess({
      name: 'nats-tls',
      command: serverBinaries.natsServer,
      args: ['-c', configFile],
      cwd: workspaceRoot,
      logFile: path.join(root, 'nats.log'),
      isReady: () => tcpReachable(port),
    });
  }, 60_000);

  afterAll(async () => {
    await nats?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('keep the CA, the certificate and every seed on a second run', () => {
    const files = ['tls/ca.crt', 'tls/server.crt', 'credentials/api.nk', 'api/nats.nk', 'nats/nats.conf'];
    const before = files.map((file) => fs.readFileSync(path.join(root, file), 'utf8'));
    expect(initTls('DNS:nats,DNS:localhost')).toBe('');
    writeComposeNatsSecrets(root);
    expect(files.map((file) => fs.readFileSync(path.join(root, file), 'utf8'))).toEqual(before);
  });

  it("give each process its own seed, readable by its owner only, and the server's config every user", () => {
    const config = JSON.parse(fs.readFileSync(path.join(root, 'nats', 'nats.conf'), 'utf8')) as {
      port: number;
      tls: { cert_file: string };
      authorization: { users: Array<{ nkey: string }> };
    };
    expect(config).toMatchObject({ port: 4222, tls: { cert_file: '/etc/nats/server.crt' } });
    const seeds = processNatsUsers.map((user) => path.join(root, user, 'nats.nk'));
    expect(new Set(seeds.map((file) => fs.readFileSync(file, 'utf8'))).size).toBe(processNatsUsers.length);
    expect(config.authorization.users.map((user) => user.nkey).sort()).toEqual(seeds.map((file) => readNatsUserSeed(file).publicKey).sort());
    for (const file of seeds) expect(fs.statSync(file).mode & 0o777).toBe(0o400);
    expect(fs.statSync(path.join(tlsDir, 'ca.key')).mode & 0o777).toBe(0o600);
  });

  it('let a process in over TLS, verifying the server against the CA', async () => {
    const nc = await connect(
      natsConnectionOptions({
        NATS_URL: `tls://localhost:${port}`,
        NATS_NKEY_SEED_FILE: path.join(root, 'api', 'nats.nk'),
        NATS_TLS_CA_FILE: path.join(root, 'api', 'nats-ca.crt'),
      }),
    );
    await nc.flush();
    await nc.close();
  });

  it('refuse a client that will not speak TLS', async () => {
    await expect(
      connect({ ...natsConnectionOptions({ NATS_URL: `nats://localhost:${port}`, NATS_NKEY_SEED_FILE: path.join(root, 'api', 'nats.nk') }), reconnect: false }),
    ).rejects.toThrow();
  });

  it('make a client refuse a server whose certificate another CA signed', async () => {
    const otherTls = path.join(root, 'other-tls');
    execFileSync('sh', [path.join(__dirname, 'init-tls.sh')], { env: { ...process.env, TLS_DIR: otherTls, NATS_TLS_NAMES: 'DNS:localhost' } });
    await expect(
      connect({
        ...natsConnectionOptions({
          NATS_URL: `tls://localhost:${port}`,
          NATS_NKEY_SEED_FILE: path.join(root, 'api', 'nats.nk'),
          NATS_TLS_CA_FILE: path.join(otherTls, 'ca.crt'),
        }),
        reconnect: false,
      }),
    ).rejects.toThrow();
  });
});
