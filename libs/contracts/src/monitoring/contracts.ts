import { z } from 'zod';
import type { ContractInput, ContractPayload } from '../common/contract';
import { actsForPayload, everyone, partnershipInPayload, staff, writers } from '../common/access-policy';
import { defineCommand, defineQuery } from '../common/contract';
import {
  completeEvaluationCommandSchema,
  openEvaluationCommandSchema,
  submitAssessmentCommandSchema,
} from './evaluation';
import {
  approveReportCommandSchema,
  chooseTargetsCommandSchema,
  defineIndicatorCommandSchema,
  fixBaselineCommandSchema,
  getPlanQuerySchema,
  getProgressQuerySchema,
  returnReportCommandSchema,
  setScheduleCommandSchema,
  submitReportCommandSchema,
} from './plan';
import {
  getPublicationsQuerySchema,
  publicationRecordSchema,
  publicationSchema,
  publicReportIndexSchema,
  publishedReportSchema,
  publicIndexQuerySchema,
  publicReportQuerySchema,
  publishCommandSchema,
  withdrawCommandSchema,
} from './publication';
import {
  sdgGoalSchema,
  sdgIndicatorSchema,
  sdgTargetSchema,
  listSdgGoalsQuerySchema,
  listSdgIndicatorsQuerySchema,
  listSdgTargetsQuerySchema,
} from './sdg';
import {
  evaluationSchema,
  monitoringPlanSchema,
  partnershipIndicatorSchema,
  planProgressSchema,
  progressReportSchema,
} from './views';

const partnership = partnershipInPayload;

/** The monitoring service's commands and queries: the SDG catalogue, M&E plans, reports and evaluations. */
export const MonitoringContracts = {
  ListSdgGoals: defineQuery({
    subject: 'monitoring.sdg.goals',
    payload: listSdgGoalsQuerySchema,
    reply: z.array(sdgGoalSchema),
    access: 'public',
  }),
  ListSdgTargets: defineQuery({
    subject: 'monitoring.sdg.targets',
    payload: listSdgTargetsQuerySchema,
    reply: z.array(sdgTargetSchema),
    access: 'public',
  }),
  ListSdgIndicators: defineQuery({
    subject: 'monitoring.sdg.indicators',
    payload: listSdgIndicatorsQuerySchema,
    reply: z.array(sdgIndicatorSchema),
    access: 'public',
  }),
  GetPlan: defineQuery({
    subject: 'monitoring.plan.get',
    payload: getPlanQuerySchema,
    reply: monitoringPlanSchema,
    access: { roles: everyone, partnership },
  }),
  GetProgress: defineQuery({
    subject: 'monitoring.plan.progress',
    payload: getProgressQuerySchema,
    reply: planProgressSchema,
    access: { roles: everyone, partnership },
  }),
  ChooseTargets: defineCommand({
    subject: 'monitoring.targets.choose',
    payload: chooseTargetsCommandSchema,
    reply: monitoringPlanSchema,
    access: { roles: staff, partnership },
  }),
  SetSchedule: defineCommand({
    subject: 'monitoring.schedule.set',
    payload: setScheduleCommandSchema,
    reply: monitoringPlanSchema,
    access: { roles: staff, partnership },
  }),
  DefineIndicator: defineCommand({
    subject: 'monitoring.indicator.define',
    payload: defineIndicatorCommandSchema,
    reply: partnershipIndicatorSchema,
    access: { roles: staff, partnership },
  }),
  FixBaseline: defineCommand({
    subject: 'monitoring.baseline.fix',
    payload: fixBaselineCommandSchema,
    reply: partnershipIndicatorSchema,
    access: { roles: staff, partnership },
  }),
  SubmitReport: defineCommand({
    subject: 'monitoring.report.submit',
    payload: submitReportCommandSchema,
    reply: progressReportSchema,
    access: { roles: writers, partnership, actsFor: [actsForPayload('report.organisationId')] },
  }),
  ApproveReport: defineCommand({
    subject: 'monitoring.report.approve',
    payload: approveReportCommandSchema,
    reply: progressReportSchema,
    access: { roles: staff, partnership },
  }),
  ReturnReport: defineCommand({
    subject: 'monitoring.report.return',
    payload: returnReportCommandSchema,
    reply: progressReportSchema,
    access: { roles: staff, partnership },
  }),
  OpenEvaluation: defineCommand({
    subject: 'monitoring.evaluation.open',
    payload: openEvaluationCommandSchema,
    reply: evaluationSchema,
    access: { roles: staff, partnership },
  }),
  SubmitAssessment: defineCommand({
    subject: 'monitoring.evaluation.assess',
    payload: submitAssessmentCommandSchema,
    reply: evaluationSchema,
    access: { roles: writers, partnership },
  }),
  CompleteEvaluation: defineCommand({
    subject: 'monitoring.evaluation.complete',
    payload: completeEvaluationCommandSchema,
    reply: evaluationSchema,
    access: { roles: staff, partnership },
  }),
} as const;

