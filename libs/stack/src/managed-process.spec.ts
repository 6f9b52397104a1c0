import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startProcess, startTogether } from './managed-process';
import { freePort, tcpReachable } from './ports';

const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitra-process-'));
const server = (port: number) => `require('node:net').createServer().listen(${port}, '127.0.0.1')`;

describe('startProcess', () => {
  afterAll(() => fs.rmSync(logDir, { recursive: true, force: true }));

  it('resolves once the process serves and stops it, and its children, on stop()', async () => {
    const port = await freePort();
    const managed = await startProcess({
      name: 'listener',
      command: process.execPath,
      args: ['-e', server(port)],
      logFile: path.join(logDir, 'listener.log'),
      isReady: () => tcpReachable(port),
    });

    expect(await tcpReachable(port)).toBe(true);
    await managed.stop();
    expect(await tcpReachable(port)).toBe(false);
  });

  it('fails with the end of its log when the process exits before it is ready', async () => {
    const start = startProcess({
      name: 'crasher',
      command: process.execPath,
      args: ['-e', "console.error('cannot open the data folder'); process.exit(3)"],
      logFile: path.join(logDir, 'crasher.log'),
      isReady: async () => false,
    });

    await expect(start).rejects.toThrow(/crasher exited with code 3 before it was ready:\ncannot open the data folder/);
  });

  it('stops the processes that started when another of the same batch fails', async () => {
    const port = await freePort();
    const together = startTogether([
      startProcess({
        name: 'listener',
        command: process.execPath,
        args: ['-e', server(port)],
        logFile: path.join(logDir, 'together-listener.log'),
        isReady: () => tcpReachable(port),
      }),
      startProcess({
        name: 'crasher',
        command: process.execPath,
        args: ['-e', 'process.exit(1)'],
        logFile: path.join(logDir, 'together-crasher.log'),
        isReady: async () => false,
      }),
    ]);

    await expect(together).rejects.toThrow(/crasher exited/);
    expect(await tcpReachable(port)).toBe(false);
  });
});
