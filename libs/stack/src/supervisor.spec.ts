import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startProcess } from './managed-process';
import { freePort, tcpReachable } from './ports';
import { supervise, type RestartPolicy } from './supervisor';

const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitra-supervisor-'));
const quick: RestartPolicy = { maxRestarts: 2, windowMs: 60_000, backoffMs: 50 };

/** A real server process on `port`, which writes its start to the log. */
const listener = (name: string, port: number) => () =>
  startProcess({
    name,
    command: process.execPath,
    args: [
      '-e',
      `console.log('started ${name}'); require('node:net').createServer().listen(${port}, '127.0.0.1')`,
    ],
    logFile: path.join(logDir, `${name}.log`),
    isReady: () => tcpReachable(port),
  });

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(20);
  }
}

describe('supervise', () => {
  afterAll(() => fs.rmSync(logDir, { recursive: true, force: true }));

  it('starts an app killed with SIGKILL again, keeping its last log, and stops it for good on stop()', async () => {
    const port = await freePort();
    const restarted: string[] = [];
    const app = await supervise(listener('api', port), quick, {
      restarting: (name, _code, attempt) => restarted.push(`${name} ${attempt}`),
    });
    const first = app.current.pid;

    process.kill(-first, 'SIGKILL');
    await until(() => app.restarts === 1);
    await until(() => tcpReachable(port));
    expect(app.current.pid).not.toBe(first);
    expect(restarted).toEqual(['api 1']);
    expect(fs.readFileSync(path.join(logDir, 'api.log.previous'), 'utf8')).toContain('started api');

    await app.stop();
    expect(await tcpReachable(port)).toBe(false);
    await sleep(200);
    expect(app.restarts).toBe(1);
  });

  it('gives up on an app that keeps dying, once it has used its restarts in the window', async () => {
    const port = await freePort();
    const gaveUp: string[] = [];
    const app = await supervise(listener('funding', port), quick, {
      gaveUp: (name, reason) => gaveUp.push(`${name}: ${reason}`),
    });
    for (let death = 1; death <= quick.maxRestarts + 1; death++) {
      await until(() => tcpReachable(port));
      process.kill(-app.current.pid, 'SIGKILL');
      if (death <= quick.maxRestarts) await until(() => app.restarts === death);
    }
    await until(() => gaveUp.length === 1);
    expect(gaveUp[0]).toMatch(/^funding: exited with code null, 3 exits within 60 s$/);
    expect(app.restarts).toBe(quick.maxRestarts);
    await app.stop();
  });
});
