import { globalHandlers } from '@temporalio/worker/lib/workflow/vm-shared';
import { skipPromiseStackTracesInReplay } from './replay-stack-traces';

describe('skipping the promise stack traces of replayed workflows', () => {
  afterAll(() => globalHandlers.uninstall());

  it('stops the promise hook the SDK installed, and the one it installs for a later replay worker', () => {
    globalHandlers.install();
    expect(globalHandlers.promiseHookInstalled).toBe(true);

    skipPromiseStackTracesInReplay();
    skipPromiseStackTracesInReplay();
    expect(globalHandlers.promiseHookInstalled).toBe(false);

    globalHandlers.installed = false;
    globalHandlers.install();
    expect(globalHandlers.installed).toBe(true);
    expect(globalHandlers.promiseHookInstalled).toBe(false);
  });
});
