import * as path from 'node:path';
import { z } from 'zod';
import {
  assertPortsFree,
  backendApps,
  dataRoot,
  devRestartPolicy,
  ensureInstallationKeys,
  keysDirOf,
  PortInUseError,
  startApp,
  startServers,
  startTogether,
  supervise,
  workspaceRoot,
  type ManagedProcess,
} from '@mitra/stack';
import { demoAccounts, demoAdmin, demoPassword } from '@mitra/testing';
import { loadDemoData } from './demo-data';

const port = z.coerce.number().int().min(1).max(65535);
const launchConfig = z
  .object({
    MITRA_TEMPORAL_PORT: port.default(7233),
    MITRA_TEMPORAL_UI_PORT: port.default(8233),
    MITRA_NATS_PORT: port.default(4222),
    MITRA_MONGO_PORT: port.default(27017),
    /** Mailpit: the SMTP server the apps send e-mail to, and its web UI where it shows up. */
    MITRA_MAILPIT_SMTP_PORT: port.default(1025),
    MITRA_MAILPIT_UI_PORT: port.default(8025),
    API_PORT: port.default(3000),
    /** The first of the apps' metrics ports: stakeholders, agreements, funding, monitoring, worker, api in order. */
    MITRA_METRICS_PORT: port.default(9460),
    MONGO_URL: z.string().optional(),
  })
  .parse(process.env);

const metricsPort = (app: (typeof backendApps)[number]) =>
  launchConfig.MITRA_METRICS_PORT + backendApps.indexOf(app);

async function main(): Promise<void> {
  const ports: Record<string, number> = {
    MITRA_TEMPORAL_PORT: launchConfig.MITRA_TEMPORAL_PORT,
    MITRA_TEMPORAL_UI_PORT: launchConfig.MITRA_TEMPORAL_UI_PORT,
    MITRA_NATS_PORT: launchConfig.MITRA_NATS_PORT,
    MITRA_MAILPIT_SMTP_PORT: launchConfig.MITRA_MAILPIT_SMTP_PORT,
    MITRA_MAILPIT_UI_PORT: launchConfig.MITRA_MAILPIT_UI_PORT,
    API_PORT: launchConfig.API_PORT,
    ...Object.fromEntries(
      backendApps.map((app, index) => [
        `MITRA_METRICS_PORT (+${index}, ${app})`,
        launchConfig.MITRA_METRICS_PORT + index,
      ]),
    ),
    ...(launchConfig.MONGO_URL ? {} : { MITRA_MONGO_PORT: launchConfig.MITRA_MONGO_PORT }),
  };
  await assertPortsFree(ports);

  const dataDir = path.join(dataRoot, 'dev');
  const running: Array<Pick<ManagedProcess, 'stop'>> = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping Mitra…');
    await Promise.all([...running].reverse().map((p) => p.stop()));
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    console.log(
      `Starting Temporal, NATS, Mailpit and ${launchConfig.MONGO_URL ? 'no database (MONGO_URL is set)' : 'FerretDB'}…`,
    );
    const servers = await startServers({
      dataDir,
      ports: {
        temporal: launchConfig.MITRA_TEMPORAL_PORT,
        temporalUi: launchConfig.MITRA_TEMPORAL_UI_PORT,
        nats: launchConfig.MITRA_NATS_PORT,
        mongo: launchConfig.MITRA_MONGO_PORT,
        smtp: launchConfig.MITRA_MAILPIT_SMTP_PORT,
        mailUi: launchConfig.MITRA_MAILPIT_UI_PORT,
      },
      externalMongoUrl: launchConfig.MONGO_URL,
    });
    running.push(...servers.processes);

    const env = {
      TEMPORAL_ADDRESS: servers.temporalAddress,
      NATS_URL: servers.natsUrl,
      MONGO_URL: servers.mongoUrl,
      SMTP_URL: servers.smtpUrl,
      API_PORT: String(launchConfig.API_PORT),
      WEB_DIST: path.join(workspaceRoot, 'dist', 'apps', 'web'),
      // The api creates this administrator on its first start; the demo data then adds the other demo accounts.
      ADMIN_EMAIL: demoAdmin.email,
      ADMIN_PASSWORD: demoAdmin.password,
    };
    // Generated on the first start and kept: the api, the worker and funding sign with them, the services verify.
    const keysDir = keysDirOf(dataRoot);
    ensureInstallationKeys(keysDir);
    console.log(`Starting ${backendApps.join(', ')}…`);
    const startOf = (app: (typeof backendApps)[number]) => () =>
      startApp(app, {
        env,
        logDir: path.join(dataDir, 'logs'),
        keysDir,
        natsCredentialsDir: servers.natsCredentialsDir,
        metricsPort: metricsPort(app),
      });
    // An app that dies is started again (a crash loop is not: then everything stops); a server that dies stops everything.
    const apps = await startTogether(
      backendApps.map((app) =>
        supervise(startOf(app), devRestartPolicy, {
          restarting: (name, code, attempt, logFile) =>
            console.error(
              `${name} stopped unexpectedly (exit code ${code}); starting it again (restart ${attempt} of ${devRestartPolicy.maxRestarts}; its log up to now: ${logFile}.previous)`,
            ),
          gaveUp: (name, reason) => {
            if (stopping) return;
            console.error(`${name} ${reason}: stopping Mitra`);
            void stopAll(1);
          },
        }).then((supervised) => ({ ...supervised.current, stop: () => supervised.stop() })),
      ),
    );
    running.push(...apps);
    for (const server of servers.processes) {
      void server.exited.then((code) => {
        if (!stopping) {
          console.error(`${server.name} stopped unexpectedly (exit code ${code}); see ${server.logFile}`);
          void stopAll(1);
        }
      });
    }

    const apiUrl = `http://127.0.0.1:${launchConfig.API_PORT}`;
    await loadDemoData(apiUrl);

    console.log(`
Mitra is running (data in ${path.relative(workspaceRoot, dataDir)}, logs in ${path.relative(workspaceRoot, dataDir)}/logs).
  Web UI:       ${apiUrl}/
  API docs:     ${apiUrl}/api/docs
  Health:       ${apiUrl}/api/v1/health
  Temporal UI:  ${servers.temporalUiUrl}
  E-mail:       ${servers.mailUiUrl}/ (Mailpit: every message the apps send, none delivered)
  Metrics:      ${backendApps.map((app) => `${app} http://127.0.0.1:${metricsPort(app)}/metrics`).join(', ')}
Demo accounts (password ${demoPassword}): ${[demoAdmin.email, ...Object.values(demoAccounts).map((account) => account.email)].join(', ')}
Press Ctrl-C to stop everything.`);
  } catch (error) {
    console.error(error instanceof PortInUseError ? error.message : error);
    await stopAll(1);
  }
}

void main().catch((error: unknown) => {
  console.error(error instanceof PortInUseError ? error.message : error);
  process.exit(1);
});
