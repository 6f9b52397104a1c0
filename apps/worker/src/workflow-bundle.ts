import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BundleOptions } from '@temporalio/worker';

const workspaceRoot = path.resolve(__dirname, '../../..');
export const workflowsPath = path.join(workspaceRoot, 'workflows', 'src', 'index.ts');

/** The workflow bundler ignores tsconfig paths; give webpack the @mitra/* aliases from tsconfig.base.json. */
function mitraAliases(): Record<string, string> {
  const tsconfig = JSON.parse(fs.readFileSync(path.join(workspaceRoot, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  return Object.fromEntries(
    Object.entries(tsconfig.compilerOptions.paths).map(([alias, [target]]) => [
      `${alias}$`,
      path.join(workspaceRoot, target),
    ]),
  );
}

export const workflowBundlerOptions: Pick<BundleOptions, 'webpackConfigHook'> = {
  webpackConfigHook: (config) => ({
    ...config,
    resolve: { ...config.resolve, alias: { ...(config.resolve?.alias as object), ...mitraAliases() } },
  }),
};
