import * as fs from 'node:fs';
import * as path from 'node:path';
import { Connection } from '@temporalio/client';
import { lifecycleSearchAttributeTypes } from '@mitra/contracts';
import { startProcess, startTogether, type ManagedProcess } from './managed-process';
import { ensureNatsCredentials, natsServerConfig, processNatsUsers, type NatsUser } from './nats-access';
import { tcpReachable } from './ports';
import { serverBinaries, workspaceRoot } from './workspace';

export interface ServerPorts {
  temporal: number;
  /** Omit for a headless Temporal (tests). */
  temporalUi?: number;
  nats: number;
  /** Ignored when an external MongoDB URL is given. */
  mongo: number;
  /** Mailpit's SMTP server, which keeps every message it is sent. */
  smtp: number;
  /** Mailpit's web UI and its HTTP API (`/api/v1/messages`). */
  mailUi: number;
}

export interface ServerStackOptions {
  dataDir: string;
  ports: ServerPorts;
  /** A real MongoDB to use instead of the embedded FerretDB. */
  externalMongoUrl?: string;
  /** The NATS users to admit; every process of the system unless given. */
  natsUsers?: readonly NatsUser[];
}

export interface ServerStack {
  temporalAddress: string;
  temporalUiUrl?: string;
  natsUrl: string;
  /** The folder of the NATS users' seeds (see natsSeedFile): each process is handed its own. */
  natsCredentialsDir: string;
  mongoUrl: string;
  /** Where the apps send e-mail (SMTP_URL): Mailpit, which delivers nothing and shows everything. */
  smtpUrl: string;
  /** Mailpit's web UI; its HTTP API is under `/api/v1`. */
  mailUiUrl: string;
  processes: ManagedProcess[];
  stop(): Promise<void>;
}

const host = '127.0.0.1';

function ensureBinary(file: string): void {
  if (!fs.existsSync(file)) {
    throw new Error(`${file} is missing: run "npm run setup" (tools/stack/install.sh) first.`);
  }
}

async function temporalServes(address: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 1000 });
  try {
    await connection.workflowService.describeNamespace({ namespace: 'default' });
    return true;
  } finally {
    await connection.close();
  }
}

export async function startTemporal(dataDir: string, port: number, uiPort?: number): Promise<ManagedProcess> {
  ensureBinary(serverBinaries.temporal);
  fs.mkdirSync(dataDir, { recursive: true });
  const address = `${host}:${port}`;
  const args = [
    'server', 'start-dev',
    '--ip', host,
    '--port', String(port),
    '--db-filename', path.join(dataDir, 'temporal.sqlite'),
    '--log-level', 'error',
    ...Object.entries(lifecycleSearchAttributeTypes).flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]),
  ];
  args.push(...(uiPort ? ['--ui-ip', host, '--ui-port', String(uiPort), '--ui-disable-news-fetch'] : ['--headless']));
  return startProcess({
    name: 'temporal',
    command: serverBinaries.temporal,
    args,
    cwd: workspaceRoot,
    logFile: path.join(dataDir, 'temporal.log'),
    isReady: () => temporalServes(address),
    readyTimeoutMs: 90_000,
  });
}

export interface NatsServer {
  process: ManagedProcess;
  credentialsDir: string;
}

/**
 * Starts nats-server with JetStream and nkey users only (see nats-access.ts): the users' seeds are
 * generated into `<dataDir>/credentials` on the first start and kept.
 */
export async function startNats(dataDir: string, port: number, users: readonly NatsUser[] = processNatsUsers): Promise<NatsServer> {
  ensureBinary(serverBinaries.natsServer);
  const storeDir = path.join(dataDir, 'jetstream');
  fs.mkdirSync(storeDir, { recursive: true });
  const credentialsDir = path.join(dataDir, 'credentials');
  const publicKeys = ensureNatsCredentials(credentialsDir, users);
  const configFile = path.join(dataDir, 'nats.conf');
  fs.writeFileSync(configFile, natsServerConfig({ host, port, storeDir, users: publicKeys }));
  const server = await startProcess({
    name: 'nats',
    command: serverBinaries.natsServer,
    args: ['-c', configFile],
    cwd: workspaceRoot,
    logFile: path.join(dataDir, 'nats.log'),
    isReady: () => tcpReachable(port),
  });
  return { process: server, credentialsDir };
}

export async function startFerretDb(dataDir: string, port: number): Promise<ManagedProcess> {
  ensureBinary(serverBinaries.ferretdb);
  const dbDir = path.join(dataDir, 'sqlite');
  fs.mkdirSync(dbDir, { recursive: true });
  return startProcess({
    name: 'ferretdb',
    command: serverBinaries.ferretdb,
    args: ['--listen', `${host}:${port}`, '--data', dbDir],
    cwd: workspaceRoot,
    logFile: path.join(dataDir, 'ferretdb.log'),
    isReady: () => tcpReachable(port),
  });
}

async function mailpitReady(uiPort: number): Promise<boolean> {
  try {
    return (await fetch(`http://${host}:${uiPort}/readyz`, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

/** Starts Mailpit (tools/mailpit/build.sh) on loopback: SMTP, and the web UI with its API; no POP3. */
export async function startMailpit(dataDir: string, smtpPort: number, uiPort: number): Promise<ManagedProcess> {
  ensureBinary(serverBinaries.mailpit);
  fs.mkdirSync(dataDir, { recursive: true });
  return startProcess({
    name: 'mailpit',
    command: serverBinaries.mailpit,
    args: [
      '--smtp', `${host}:${smtpPort}`,
      '--listen', `${host}:${uiPort}`,
      '--pop3', '',
      '--database', path.join(dataDir, 'mailpit.db'),
      '--disable-version-check',
      '--quiet',
    ],
    cwd: workspaceRoot,
    logFile: path.join(dataDir, 'mailpit.log'),
    isReady: async () => (await tcpReachable(smtpPort)) && mailpitReady(uiPort),
  });
}

/** Starts Temporal, NATS, Mailpit and (unless an external MongoDB is given) FerretDB, in parallel. */
export async function startServers(options: ServerStackOptions): Promise<ServerStack> {
  const { dataDir, ports, externalMongoUrl } = options;
  const nats = startNats(path.join(dataDir, 'nats'), ports.nats, options.natsUsers);
  const processes = await startTogether([
    startTemporal(path.join(dataDir, 'temporal'), ports.temporal, ports.temporalUi),
    nats.then((server) => server.process),
    startMailpit(path.join(dataDir, 'mailpit'), ports.smtp, ports.mailUi),
    ...(externalMongoUrl ? [] : [startFerretDb(path.join(dataDir, 'ferretdb'), ports.mongo)]),
  ]);
  const stop = async () => {
    await Promise.all(processes.map((p) => p.stop()));
  };
  return {
    temporalAddress: `${host}:${ports.temporal}`,
    temporalUiUrl: ports.temporalUi ? `http://${host}:${ports.temporalUi}` : undefined,
    natsUrl: `nats://${host}:${ports.nats}`,
    natsCredentialsDir: (await nats).credentialsDir,
    mongoUrl: externalMongoUrl ?? `mongodb://${host}:${ports.mongo}/`,
    smtpUrl: `smtp://${host}:${ports.smtp}`,
    mailUiUrl: `http://${host}:${ports.mailUi}`,
    processes,
    stop,
  };
}
