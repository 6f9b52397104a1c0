import * as path from 'node:path';

export const workspaceRoot = path.resolve(__dirname, '../../..');

/** Where tools/stack/install.sh puts the server binaries (git-ignored). */
export const toolsDir = path.join(workspaceRoot, '.tools');

/** The one git-ignored folder that keeps the embedded servers' data. */
export const dataRoot = path.join(workspaceRoot, '.data');

export const serverBinaries = {
  temporal: path.join(toolsDir, 'py', 'bin', 'temporal'),
  temporalTestServer: path.join(toolsDir, 'py', 'bin', 'temporal-test-server'),
  natsServer: path.join(toolsDir, 'py', 'bin', 'nats-server'),
  ferretdb: path.join(toolsDir, 'bin', 'ferretdb'),
  mailpit: path.join(toolsDir, 'bin', 'mailpit'),
} as const;
