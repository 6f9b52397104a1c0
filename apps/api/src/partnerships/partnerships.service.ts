import { Injectable } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { createHash } from 'node:crypto';
import {
  getLifecycleStateQuery,
  lifecycleTaskQueue,
  MitraError,
  partnershipLifecycleWorkflowName,
  partnershipWorkflowId,
  type Actor,
  type LifecycleState,
  type PartnershipLifecycleInput,
  type StartPartnershipInput,
} from '@mitra/contracts';
import { TemporalClient } from '../temporal/temporal-client';

/** The partnership id derives from the idempotency key, so a retried start finds the same workflow. */
function partnershipIdFor(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 20);
}

function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: number }).code;
  // gRPC UNAVAILABLE / DEADLINE_EXCEEDED, or a connection that never came up.
  return code === 14 || code === 4 || (error instanceof Error && /connect|unavailable|deadline/i.test(error.message));
}

@Injectable()
export class PartnershipsService {
  constructor(private readonly temporal: TemporalClient) {}

  async start(input: StartPartnershipInput, idempotencyKey: string, actor: Actor): Promise<LifecycleState> {
    const partnershipId = partnershipIdFor(idempotencyKey);
    const workflowInput: PartnershipLifecycleInput = {
      partnershipId,
      name: input.name,
      startedBy: actor,
      startedAt: new Date().toISOString(),
    };
    try {
      await this.temporal.client.workflow.start(partnershipLifecycleWorkflowName, {
        workflowId: partnershipWorkflowId(partnershipId),
        taskQueue: lifecycleTaskQueue,
        args: [workflowInput],
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw this.translate(error);
    }
    return this.state(partnershipId);
  }

  async state(partnershipId: string): Promise<LifecycleState> {
    try {
      return await this.temporal.client.workflow
        .getHandle(partnershipWorkflowId(partnershipId))
        .query(getLifecycleStateQuery);
    } catch (error) {
      throw this.translate(error);
    }
  }

  private translate(error: unknown): unknown {
    if (error instanceof WorkflowNotFoundError) return MitraError.notFound('The partnership');
    if (isUnavailable(error)) return MitraError.unavailable('Temporal');
    return error;
  }
}
