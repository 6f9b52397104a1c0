// The baseline of tools/bench/lifecycle.bench.ts: as little workflow as can take Updates and answer a query.
import { allHandlersFinished, condition, defineQuery, defineUpdate, setHandler } from '@temporalio/workflow';

export const trivialUpdatesWorkflowName = 'trivialUpdates';

/** Adds `by` to the counter and returns the new count. */
export const incrementUpdate = defineUpdate<number, [number]>('increment');
export const countQuery = defineQuery<number>('count');

export interface TrivialUpdatesInput {
  /** Completes once this many have been counted, as a partnership closes after its last decision; never when omitted. */
  closeAfter?: number;
}

export async function trivialUpdates(input: TrivialUpdatesInput = {}): Promise<number> {
  let count = 0;
  setHandler(incrementUpdate, (by) => (count += by));
  setHandler(countQuery, () => count);
  const { closeAfter } = input;
  await condition(() => closeAfter !== undefined && count >= closeAfter);
  await condition(allHandlersFinished);
  return count;
}
