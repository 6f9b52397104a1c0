import { sleep } from '@temporalio/workflow';
import { partnershipLifecycle as recorded } from '@mitra/workflows';

/** The lifecycle with a deliberately non-deterministic change (a timer first): replay must refuse it. */
export async function partnershipLifecycle(...args: Parameters<typeof recorded>) {
  await sleep('1 minute');
  return recorded(...args);
}
