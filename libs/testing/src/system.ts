import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  backendApps,
  dataRoot,
  freePorts,
  startApp,
  startServers,
  startTogether,
  type ManagedProcess,
  type ServerStack,
} from '@mitra/stack';
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
  MONGO_URL: string;
  MITRA_TEST_DATA_DIR: string;
}

/**
 * Starts the real servers on free ports with a fresh data folder, then every backend app against
 * them, as `npm start` does; never reuses a stack someone started by hand.
 */
export async function startSystem(options: { externalMongoUrl?: string } = {}): Promise<RunningSystem> {
  const dataDir = fs.mkdtempSync(path.join((fs.mkdirSync(dataRoot, { recursive: true }), dataRoot), 'test-'));
  const [temporal, nats, mongo, api] = await freePorts(4);
  const [servers] = await Promise.all([
    startServers({ dataDir, ports: { temporal, nats, mongo }, externalMongoUrl: options.externalMongoUrl }),
    buildWeb(),
  ]);
  const env: SystemEnv = {
    MITRA_API_URL: `http://127.0.0.1:${api}`,
    TEMPORAL_ADDRESS: servers.temporalAddress,
    NATS_URL: servers.natsUrl,
    MONGO_URL: servers.mongoUrl,
    MITRA_TEST_DATA_DIR: dataDir,
  };
  let apps: ManagedProcess[];
  try {
    apps = await startTogether(
      backendApps.map((app) =>
        startApp(app, {
          env: { ...env, API_PORT: String(api), WEB_DIST: webDist },
          logDir: path.join(dataDir, 'logs'),
        }),
      ),
    );
  } catch (error) {
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
  if (!apiUrl) throw new Error('MITRA_API_URL is not set: run this test through jest, whose global setup starts the system.');
  return {
    MITRA_API_URL: apiUrl,
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS!,
    NATS_URL: process.env.NATS_URL!,
    MONGO_URL: process.env.MONGO_URL!,
    MITRA_TEST_DATA_DIR: process.env.MITRA_TEST_DATA_DIR!,
  };
}
