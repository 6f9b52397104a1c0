import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReportInput } from '@mitra/contracts';
import { queryKeys } from '#shared/query';
import {
  approveReport,
  fetchMonitoringPlan,
  fetchOrganisation,
  monitoringPlanKey,
  returnReport,
  submitReport,
} from '../api/monitoring-api';

export const useMonitoringPlan = (partnershipId: string) =>
  useQuery({
    queryKey: monitoringPlanKey(partnershipId),
    queryFn: ({ signal }) => fetchMonitoringPlan(partnershipId, signal),
  });

/** An organisation's name for display; its id while unknown (or when the reader may not see it). */
export function useOrganisationName(organisationId: string): string {
  const organisation = useQuery({
    queryKey: queryKeys.organisation(organisationId),
    queryFn: ({ signal }) => fetchOrganisation(organisationId, signal),
    staleTime: 5 * 60_000,
    retry: false,
  });
  return organisation.data?.name ?? organisationId;
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
