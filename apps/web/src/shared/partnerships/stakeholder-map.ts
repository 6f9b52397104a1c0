import { useQuery } from '@tanstack/react-query';
import type { StakeholderMapView } from '@mitra/contracts';
import { api, ApiError } from '#shared/api';
import { queryKeys } from '#shared/query';

export const stakeholderMapPath = (partnershipId: string) =>
  `/partnerships/${encodeURIComponent(partnershipId)}/stakeholder-map`;

export const stakeholderMapKey = (partnershipId: string) =>
  queryKeys.partnershipPart(partnershipId, 'stakeholder-map');

/** The map, or null while the partnership has none (the api answers 404). */
export async function fetchStakeholderMap(
  partnershipId: string,
  signal?: AbortSignal,
): Promise<StakeholderMapView | null> {
  try {
    return await api.get<StakeholderMapView>(stakeholderMapPath(partnershipId), { signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export const useStakeholderMap = (partnershipId: string, enabled = true) =>
  useQuery({
    queryKey: stakeholderMapKey(partnershipId),
    queryFn: ({ signal }) => fetchStakeholderMap(partnershipId, signal),
    enabled,
  });
