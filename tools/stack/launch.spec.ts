import { spawnSync } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { freePorts } from '@mitra/stack';

const workspaceRoot = path.resolve(__dirname, '../..');

describe('npm start', () => {
  it('refuses a port already in use, naming it and the variable that moves it, before starting anything', async () => {
    const [temporal, temporalUi, nats, mongo, smtp, mailUi, api] = await freePorts(7);
    const blocker = net.createServer().listen(nats, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    try {
      const run = spawnSync(process.execPath, ['-r', '@swc-node/register', 'tools/stack/launch.ts'], {
        cwd: workspaceRoot,
        encoding: 'utf8',
        timeout: 60_000,
        env: {
          ...process.env,
          MITRA_TEMPORAL_PORT: String(temporal),
          MITRA_TEMPORAL_UI_PORT: String(temporalUi),
          MITRA_NATS_PORT: String(nats),
          MITRA_MONGO_PORT: String(mongo),
          MITRA_MAILPIT_SMTP_PORT: String(smtp),
          MITRA_MAILPIT_UI_PORT: String(mailUi),
          API_PORT: String(api),
        },
      });

      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`Port ${nats} is already in use. Stop what uses it, or set MITRA_NATS_PORT to another port.`);
      expect(run.stdout).not.toContain('Starting');
    } finally {
      blocker.close();
    }
  }, 60_000);
});
