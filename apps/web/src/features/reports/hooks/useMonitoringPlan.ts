import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AssessmentInput,
  CompleteEvaluationInput,
  IndicatorInput,
  LifecycleState,
  MonitoringPlan,
  OpenEvaluationInput,
  ReportingSchedule,
  ReportInput,
} from '@mitra/contracts';
import { organisationQuery } from '#shared/organisations';
import {
  agreementPartiesKey,
  approveReport,
  chooseTargets,
  completeEvaluation,
  defineIndicator,
  fetchAgreementVersions,
  fetchLifecycleState,
  fetchMonitoringPlan,
  fetchStakeholderMap,
  fixBaseline,
  lifecycleStateKey,
  monitoringPlanKey,
  openEvaluation,
  returnReport,
  setSchedule,
  stakeholderMapKey,
  submitAssessment,
  submitReport,
} from '../api/monitoring-api';
import { awaitingAssessment } from '../model/evaluation';

/**
 * Opening an evaluation and assessing in it raise no domain event, so no live update tells the
 * screens: while an evaluation waits for assessments the plan is read again every so often.
 */
const assessmentPollMs = 10_000;

export const useMonitoringPlan = (partnershipId: string) =>
  useQuery({
    queryKey: monitoringPlanKey(partnershipId),
    queryFn: ({ signal }) => fetchMonitoringPlan(partnershipId, signal),
    refetchInterval: (query) => {
      const plan: MonitoringPlan | undefined = query.state.data;
      const waiting = plan?.evaluations?.some(
        (evaluation) => evaluation.status === 'open' && awaitingAssessment(evaluation).length > 0,
      );
      return waiting ? assessmentPollMs : false;
    },
  });

const recordingPollMs = 2_000;

/**
 * The lifecycle state, read again every few seconds while `waitingFor` says the screen waits for the
 * workflow to record a monitoring event (it travels monitoring → JetStream → worker → workflow, so
 * the plan shows a change before the lifecycle's facts do).
 */
export const useLifecycleState = (
  partnershipId: string,
  waitingFor?: (state: LifecycleState | undefined) => boolean,
) =>
  useQuery({
    queryKey: lifecycleStateKey(partnershipId),
    queryFn: ({ signal }) => fetchLifecycleState(partnershipId, signal),
    refetchInterval: (query) => (waitingFor?.(query.state.data) ? recordingPollMs : false),
  });

export const useStakeholderMap = (partnershipId: string, enabled: boolean) =>
  useQuery({
    queryKey: stakeholderMapKey(partnershipId),
    queryFn: ({ signal }) => fetchStakeholderMap(partnershipId, signal),
    enabled,
  });

export const useAgreementVersions = (partnershipId: string, enabled: boolean) =>
  useQuery({
    queryKey: agreementPartiesKey(partnershipId),
    queryFn: ({ signal }) => fetchAgreementVersions(partnershipId, signal),
    enabled,
  });

/** Several organisations by id (names and sectors), each cached on its own; `settled` once all answered. */
export function useOrganisations(organisationIds: readonly string[]) {
  const results = useQueries({ queries: [...new Set(organisationIds)].map(organisationQuery) });
  return {
    byId: new Map(results.flatMap((result) => (result.data ? [[result.data.id, result.data] as const] : []))),
    settled: results.every((result) => !result.isPending),
  };
}

export function useReportCommands(partnershipId: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: monitoringPlanKey(partnershipId) });
  const submit = useMutation({
    mutationFn: ({ report, idempotencyKey }: { report: ReportInput; idempotencyKey: string }) =>
      submitReport(partnershipId, report, idempotencyKey),
    onSuccess: refresh,
  });
  const approve = useMutation({
    mutationFn: (reportId: string) => approveReport(partnershipId, reportId),
    onSettled: refresh,
  });
  const giveBack = useMutation({
    mutationFn: ({
      reportId,
      reason,
      idempotencyKey,
    }: {
      reportId: string;
      reason: string;
      idempotencyKey: string;
    }) => returnReport(partnershipId, reportId, reason, idempotencyKey),
    onSettled: refresh,
  });
  return { submit, approve, giveBack };
}

/** The coordinator's commands that set up the plan; each refreshes the plan and the lifecycle state. */
export function usePlanCommands(partnershipId: string) {
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: monitoringPlanKey(partnershipId) }),
      queryClient.invalidateQueries({ queryKey: lifecycleStateKey(partnershipId) }),
    ]);
  const targets = useMutation({
    mutationFn: ({ codes, idempotencyKey }: { codes: string[]; idempotencyKey: string }) =>
      chooseTargets(partnershipId, codes, idempotencyKey),
    onSuccess: refresh,
  });
  const indicator = useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: IndicatorInput; idempotencyKey: string }) =>
      defineIndicator(partnershipId, input, idempotencyKey),
    onSuccess: refresh,
  });
  const baseline = useMutation({
    mutationFn: ({
      indicatorId,
      value,
      date,
      idempotencyKey,
    }: {
      indicatorId: string;
      value: number;
      date: string;
      idempotencyKey: string;
    }) => fixBaseline(partnershipId, indicatorId, { value, date }, idempotencyKey),
    onSettled: refresh,
  });
  const schedule = useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: ReportingSchedule; idempotencyKey: string }) =>
      setSchedule(partnershipId, input, idempotencyKey),
    onSuccess: refresh,
  });
  return { targets, indicator, baseline, schedule };
}

export function useEvaluationCommands(partnershipId: string) {
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: monitoringPlanKey(partnershipId) }),
      queryClient.invalidateQueries({ queryKey: lifecycleStateKey(partnershipId) }),
    ]);
  const open = useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: OpenEvaluationInput; idempotencyKey: string }) =>
      openEvaluation(partnershipId, input, idempotencyKey),
    onSuccess: refresh,
  });
  const assess = useMutation({
    mutationFn: ({
      evaluationId,
      input,
      idempotencyKey,
    }: {
      evaluationId: string;
      input: AssessmentInput;
      idempotencyKey: string;
    }) => submitAssessment(partnershipId, evaluationId, input, idempotencyKey),
    onSuccess: refresh,
  });
  const complete = useMutation({
    mutationFn: ({
      evaluationId,
      input,
      idempotencyKey,
    }: {
      evaluationId: string;
      input: CompleteEvaluationInput;
      idempotencyKey: string;
    }) => completeEvaluation(partnershipId, evaluationId, input, idempotencyKey),
    onSuccess: refresh,
  });
  return { open, assess, complete };
}
