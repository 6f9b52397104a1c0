import { z } from 'zod';
import { reasonSchema, textSchema } from '../common/text';
import { httpUrlSchema } from '../common/url';
import { actorSchema, idempotencyKeySchema, type Actor } from '../common/actor';
import { agreementPartySchema } from '../agreements/fields';
import type { MembershipChange } from '../agreements/commands';
import type { LifecycleNotificationType } from '../events/lifecycle-event-types';
import { partnerRoles, stageIds, type PartnerRole, type StageId } from './lifecycle-messages';
import type { FieldErrorCode, refusalCodes, RefusalParams } from '../errors/refusal';

export {
  decisionRefusedFailureType,
  decisionUpdates,
  lifecycleSearchAttributes,
  lifecycleSearchAttributeTypes,
  lifecycleStateQuery,
  lifecycleTaskQueue,
  memberKeys,
  partnerRoles,
  partnershipLifecycleWorkflowName,
  partnershipWorkflowId,
  requestContextHeader,
  serviceEventSignal,
  stageIds,
  type PartnerRole,
  type StageId,
} from './lifecycle-messages';

const days = z.number().int().min(1).max(3650);

/** Timings of the process; the defaults are the guide's habits (quarterly reports, a week to approve). */
export const lifecycleSettingsSchema = z.strictObject({
  approvalDueDays: days.default(7),
  remindAfterDays: days.default(3),
  escalateAfterDays: days.default(7),
  reportingPeriodDays: days.default(91),
  reportGraceDays: days.default(14),
  /** Consecutive periods without a report after which the partnership turns inactive. */
  inactiveAfterMissedPeriods: z.number().int().min(1).max(12).default(2),
});
export type LifecycleSettings = z.infer<typeof lifecycleSettingsSchema>;

export const startPartnershipInputSchema = z.strictObject({
  name: textSchema({ min: 3, max: 200 }),
  leadOrganisationId: z.string().min(1).max(100).optional(),
  settings: lifecycleSettingsSchema.partial().optional(),
});
export type StartPartnershipInput = z.infer<typeof startPartnershipInputSchema>;

export const partnershipLifecycleInputSchema = z.strictObject({
  partnershipId: z.string().min(1),
  name: z.string().min(1),
  startedBy: actorSchema,
  startedAt: z.string(),
  leadOrganisationId: z.string().optional(),
  settings: lifecycleSettingsSchema,
});
export type PartnershipLifecycleInput = z.infer<typeof partnershipLifecycleInputSchema>;

const reason = reasonSchema;
const remark = textSchema({ min: 0, max: 2000, multiline: true });
const documentRef = textSchema({ min: 0, max: 200 });

const evidenceSchema = z.strictObject({
  label: textSchema({ max: 200 }),
  url: httpUrlSchema.optional(),
  documentRef: documentRef.optional(),
});

const decisionBase = { idempotencyKey: idempotencyKeySchema, actor: actorSchema };

export const approveGateSchema = z.strictObject({
  ...decisionBase,
  stage: z.enum(stageIds),
  comment: remark.optional(),
});
export const returnGateSchema = z.strictObject({ ...decisionBase, stage: z.enum(stageIds), reason });
export const completeTaskSchema = z.strictObject({
  ...decisionBase,
  taskId: z.string().min(1).max(100),
  evidence: z.array(evidenceSchema).max(20).default([]),
  note: remark.optional(),
});
export const answerQuestionSchema = z.strictObject({
  ...decisionBase,
  questionId: z.string().min(1).max(100),
  answer: textSchema({ min: 3, max: 4000, multiline: true }),
});
export const waiveInclusivenessSchema = z.strictObject({ ...decisionBase, reason });
export const decideMaturationSchema = z.discriminatedUnion('outcome', [
  z.strictObject({ ...decisionBase, outcome: z.literal('renew'), reason }),
  z.strictObject({
    ...decisionBase,
    outcome: z.literal('transfer'),
    newLeadOrganisationId: z.string().min(1).max(100),
    reason,
  }),
  z.strictObject({
    ...decisionBase,
    outcome: z.literal('close'),
    closureReport: z.strictObject({
      summary: textSchema({ min: 20, max: 10_000, multiline: true }),
      documentRef: documentRef.optional(),
    }),
  }),
]);
export const acceptTransferSchema = z.strictObject({ ...decisionBase });
export const addPartnerSchema = z.strictObject({
  ...decisionBase,
  organisationId: z.string().min(1).max(100),
  role: z.enum(partnerRoles),
  /** The joining party's entry in the MoU: needed once an MoU is in force, which is then amended. */
  mouParty: agreementPartySchema.optional(),
});
export const withdrawPartnerSchema = z.strictObject({
  ...decisionBase,
  organisationId: z.string().min(1).max(100),
  reason,
});
export const pauseSchema = z.strictObject({ ...decisionBase, reason });
export const resumeSchema = z.strictObject({ ...decisionBase, reason: remark.optional() });
export const terminateSchema = z.strictObject({ ...decisionBase, reason });

