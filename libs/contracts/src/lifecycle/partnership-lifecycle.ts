import { defineQuery } from '@temporalio/workflow';
import { z } from 'zod';
import { actorSchema } from '../common/actor';

export const partnershipLifecycleWorkflowName = 'partnershipLifecycle';
export const lifecycleTaskQueue = 'partnership-lifecycle';

export const partnershipWorkflowId = (partnershipId: string) => `partnership-${partnershipId}`;

export const stageIds = ['initiation', 'formation', 'implementation', 'monitoring', 'maturation'] as const;
export type StageId = (typeof stageIds)[number];

export const startPartnershipInputSchema = z.strictObject({
  name: z.string().trim().min(3, 'must be at least 3 characters').max(200, 'must be at most 200 characters'),
});
export type StartPartnershipInput = z.infer<typeof startPartnershipInputSchema>;

export const partnershipLifecycleInputSchema = z.strictObject({
  partnershipId: z.string().min(1),
  name: z.string().min(1),
  startedBy: actorSchema,
  startedAt: z.string(),
});
export type PartnershipLifecycleInput = z.infer<typeof partnershipLifecycleInputSchema>;

export interface LifecycleState {
  partnershipId: string;
  name: string;
  stage: StageId;
  status: 'active' | 'closed';
  startedAt: string;
  startedBy: string;
}

export const getLifecycleStateQuery = defineQuery<LifecycleState>('getState');

/** Published on NATS when a partnership enters a stage. */
export const lifecycleStageEnteredSubject = 'lifecycle.stage.entered';
export interface LifecycleStageEnteredEvent {
  eventId: string;
  partnershipId: string;
  stage: StageId;
  at: string;
}

/** The activities the lifecycle workflow calls; implemented by apps/worker. */
export interface LifecycleActivities {
  publishStageEntered(event: LifecycleStageEnteredEvent): Promise<void>;
}
