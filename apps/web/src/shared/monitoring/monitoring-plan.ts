import { useQuery } from '@tanstack/react-query';
import type { MonitoringPlan } from '@mitra/contracts';
import { api } from '#shared/api';
import { queryKeys } from '#shared/query';

export const monitoringPlanPath = (partnershipId: string) =>
  `/monitoring/partnerships/${encodeURIComponent(partnershipId)}`;

/** Under the partnership's prefix: a live event of the partnership refreshes the plan. */
export const monitoringPlanKey = (partnershipId: string) =>
  queryKeys.partnershipPart(partnershipId, 'monitoring-plan');

/** A partnership without a plan yet has an empty one. */
export const fetchMonitoringPlan = (partnershipId: string, signal?: AbortSignal) =>
  api.get<MonitoringPlan>(monitoringPlanPath(partnershipId), { signal });

/** The partnership's monitoring plan (targets, indicators, schedule, reports, evaluations), one cache for every screen. */
export const useMonitoringPlan = (partnershipId: string) =>
  useQuery({
    queryKey: monitoringPlanKey(partnershipId),
    queryFn: ({ signal }) => fetchMonitoringPlan(partnershipId, signal),
  });