export type ApproveGate = z.infer<typeof approveGateSchema>;
export type ReturnGate = z.infer<typeof returnGateSchema>;
export type CompleteTask = z.infer<typeof completeTaskSchema>;
export type AnswerQuestion = z.infer<typeof answerQuestionSchema>;
export type WaiveInclusiveness = z.infer<typeof waiveInclusivenessSchema>;
export type DecideMaturation = z.infer<typeof decideMaturationSchema>;
export type AcceptTransfer = z.infer<typeof acceptTransferSchema>;
export type AddPartner = z.infer<typeof addPartnerSchema>;
export type WithdrawPartner = z.infer<typeof withdrawPartnerSchema>;
export type Pause = z.infer<typeof pauseSchema>;
export type Resume = z.infer<typeof resumeSchema>;
export type Terminate = z.infer<typeof terminateSchema>;

/** Every human decision, as the workflow receives it. */
export type Decision =
  | ({ kind: 'approveGate' } & ApproveGate)
  | ({ kind: 'returnGate' } & ReturnGate)
  | ({ kind: 'completeTask' } & CompleteTask)
  | ({ kind: 'answerQuestion' } & AnswerQuestion)
  | ({ kind: 'waiveInclusiveness' } & WaiveInclusiveness)
  | ({ kind: 'decideMaturation' } & DecideMaturation)
  | ({ kind: 'acceptTransfer' } & AcceptTransfer)
  | ({ kind: 'addPartner' } & AddPartner)
  | ({ kind: 'withdrawPartner' } & WithdrawPartner)
  | ({ kind: 'pause' } & Pause)
  | ({ kind: 'resume' } & Resume)
  | ({ kind: 'terminate' } & Terminate);
export type DecisionKind = Decision['kind'];

export const decisionSchemas = {
  approveGate: approveGateSchema,
  returnGate: returnGateSchema,
  completeTask: completeTaskSchema,
  answerQuestion: answerQuestionSchema,
  waiveInclusiveness: waiveInclusivenessSchema,
  decideMaturation: decideMaturationSchema,
  acceptTransfer: acceptTransferSchema,
  addPartner: addPartnerSchema,
  withdrawPartner: withdrawPartnerSchema,
  pause: pauseSchema,
  resume: resumeSchema,
  terminate: terminateSchema,
} satisfies Record<DecisionKind, z.ZodType>;
export const decisionKinds = Object.keys(decisionSchemas) as DecisionKind[];

export interface DecisionRecord {
  decisionId: string;
  kind: DecisionKind;
  idempotencyKey: string;
  actor: Actor;
  at: string;
  stage: StageId;
  cycle: number;
  reason?: string;
  details?: Record<string, unknown>;
}

export interface DecisionResult {
  decisionId: string;
  kind: DecisionKind;
  at: string;
  stage: StageId;
  status: LifecycleStatus;
}

/** The lifecycle rules that refuse a decision: the `lifecycle` list of the refusal codes. */
export type DecisionRefusalRule = (typeof refusalCodes.lifecycle)[number];

/** Why a decision was refused; carried in the ApplicationFailure's details. */
export interface DecisionRefusal {
  code: 'FORBIDDEN' | 'CONFLICT' | 'VALIDATION_FAILED';
  field?: string;
  reason: string;
  /**
   * The rule that refused (`lifecycle.<rule>` across HTTP) and what its sentence needs: `task_fact_unmet`
   * names `taskId` and the unmet `preconditions`. A decision the workflow's checks refuse has none.
   */
  rule?: DecisionRefusalRule;
  /** The field's code where the workflow's payload checks refused (`too_small`), as zod's schema would name it. */
  fieldCode?: FieldErrorCode;
  /** What the sentence of the rule, or of the field's code, needs. */
  params?: RefusalParams;
}

