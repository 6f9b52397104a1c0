import { condition, proxyActivities, setHandler, uuid4 } from '@temporalio/workflow';
import {
  getLifecycleStateQuery,
  type LifecycleActivities,
  type LifecycleState,
  type PartnershipLifecycleInput,
} from '@mitra/contracts';
import { firstStage } from '@mitra/domain';


const { publishStageEntered } = proxyActivities<LifecycleActivities>({ startToCloseTimeout: '30 seconds' });

/** One run per partnership: walks the Bappenas stages, waiting on human decisions. */
export async function partnershipLifecycle(input: PartnershipLifecycleInput): Promise<LifecycleState> {
  const state: LifecycleState = {
    partnershipId: input.partnershipId,
    name: input.name,
    stage: firstStage,
    status: 'active',
    startedAt: input.startedAt,
    startedBy: input.startedBy.userId,
  };
  setHandler(getLifecycleStateQuery, () => state);

  await publishStageEntered({ eventId: uuid4(), partnershipId: state.partnershipId, stage: state.stage, at: input.startedAt });

  // Stage gates and the decisions that close them arrive with the lifecycle issue.
  await condition(() => state.status === 'closed');
  return state;
}
