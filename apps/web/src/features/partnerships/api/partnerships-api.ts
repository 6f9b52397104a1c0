import type {
  DecisionKind,
  DecisionResult,
  FundingSummary,
  LifecycleState,
  OrganisationPage,
  StakeholderMapInput,
  StakeholderMapView,
  StartPartnershipInput,
} from '@mitra/contracts';
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '#shared/api';
import { organisationQuery } from '#shared/organisations';
import { lifecycleStateKey, stakeholderMapKey, stakeholderMapPath } from '#shared/partnerships';
import { queryKeys } from '#shared/query';

const partnershipPath = (partnershipId: string) => `/partnerships/${encodeURIComponent(partnershipId)}`;

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

export const useOrganisations = (organisationIds: readonly string[]) =>
  useQueries({ queries: organisationIds.map(organisationQuery) });

/** Organisations with a word of their name beginning with each word of `name` (any case or accent), a first page of them, for a picker. */
export function useOrganisationSearch(name: string) {
  const term = name.trim();
  return useQuery({
    queryKey: [...queryKeys.organisations, 'search', term],
    queryFn: ({ signal }) =>
      api.get<OrganisationPage>('/organisations', { query: { name: term || undefined, limit: 20 }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/** `POST /partnerships`: the lifecycle workflow starts at Initiation; the reply is its first state. */
export function useStartPartnership() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: StartPartnershipInput; idempotencyKey: string }) =>
      api.post<LifecycleState>('/partnerships', input, { idempotencyKey }),
    onSuccess: (state) => {
      queryClient.setQueryData(lifecycleStateKey(state.partnershipId), state);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.partnershipList() }),
        queryClient.invalidateQueries({ queryKey: queryKeys.inbox }),
      ]);
    },
  });
}

/**
 * `POST stakeholder-map/versions`: the whole map as its next version, based on the version read. The
 * reply carries the service's inclusiveness check, shown at once; a 409 means someone saved first.
 */
export function useSaveStakeholderMap(partnershipId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: StakeholderMapInput; idempotencyKey: string }) =>
      api.post<StakeholderMapView>(`${stakeholderMapPath(partnershipId)}/versions`, input, {
        idempotencyKey,
      }),
    onSuccess: (view) => {
      // The lifecycle state follows when the workflow has the map's check (a live notice).
      queryClient.setQueryData(stakeholderMapKey(partnershipId), view);
    },
  });
}

/**
 * `POST /partnerships/:id/decisions/:kind`: a human decision taken into the lifecycle workflow. A refused
 * one comes back as 403/409/400 with the workflow's reason. A form gives the idempotency key of its
 * submission (`useCommandForm`), so a resend is the same decision.
 */
export function useDecision<Body extends object>(partnershipId: string, kind: DecisionKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: Body; idempotencyKey?: string }) =>
      api.post<DecisionResult>(`${partnershipPath(partnershipId)}/decisions/${kind}`, body, {
        idempotencyKey,
      }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.partnership(partnershipId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.inbox }),
        queryClient.invalidateQueries({ queryKey: queryKeys.partnershipList() }),
      ]),
  });
}
