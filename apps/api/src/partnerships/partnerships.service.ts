import { Injectable, Logger } from '@nestjs/common';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  isGrpcServiceError,
} from '@temporalio/client';
import { createHash } from 'node:crypto';
import {
  decisionRecordedEventType,
  decisionSchemas,
  decisionUpdates,
  lifecycleSettingsSchema,
  lifecycleStateQuery,
  lifecycleTaskQueue,
  MitraError,
  parseContract,
  partnershipLifecycleWorkflowName,
  partnershipWorkflowId,
  type Actor,
  type Decision,
  type DecisionKind,
  type DecisionResult,
  type DomainEvent,
  type LifecycleState,
  type PartnershipLifecycleInput,
  type StartPartnershipInput,
} from '@mitra/contracts';
import { decisionFingerprint } from '@mitra/domain';
import { publishEvent } from '@mitra/platform';
import { MembersMemory } from '../auth/members-memory';
import { NatsConnectionHolder } from '../nats/nats-connection';
import { TemporalClient } from '../temporal/temporal-client';
import { refusalOf } from './decision-refusal';

/** The partnership id derives from the idempotency key, so a retried start finds the same workflow. */
function partnershipIdFor(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 20);
}

function isUnavailable(error: unknown): boolean {
  // gRPC UNAVAILABLE / DEADLINE_EXCEEDED, or a connection that never came up.
  if (isGrpcServiceError(error)) return error.code === 14 || error.code === 4;
  return error instanceof Error && /connect|unavailable|deadline/i.test(error.message);
}

@Injectable()
export class PartnershipsService {
  private readonly logger = new Logger(PartnershipsService.name);

  constructor(
    private readonly temporal: TemporalClient,
    private readonly nats: NatsConnectionHolder,
    private readonly members: MembersMemory,
  ) {}

  async start(input: StartPartnershipInput, idempotencyKey: string, actor: Actor): Promise<LifecycleState> {
    const partnershipId = partnershipIdFor(idempotencyKey);
    const workflowInput: PartnershipLifecycleInput = {
      partnershipId,
      name: input.name,
      startedBy: actor,
      startedAt: new Date().toISOString(),
      ...(input.leadOrganisationId ? { leadOrganisationId: input.leadOrganisationId } : {}),
      settings: lifecycleSettingsSchema.parse(input.settings ?? {}),
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
        .query(lifecycleStateQuery);
    } catch (error) {
      throw this.translate(error);
    }
  }

  /**
   * Sends a human decision as a Temporal Update whose id is the idempotency key with the decision's
   * fingerprint: an identical retry returns the first result, and the same key with another body
   * (or actor) reaches the workflow, which refuses it as a conflict (409), as the services do. A
   * refused decision comes back at once with its reason, leaving no trace.
   */
  async decide(
    partnershipId: string,
    kind: DecisionKind,
    body: object,
    idempotencyKey: string,
    actor: Actor,
  ): Promise<DecisionResult> {
    const decision = parseContract(decisionSchemas[kind], { ...body, idempotencyKey, actor });
    const fingerprint = decisionFingerprint({ kind, ...decision } as Decision);
    let result: DecisionResult;
    try {
      result = await this.temporal.client.workflow
        .getHandle(partnershipWorkflowId(partnershipId))
        .executeUpdate(decisionUpdates[kind] as never, {
          args: [decision] as never,
          updateId: fingerprint ? `${idempotencyKey}:${fingerprint}` : idempotencyKey,
        });
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError) throw refusalOf(error) ?? error;
      throw this.translate(error);
    }
    // Members may have changed (a partner added or withdrawn, a lead handed over).
    this.members.forget(partnershipId);
    this.announce(partnershipId, result, actor);
    return result;
  }

  /**
   * Tells the members' open screens (through the live stream) to re-read the partnership. Only a
   * notice: the decision is safe in the workflow's history, so an announcement NATS misses costs a
   * screen its refresh, nothing more. A retried decision returns the same decision id, which is the
   * message id: JetStream stores the notice once.
   */
  private announce(partnershipId: string, result: DecisionResult, actor: Actor): void {
    const event: DomainEvent = {
      eventId: `lifecycle-decision-${result.decisionId}`,
      type: decisionRecordedEventType,
      occurredAt: result.at,
      actor,
      partnershipId,
      organisationIds: [],
      data: { kind: result.kind, stage: result.stage, status: result.status },
    };
    const connection = this.nats.current();
    if (!connection) return;
    publishEvent(connection.jetstream(), event).catch((error: unknown) =>
      this.logger.warn(`notice of decision ${result.decisionId} not announced: ${String(error)}`),
    );
  }

  private translate(error: unknown): unknown {
    if (error instanceof WorkflowNotFoundError) return MitraError.notFound('The partnership');
    if (isGrpcServiceError(error) && error.code === 5) return MitraError.notFound('The partnership');
    if (isUnavailable(error)) return MitraError.unavailable('Temporal');
    return error;
  }
}
