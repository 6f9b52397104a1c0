import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AssessmentInput,
  CompleteEvaluationInput,
  IndicatorInput,
  OpenEvaluationInput,
  ReportingSchedule,
  ReportInput,
} from '@mitra/contracts';
import { monitoringPlanKey } from '#shared/monitoring';
import { organisationQuery } from '#shared/organisations';
import { lifecycleStateKey } from '#shared/partnerships';
import {
  agreementPartiesKey,
  approveReport,
  chooseTargets,
  completeEvaluation,
  defineIndicator,
  fetchAgreementVersions,
  fixBaseline,
  openEvaluation,
  returnReport,
  setSchedule,
  submitAssessment,
  submitReport,
} from '../api/monitoring-api';

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
