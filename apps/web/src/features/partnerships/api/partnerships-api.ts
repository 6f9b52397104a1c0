import type {
  DecisionKind,
  DecisionResult,
  FundingSummary,
  LifecycleState,
  Organisation,
  StakeholderMapView,
} from '@mitra/contracts';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '#shared/api';
import { queryKeys } from '#shared/query';

const partnershipPath = (partnershipId: string) => `/partnerships/${encodeURIComponent(partnershipId)}`;

export function useLifecycleState(partnershipId: string) {
  return useQuery({
    queryKey: queryKeys.partnershipPart(partnershipId, 'state'),
    queryFn: ({ signal }) => api.get<LifecycleState>(partnershipPath(partnershipId), { signal }),
  });
}

const nullWhenAbsent = async <T>(request: Promise<T>): Promise<T | null> => {
  try {
    return await request;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
};

/** The funding figures per partner, or null while the partnership has no funding yet. */
export function useFundingSummary(partnershipId: string) {
  return useQuery({
    queryKey: queryKeys.partnershipPart(partnershipId, 'funding', 'summary'),
    queryFn: ({ signal }) =>
      nullWhenAbsent(
        api.get<FundingSummary>(`${partnershipPath(partnershipId)}/funding/summary`, { signal }),
      ),
  });
}

/** The map, or null while the partnership has none (the api answers 404). */
export function useStakeholderMap(partnershipId: string) {
  return useQuery({
    queryKey: queryKeys.partnershipPart(partnershipId, 'stakeholder-map'),
    queryFn: ({ signal }) =>
      nullWhenAbsent(
        api.get<StakeholderMapView>(`${partnershipPath(partnershipId)}/stakeholder-map`, { signal }),
      ),
  });
}

export function useOrganisations(organisationIds: readonly string[]) {
  return useQueries({
    queries: organisationIds.map((organisationId) => ({
      queryKey: queryKeys.organisation(organisationId),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<Organisation>(`/organisations/${encodeURIComponent(organisationId)}`, { signal }),
      staleTime: 5 * 60_000,
    })),
  });
}

/**
 * `POST /partnerships/:id/decisions/:kind`: a human decision taken into the lifecycle workflow. A refused
 * one comes back as 403/409/400 with the workflow's reason.
 */
export function useDecision<Body extends object>(partnershipId: string, kind: DecisionKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Body) =>
      api.post<DecisionResult>(`${partnershipPath(partnershipId)}/decisions/${kind}`, body),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.partnership(partnershipId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.inbox }),
        queryClient.invalidateQueries({ queryKey: queryKeys.partnershipList() }),
      ]),
  });
}
