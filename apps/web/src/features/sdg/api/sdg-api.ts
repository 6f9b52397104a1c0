import type { MonitoringPlan, PlanProgress } from '@mitra/contracts';
import { useQueries } from '@tanstack/react-query';
import { api, ApiError } from '#shared/api';
import { queryKeys } from '#shared/query';

const orNullWhenMissing = async <T>(request: Promise<T>): Promise<T | null> => {
  try {
    return await request;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 403)) return null;
    throw error;
  }
};

/**
 * Each partnership's monitoring plan and progress, keyed under the partnership so its live events
 * refresh them. A partnership the user may list but not monitor counts with no indicators.
 */
export function useMonitoring(partnershipIds: readonly string[]) {
  const monitoringPath = (partnershipId: string) =>
    `/monitoring/partnerships/${encodeURIComponent(partnershipId)}`;
  const plans = useQueries({
    queries: partnershipIds.map((partnershipId) => ({
      queryKey: queryKeys.partnershipPart(partnershipId, 'monitoring', 'plan'),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        orNullWhenMissing(api.get<MonitoringPlan>(monitoringPath(partnershipId), { signal })),
    })),
  });
  const progress = useQueries({
    queries: partnershipIds.map((partnershipId) => ({
      queryKey: queryKeys.partnershipPart(partnershipId, 'monitoring', 'progress'),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        orNullWhenMissing(api.get<PlanProgress>(`${monitoringPath(partnershipId)}/progress`, { signal })),
    })),
  });
  return { plans, progress };
}
