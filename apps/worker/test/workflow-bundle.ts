import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { workflowBundlerOptions, workflowsPath } from '../src/workflow-bundle';

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** Bundles the workflows once per test file; a bundle per worker is slow. */
export function lifecycleBundle(path = workflowsPath): Promise<WorkflowBundleWithSourceMap> {
  if (path !== workflowsPath) return bundleWorkflowCode({ workflowsPath: path, ...workflowBundlerOptions, logger: quietLogger });
  bundle ??= bundleWorkflowCode({ workflowsPath, ...workflowBundlerOptions, logger: quietLogger });
  return bundle;
}

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (message: string) => console.error(message),
};
