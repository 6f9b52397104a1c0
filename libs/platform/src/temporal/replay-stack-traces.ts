import { globalHandlers } from '@temporalio/worker/lib/workflow/vm-shared';

let installed = false;

/**
 * Replay workers run their workflows in the main thread, where the SDK (1.24) installs a promise hook
 * that takes a source-mapped stack trace of every promise a workflow creates, for the `__stack_trace`
 * query, which nobody sends a replay. Profiled on the audit bench it was about a third of a replay.
 * Stops that hook whenever the SDK installs it, in this process only: the lifecycle worker runs its
 * workflows in worker threads, each with its own hooks. Idempotent.
 */
export function skipPromiseStackTracesInReplay(): void {
  if (installed) return;
  installed = true;
  const handlers = globalHandlers as unknown as { stopPromiseHook: () => void };
  const install = globalHandlers.install.bind(globalHandlers);
  const stop = () => {
    if (!globalHandlers.promiseHookInstalled) return;
    handlers.stopPromiseHook();
    globalHandlers.promiseHookInstalled = false;
  };
  globalHandlers.install = () => {
    install();
    stop();
  };
  stop();
}
