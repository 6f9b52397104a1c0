import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** The process's stdout and stderr go here. */
  logFile: string;
  /** Resolves true once the process serves; polled until readyTimeoutMs. */
  isReady: () => Promise<boolean>;
  readyTimeoutMs?: number;
}

export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    // Negative pid: the whole process group, so wrappers take their children with them.
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

export async function startProcess(spec: ProcessSpec): Promise<ManagedProcess> {
  fs.mkdirSync(path.dirname(spec.logFile), { recursive: true });
  const log = fs.openSync(spec.logFile, 'w');
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: spec.env ?? process.env,
    stdio: ['ignore', log, log],
    detached: true,
  });
  fs.closeSync(log);

  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      exitCode = code;
      resolve(code);
    });
    child.once('error', () => {
      exitCode = -1;
      resolve(-1);
    });
  });

  const stop = async () => {
    if (exitCode !== undefined) return;
    signalGroup(child, 'SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), sleep(10_000, false, { ref: false })]);
    if (!stopped) {
      signalGroup(child, 'SIGKILL');
      await exited;
    }
  };

  const deadline = Date.now() + (spec.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (exitCode !== undefined) {
      throw new Error(`${spec.name} exited with code ${exitCode} before it was ready:\n${tail(spec.logFile)}`);
    }
    if (await spec.isReady().catch(() => false)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${spec.name} was not ready within ${spec.readyTimeoutMs ?? 60_000} ms:\n${tail(spec.logFile)}`);
    }
    await sleep(100);
  }

  return { name: spec.name, pid: child.pid!, logFile: spec.logFile, exited, stop };
}

/** Resolves once `pattern` appears in the file: how an app says it is ready. */
export function logContains(file: string, pattern: RegExp): () => Promise<boolean> {
  return async () => {
    try {
      return pattern.test(await fs.promises.readFile(file, 'utf8'));
    } catch {
      return false;
    }
  };
}

/** Starts processes in parallel; if any fails, stops those that started and reports every failure. */
export async function startTogether(starts: Array<Promise<ManagedProcess>>): Promise<ManagedProcess[]> {
  const settled = await Promise.allSettled(starts);
  const started = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failures = settled.flatMap((result) => (result.status === 'rejected' ? [String(result.reason)] : []));
  if (failures.length > 0) {
    await Promise.all(started.map((p) => p.stop()));
    throw new Error(failures.join('\n\n'));
  }
  return started;
}
