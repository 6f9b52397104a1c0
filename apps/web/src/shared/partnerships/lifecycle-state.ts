import { useQuery } from '@tanstack/react-query';
import type { LifecycleState } from '@mitra/contracts';
import { api } from '#shared/api';
import { queryKeys } from '#shared/query';

/**
 * The partnership's lifecycle state, one cache entry for every screen. Live updates refresh it: a
 * decision (`lifecycle.decision.recorded`) and a service event the workflow took in
 * (`lifecycle.event.recorded`) both name the partnership.
 */
export const lifecycleStateKey = (partnershipId: string) => queryKeys.partnershipPart(partnershipId, 'state');

export const fetchLifecycleState = (partnershipId: string, signal?: AbortSignal) =>
  api.get<LifecycleState>(`/partnerships/${encodeURIComponent(partnershipId)}`, { signal });

export const useLifecycleState = (partnershipId: string) =>
  useQuery({
    queryKey: lifecycleStateKey(partnershipId),
    queryFn: ({ signal }) => fetchLifecycleState(partnershipId, signal),
  });
