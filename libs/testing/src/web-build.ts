import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { workspaceRoot } from '@mitra/stack';

// Overridable so several test runs on one machine do not empty each other's build.
export const webDist = process.env.MITRA_WEB_DIST ?? path.join(workspaceRoot, 'dist', 'apps', 'web');

/** Builds the web UI with Vite so the api serves it as in production. */
export async function buildWeb(): Promise<void> {
  await promisify(execFile)(
    process.execPath,
    [
      path.join(workspaceRoot, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      'apps/web',
      '--outDir',
      webDist,
      '--emptyOutDir',
    ],
    {
      cwd: workspaceRoot,
    },
  );
}
