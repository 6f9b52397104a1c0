import * as path from 'node:path';
import { assertionKeyEnv } from './assertion-keys';
import { logContains, startProcess, type ManagedProcess } from './managed-process';
import { natsSeedFile } from './nats-access';
import { workspaceRoot } from './workspace';

export const backendApps = ['stakeholders', 'agreements', 'funding', 'monitoring', 'worker', 'api'] as const;
export type BackendApp = (typeof backendApps)[number];

/** Every app prints this line once it serves; see @mitra/platform's announceReady. */
export const readyPattern = (app: BackendApp) => new RegExp(`\\[mitra\\] ${app} ready`);

export interface AppStartOptions {
  env: NodeJS.ProcessEnv;
  logDir: string;
  /** The installation's assertion keys (see ensureInstallationKeys): the app gets the files it signs or verifies with. */
  keysDir: string;
  /** The stack's NATS credentials folder (ServerStack.natsCredentialsDir): the app gets its own user's seed. */
  natsCredentialsDir: string;
  /** Where the app serves its Prometheus metrics (`METRICS_PORT`, loopback); none when not given. */
  metricsPort?: number;
}

/** Runs an app from its TypeScript sources in its own process, as production does. */
export function startApp(app: BackendApp, options: AppStartOptions): Promise<ManagedProcess> {
  const logFile = path.join(options.logDir, `${app}.log`);
  return startProcess({
    name: app,
    command: process.execPath,
    args: ['-r', '@swc-node/register', path.join('apps', app, 'src', 'main.ts')],
    cwd: workspaceRoot,
    env: {
      ...process.env,
      ...options.env,
      NATS_NKEY_SEED_FILE: natsSeedFile(options.natsCredentialsDir, app),
      ...assertionKeyEnv(options.keysDir, app),
      ...(options.metricsPort ? { METRICS_PORT: String(options.metricsPort) } : {}),
      SWC_NODE_PROJECT: path.join(workspaceRoot, 'tsconfig.base.json'),
    },
    logFile,
    isReady: logContains(logFile, readyPattern(app)),
    readyTimeoutMs: 120_000,
  });
}
