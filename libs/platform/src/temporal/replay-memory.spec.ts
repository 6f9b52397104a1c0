import { globalHandlers } from '@temporalio/worker/lib/workflow/vm-shared';
import type { SourceMapConsumer } from 'source-map';
import { freeSourceMapsOfStoppedReplayWorkers } from './replay-memory';

describe('freeing the source maps of stopped replay workers', () => {
  it('destroys a bundle’s source map consumer when the SDK lets go of the bundle, once installed', () => {
    const destroyed: string[] = [];
    const register = (filename: string) =>
      globalHandlers.bundleFilenameToSourceMapConsumer.set(filename, {
        destroy: () => destroyed.push(filename),
      } as unknown as SourceMapConsumer);
    const bundle = (filename: string) => ({ filename, code: '', sourceMap: {} }) as never;

    register('before.js');
    globalHandlers.removeWorkflowBundle(bundle('before.js'));
    expect(destroyed).toEqual([]);

    freeSourceMapsOfStoppedReplayWorkers();
    freeSourceMapsOfStoppedReplayWorkers();
    register('after.js');
    globalHandlers.removeWorkflowBundle(bundle('after.js'));
    expect(destroyed).toEqual(['after.js']);
    expect(globalHandlers.bundleFilenameToSourceMapConsumer.has('after.js')).toBe(false);
  });
});