/** The monitoring service's annual public reports. */
export const PublicationContracts = {
  Publish: defineCommand({
    subject: 'monitoring.publication.publish',
    payload: publishCommandSchema,
    reply: publicationSchema,
    access: { roles: staff, partnership },
  }),
  Withdraw: defineCommand({
    subject: 'monitoring.publication.withdraw',
    payload: withdrawCommandSchema,
    reply: publicationSchema,
    access: { roles: staff, partnership },
  }),
  Get: defineQuery({
    subject: 'monitoring.publication.get',
    payload: getPublicationsQuerySchema,
    reply: publicationRecordSchema,
    access: { roles: everyone, partnership },
  }),
  /** Read without an actor: only what is published now. */
  PublicIndex: defineQuery({
    subject: 'monitoring.publication.public-index',
    payload: publicIndexQuerySchema,
    reply: publicReportIndexSchema,
    access: 'public',
  }),
  PublicReport: defineQuery({
    subject: 'monitoring.publication.public-report',
    payload: publicReportQuerySchema,
    reply: publishedReportSchema,
    access: 'public',
  }),
} as const;

/** What a caller sends (`ContractInput`) or a handler receives (`ContractPayload`), by the names the code uses. */
export type OpenEvaluationCommand = ContractInput<typeof MonitoringContracts.OpenEvaluation>;
export type SubmitAssessmentCommand = ContractInput<typeof MonitoringContracts.SubmitAssessment>;
export type CompleteEvaluationCommand = ContractInput<typeof MonitoringContracts.CompleteEvaluation>;
export type ListSdgGoalsQuery = ContractPayload<typeof MonitoringContracts.ListSdgGoals>;
export type ListSdgTargetsQuery = ContractPayload<typeof MonitoringContracts.ListSdgTargets>;
export type ListSdgIndicatorsQuery = ContractPayload<typeof MonitoringContracts.ListSdgIndicators>;
export type PublishCommand = ContractInput<typeof PublicationContracts.Publish>;
export type WithdrawCommand = ContractInput<typeof PublicationContracts.Withdraw>;
export type GetPublicationsQuery = ContractPayload<typeof PublicationContracts.Get>;
export type PublicIndexQuery = ContractPayload<typeof PublicationContracts.PublicIndex>;
export type PublicReportQuery = ContractPayload<typeof PublicationContracts.PublicReport>;
export type ChooseTargetsCommand = ContractInput<typeof MonitoringContracts.ChooseTargets>;
export type DefineIndicatorCommand = ContractInput<typeof MonitoringContracts.DefineIndicator>;
export type FixBaselineCommand = ContractInput<typeof MonitoringContracts.FixBaseline>;
export type SubmitReportCommand = ContractInput<typeof MonitoringContracts.SubmitReport>;
export type ApproveReportCommand = ContractInput<typeof MonitoringContracts.ApproveReport>;
export type ReturnReportCommand = ContractInput<typeof MonitoringContracts.ReturnReport>;
export type GetPlanQuery = ContractPayload<typeof MonitoringContracts.GetPlan>;
export type SetScheduleCommand = ContractInput<typeof MonitoringContracts.SetSchedule>;
