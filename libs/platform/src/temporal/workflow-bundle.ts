import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundleWorkflowCode, type BundleOptions, type WorkflowBundleWithSourceMap } from '@temporalio/worker';

const workspaceRoot = path.resolve(__dirname, '../../../..');
export const workflowsPath = path.join(workspaceRoot, 'workflows', 'src', 'index.ts');
/** The workflow interceptors (request context in the worker's log lines), bundled with the workflows. */
export const workflowInterceptorsPath = path.join(workspaceRoot, 'workflows', 'src', 'interceptors.ts');

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

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (message: string) => console.error(message),
};

const bundles = new Map<string, Promise<WorkflowBundleWithSourceMap>>();

/** The workflow code bundled once per process (a bundle takes seconds); another path for tests. */
export function lifecycleWorkflowBundle(path = workflowsPath): Promise<WorkflowBundleWithSourceMap> {
  let bundle = bundles.get(path);
  if (!bundle) {
    bundle = bundleWorkflowCode({
      workflowsPath: path,
      workflowInterceptorModules: [workflowInterceptorsPath],
      ...workflowBundlerOptions,
      logger: quietLogger,
    });
    bundle.catch(() => bundles.delete(path));
    bundles.set(path, bundle);
  }
  return bundle;
}
