import { globalHandlers } from '@temporalio/worker/lib/workflow/vm-shared';

let installed = false;

/**
 * Replay workers run their workflows in the main thread, and at shutdown the SDK (1.24) drops each
 * one's source map consumer without `destroy()`, the only thing that frees its WebAssembly memory:
 * about 10 MiB per replay worker, until source-map's allocator fails ("RuntimeError: unreachable") and
 * the process dies a few hundred replays on (mozilla/source-map#476). The api and the audit CLI start
 * a replay worker per partnership, so they free it when the SDK lets go of the bundle. Idempotent.
 */
export function freeSourceMapsOfStoppedReplayWorkers(): void {
  if (installed) return;
  installed = true;
  const remove = globalHandlers.removeWorkflowBundle.bind(globalHandlers);
  globalHandlers.removeWorkflowBundle = (bundle) => {
    globalHandlers.bundleFilenameToSourceMapConsumer.get(bundle.filename)?.destroy();
    remove(bundle);
  };
}
