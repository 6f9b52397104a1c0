import type { WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import {
  decisionUpdates,
  lifecycleStateQuery,
  serviceEventSignal,
  lifecycleSettingsSchema,
  type Actor,
  type DecisionKind,
  type DecisionResult,
  type DomainEvent,
  type PartnershipLifecycleInput,
} from '@mitra/contracts';
import { stageDefinition, stageTasks } from '@mitra/domain';

export const coordinator: Actor = { userId: 'koordinator-1', role: 'coordinator' };
export const leadPartner: Actor = { userId: 'wakil-bappeda', role: 'partner', organisationId: 'org-bappeda' };
export const companyPartner: Actor = { userId: 'wakil-pt', role: 'partner', organisationId: 'org-pt' };
export const auditor: Actor = { userId: 'auditor-1', role: 'auditor' };

export function lifecycleInput(partnershipId = randomUUID()): PartnershipLifecycleInput {
  return {
    partnershipId,
    name: 'Kemitraan Pencegahan Stunting',
    startedBy: coordinator,
    startedAt: '2026-01-05T00:00:00.000Z',
    leadOrganisationId: 'org-bappeda',
    settings: lifecycleSettingsSchema.parse({}),
  };
}

/** Drives a partnership workflow the way people and services do: Updates with keys, signals with event ids. */
export class LifecycleDriver {
  constructor(readonly handle: WorkflowHandle) {}

  decide(kind: DecisionKind, payload: Record<string, unknown>, idempotencyKey: string = `key-${randomUUID()}`): Promise<DecisionResult> {
    return this.handle.executeUpdate(decisionUpdates[kind] as never, {
      args: [{ idempotencyKey, ...payload }] as never,
      updateId: idempotencyKey,
    });
  }

  event(type: string, data: Record<string, unknown> = {}, eventId: string = randomUUID()): Promise<void> {
    const event: DomainEvent = {
      eventId,
      type,
      occurredAt: new Date().toISOString(),
      partnershipId: 'unused-by-the-workflow',
      organisationIds: [],
      data,
    };
    return this.handle.signal(serviceEventSignal, event);
  }

  state() {
    return this.handle.query(lifecycleStateQuery);
  }

  /** Completes every task and answers every question of the current stage. */
  async completeStage(): Promise<void> {
    const { stage } = await this.state();
    for (const task of stageTasks(stage)) {
      await this.decide('completeTask', { actor: task.owner === 'coordinator' ? coordinator : leadPartner, taskId: task.id, evidence: [] });
    }
    for (const question of stageDefinition(stage).questions) {
      await this.decide('answerQuestion', { actor: coordinator, questionId: question.id, answer: 'Ya, tercatat dalam notulen.' });
    }
  }

  async approve(): Promise<DecisionResult> {
    const { stage } = await this.state();
    return this.decide('approveGate', { actor: coordinator, stage });
  }

  /** From Initiation to the start of Development and maturation, with the services' events. */
  async driveToMaturation(): Promise<void> {
    // The facts first: a task whose fact does not hold yet is refused.
    await this.event('stakeholders.map.checked', { passed: true });
    await this.event('monitoring.targets.chosen');
    await this.event('monitoring.baseline.fixed');
    await this.completeStage();
    await this.approve();
    await this.event('agreements.mou.effective', { agreementId: 'mou-1', versionNumber: 1 });
    await this.event('funding.plan.committed');
    await this.completeStage();
    await this.approve();
    await this.completeStage();
    await this.event('monitoring.report.approved', { periodNumber: 1 });
    await this.approve();
    await this.completeStage();
    await this.event('monitoring.evaluation.completed', { panelCoversAllGroups: true });
    await this.approve();
    await this.completeStage();
  }
}
