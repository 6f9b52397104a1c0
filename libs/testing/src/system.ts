import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  backendApps,
  dataRoot,
  freePorts,
  natsSeedFile,
  processNatsUsers,
  startApp,
  startServers,
  startTogether,
  type ManagedProcess,
  type ServerStack,
} from '@mitra/stack';
import { ApiClient, signIn, type Session } from './api-client';
import { demoAccounts, demoAdmin, demoPassword, seedDemoAccounts } from './demo-accounts';
import { ensureTestKeys } from './test-signer';
import { buildWeb, webDist } from './web-build';

export interface RunningSystem {
  dataDir: string;
  servers: ServerStack;
  apps: ManagedProcess[];
  env: SystemEnv;
  stop(): Promise<void>;
}

/** What tests read from process.env to reach the system that the global setup started. */
export interface SystemEnv {
  MITRA_API_URL: string;
  TEMPORAL_ADDRESS: string;
  NATS_URL: string;
  /** The `tester` NATS user's seed: `natsConnectionOptions(systemEnv())` connects as it (see nats-access). */
  NATS_NKEY_SEED_FILE: string;
  /** Every NATS user's seed, for restarting an app (startApp) and for acting as one process in a test. */
  MITRA_TEST_NATS_CREDENTIALS_DIR: string;
  MONGO_URL: string;
  /** Mailpit's SMTP server, where the apps send e-mail. */
  SMTP_URL: string;
  /** Mailpit's web UI; tests read what was sent from its API, `/api/v1/messages`. */
  MITRA_TEST_MAIL_UI_URL: string;
  MITRA_TEST_DATA_DIR: string;
  /** JSON: a session per demo account, by email, opened once by the global setup. */
  MITRA_TEST_SESSIONS: string;
  /** JSON: each app's Prometheus metrics port, by app name. */
  MITRA_TEST_METRICS_PORTS: string;
}

/** Above the default of 5: the browser tests sign in as the demo accounts again and again. */
export const testSignInAttemptsPerMinute = 20;
/** Every test signs in from 127.0.0.1: far above the default of 30, so the suites' sign-ins all fit. */
export const testSignInAttemptsPerAddressPerMinute = 1000;

/** What the test system's api is started with beyond the addresses of the servers. */
const testApiEnv = {
  ADMIN_EMAIL: demoAdmin.email,
  ADMIN_PASSWORD: demoAdmin.password,
  SIGN_IN_ATTEMPTS_PER_MINUTE: String(testSignInAttemptsPerMinute),
  SIGN_IN_ATTEMPTS_PER_ADDRESS_PER_MINUTE: String(testSignInAttemptsPerAddressPerMinute),
  // Short, so the live-update tests see heartbeats and a signed-out stream end within seconds.
  EVENTS_HEARTBEAT_SECONDS: '1',
};

/** Creates the demo accounts and signs each in once; tests reuse these sessions (see ApiClient). */
async function openDemoSessions(apiUrl: string): Promise<Record<string, Session>> {
  const admin = await signIn(apiUrl, demoAdmin);
  await seedDemoAccounts(new ApiClient(apiUrl, demoAdmin, 'session', Promise.resolve(admin)));
  const others = await Promise.all(
    Object.values(demoAccounts).map(({ email }) => signIn(apiUrl, { email, password: demoPassword })),
  );
  return Object.fromEntries([admin, ...others].map((session) => [session.user.email, session]));
}

/**
 * Starts the real servers on free ports with a fresh data folder, then every backend app against
 * them, as `npm start` does; never reuses a stack someone started by hand.
 */
export async function startSystem(options: { externalMongoUrl?: string } = {}): Promise<RunningSystem> {
  const dataDir = fs.mkdtempSync(path.join((fs.mkdirSync(dataRoot, { recursive: true }), dataRoot), 'test-'));
  const [temporal, nats, mongo, smtp, mailUi, api, ...metrics] = await freePorts(6 + backendApps.length);
  const metricsPorts = Object.fromEntries(backendApps.map((app, index) => [app, metrics[index]!]));
  const [servers] = await Promise.all([
    startServers({
      dataDir,
      ports: { temporal, nats, mongo, smtp, mailUi },
      externalMongoUrl: options.externalMongoUrl,
      natsUsers: [...processNatsUsers, 'tester'],
    }),
    buildWeb(),
  ]);
  const serverEnv = {
    MITRA_API_URL: `http://127.0.0.1:${api}`,
    TEMPORAL_ADDRESS: servers.temporalAddress,
    NATS_URL: servers.natsUrl,
    NATS_NKEY_SEED_FILE: natsSeedFile(servers.natsCredentialsDir, 'tester'),
    MITRA_TEST_NATS_CREDENTIALS_DIR: servers.natsCredentialsDir,
    MONGO_URL: servers.mongoUrl,
    SMTP_URL: servers.smtpUrl,
    MITRA_TEST_MAIL_UI_URL: servers.mailUiUrl,
    MITRA_TEST_DATA_DIR: dataDir,
    MITRA_TEST_METRICS_PORTS: JSON.stringify(metricsPorts),
  };
  const keysDir = ensureTestKeys(dataDir);
  let apps: ManagedProcess[];
  try {
    apps = await startTogether(
      backendApps.map((app) =>
        startApp(app, {
          env: { ...serverEnv, ...testApiEnv, API_PORT: String(api), WEB_DIST: webDist },
          logDir: path.join(dataDir, 'logs'),
          keysDir,
          natsCredentialsDir: servers.natsCredentialsDir,
          metricsPort: metricsPorts[app],
        }),
      ),
    );
  } catch (error) {
    await servers.stop();
    throw error;
  }
  let env: SystemEnv;
  try {
    env = {
      ...serverEnv,
      MITRA_TEST_SESSIONS: JSON.stringify(await openDemoSessions(serverEnv.MITRA_API_URL)),
    };
  } catch (error) {
    await Promise.all(apps.map((app) => app.stop()));
    await servers.stop();
    throw error;
  }
  return {
    dataDir,
    servers,
    apps,
    env,
    async stop() {
      await Promise.all(apps.map((app) => app.stop()));
      await servers.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function systemEnv(): SystemEnv {
  const apiUrl = process.env.MITRA_API_URL;
  if (!apiUrl)
    throw new Error(
      'MITRA_API_URL is not set: run this test through jest, whose global setup starts the system.',
    );
  return {
    MITRA_API_URL: apiUrl,
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS!,
    NATS_URL: process.env.NATS_URL!,
    NATS_NKEY_SEED_FILE: process.env.NATS_NKEY_SEED_FILE!,
    MITRA_TEST_NATS_CREDENTIALS_DIR: process.env.MITRA_TEST_NATS_CREDENTIALS_DIR!,
    MONGO_URL: process.env.MONGO_URL!,
    SMTP_URL: process.env.SMTP_URL!,
    MITRA_TEST_MAIL_UI_URL: process.env.MITRA_TEST_MAIL_UI_URL!,
    MITRA_TEST_DATA_DIR: process.env.MITRA_TEST_DATA_DIR!,
    MITRA_TEST_SESSIONS: process.env.MITRA_TEST_SESSIONS ?? '{}',
    MITRA_TEST_METRICS_PORTS: process.env.MITRA_TEST_METRICS_PORTS ?? '{}',
  };
}
