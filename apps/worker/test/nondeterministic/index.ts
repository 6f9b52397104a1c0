import { sleep } from '@temporalio/workflow';
import type { PartnershipLifecycleInput } from '@mitra/contracts';
import type { CarriedState } from '@mitra/domain';
import { partnershipLifecycle as recorded } from '@mitra/workflows';

/** The lifecycle with a deliberately non-deterministic change (a timer first): replay must refuse it. */
export async function partnershipLifecycle(input: PartnershipLifecycleInput, carried?: CarriedState) {
  await sleep('1 minute');
  return recorded(input, carried);
}