export type LifecycleStatus = 'active' | 'paused' | 'inactive' | 'closed' | 'transferred' | 'terminated';

export interface Partner {
  organisationId: string;
  role: PartnerRole;
  joinedAt: string;
  withdrawnAt?: string;
}

export interface TaskCompletion {
  by: string;
  organisationId?: string;
  at: string;
  evidence: Array<{ label: string; url?: string; documentRef?: string }>;
  note?: string;
}

export interface ReportingPeriod {
  number: number;
  opensAt: string;
  endsAt: string;
  dueAt: string;
  status: 'open' | 'submitted' | 'approved' | 'late';
}

export interface PendingItem {
  kind: 'gateApproval' | 'transferAcceptance' | 'inactivityDecision' | 'report';
  forRole: 'coordinator' | 'partner' | 'admin';
  forOrganisationId?: string;
  stage: StageId;
  dueAt: string;
  periodNumber?: number;
}

export interface LifecycleState {
  partnershipId: string;
  name: string;
  cycle: number;
  /** The run of the previous cycle, when this one was renewed from it. */
  previousRunId?: string;
  stage: StageId;
  status: LifecycleStatus;
  startedAt: string;
  startedBy: string;
  settings: LifecycleSettings;
  coordinators: string[];
  leadOrganisationId?: string;
  partners: Partner[];
  tasks: Record<string, TaskCompletion>;
  answers: Record<string, { answer: string; by: string; at: string }>;
  facts: {
    stakeholderMapPassed: boolean;
    inclusivenessWaiver?: { reason: string; by: string; at: string };
    sdgTargetsChosen: boolean;
    baselineFixed: boolean;
    mouEffective?: { agreementId: string; versionNumber: number; at: string };
    fundingCommitted: boolean;
    evaluationCompleted: boolean;
  };
  reportingPeriods: ReportingPeriod[];
  gate: {
    readySince?: string;
    remindedAt?: string;
    escalatedAt?: string;
    returned?: { reason: string; by: string; at: string };
  };
  maturation?: {
    outcome: 'renew' | 'transfer' | 'close';
    decidedBy: string;
    newLeadOrganisationId?: string;
    transferAcceptedBy?: string;
    closureReport?: { summary: string; documentRef?: string };
  };
  inactiveSince?: string;
  pending: PendingItem[];
  decisions: DecisionRecord[];
  /** Idempotency keys already processed, with their results: a retried decision changes nothing. */
  processedKeys: Record<string, DecisionResult>;
  /**
   * What each key promised (`decisionFingerprint`): the same key with another decision is refused.
   * Absent in states recorded before it existed.
   */
  decisionFingerprints?: Record<string, string>;
  /** Service events already applied, by event id. */
  appliedEventIds: string[];
}

/** A notification the workflow asks the worker to publish (reminders, escalations, chases). */
export interface LifecycleNotification {
  eventId: string;
  type: LifecycleNotificationType;
  partnershipId: string;
  at: string;
  data: Record<string, unknown>;
}

/** The workflow's request to amend the MoU in force for a partner joining or leaving. */
export interface MouMembershipAmendment {
  /** Derived from the decision's idempotency key, so a retried activity amends once. */
  idempotencyKey: string;
  actor: Actor;
  agreementId: string;
  change: MembershipChange;
  expiresAt: string;
}

export type MouAmendmentOutcome =
  { versionNumber: number } | { queuedBehindRound: number } | { refused: string };

/** The activities the lifecycle workflow calls; implemented by apps/worker. */
export interface LifecycleActivities {
  publishNotifications(notifications: LifecycleNotification[]): Promise<void>;
  /**
   * Asks the agreements service over NATS; returns the amendment's version, the round it is queued
   * behind, or the refusal's reason.
   */
  amendMouMembership(amendment: MouMembershipAmendment): Promise<MouAmendmentOutcome>;
}
