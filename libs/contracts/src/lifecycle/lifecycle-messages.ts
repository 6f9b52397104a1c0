import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { DomainEvent } from '../events/domain-event';
import type {
  AcceptTransfer,
  AddPartner,
  AnswerQuestion,
  ApproveGate,
  CompleteTask,
  DecideMaturation,
  DecisionResult,
  LifecycleState,
  Pause,
  Resume,
  ReturnGate,
  Terminate,
  WaiveInclusiveness,
  WithdrawPartner,
} from './partnership-lifecycle';

/*
 * The lifecycle workflow's names, messages and vocabulary, free of schemas: the workflow bundle imports them
 * (through `@mitra/contracts/lifecycle-workflow`) without zod, which every open workflow would evaluate again.
 */

export const partnershipLifecycleWorkflowName = 'partnershipLifecycle';
export const lifecycleTaskQueue = 'partnership-lifecycle';

export const partnershipWorkflowId = (partnershipId: string) => `partnership-${partnershipId}`;

export const stageIds = ['initiation', 'formation', 'implementation', 'monitoring', 'maturation'] as const;
export type StageId = (typeof stageIds)[number];

export const partnerRoles = ['lead', 'partner', 'supporter', 'beneficiary', 'evaluator'] as const;
export type PartnerRole = (typeof partnerRoles)[number];

/**
 * Search attributes the inbox and the partnership list filter on; registered when Temporal starts.
 * No personal data: members are opaque organisation and user ids.
 */
export const lifecycleSearchAttributes = {
  stage: 'MitraStage',
  pendingRole: 'MitraPendingRole',
  dueAt: 'MitraDueAt',
  members: 'MitraMembers',
} as const;

export const lifecycleSearchAttributeTypes = {
  [lifecycleSearchAttributes.stage]: 'Keyword',
  [lifecycleSearchAttributes.pendingRole]: 'Keyword',
  [lifecycleSearchAttributes.dueAt]: 'Datetime',
  [lifecycleSearchAttributes.members]: 'KeywordList',
} as const;

/** How a member appears in `MitraMembers`, so one visibility query finds a user's partnerships. */
export const memberKeys = {
  organisation: (organisationId: string) => `org:${organisationId}`,
  user: (userId: string) => `user:${userId}`,
};

export const decisionRefusedFailureType = 'DecisionRefused';

export const lifecycleStateQuery = defineQuery<LifecycleState>('state');

export const decisionUpdates = {
  approveGate: defineUpdate<DecisionResult, [ApproveGate]>('approveGate'),
  returnGate: defineUpdate<DecisionResult, [ReturnGate]>('returnGate'),
  completeTask: defineUpdate<DecisionResult, [CompleteTask]>('completeTask'),
  answerQuestion: defineUpdate<DecisionResult, [AnswerQuestion]>('answerQuestion'),
  waiveInclusiveness: defineUpdate<DecisionResult, [WaiveInclusiveness]>('waiveInclusiveness'),
  decideMaturation: defineUpdate<DecisionResult, [DecideMaturation]>('decideMaturation'),
  acceptTransfer: defineUpdate<DecisionResult, [AcceptTransfer]>('acceptTransfer'),
  addPartner: defineUpdate<DecisionResult, [AddPartner]>('addPartner'),
  withdrawPartner: defineUpdate<DecisionResult, [WithdrawPartner]>('withdrawPartner'),
  pause: defineUpdate<DecisionResult, [Pause]>('pause'),
  resume: defineUpdate<DecisionResult, [Resume]>('resume'),
  terminate: defineUpdate<DecisionResult, [Terminate]>('terminate'),
} as const;

/**
 * The Temporal header carrying the api's request context (request id, acting user, role) into the workflow, whose
 * log lines of an Update or a signal then carry it as the api's and the services' lines do.
 */
export const requestContextHeader = 'mitra-request';

/** Events from the services (MoU effective, report approved, …) enter the workflow here. */
export const serviceEventSignal = defineSignal<[DomainEvent]>('serviceEvent');
