import type {
  DecisionKind,
  DecisionResult,
  FundingSummary,
  LifecycleState,
  Organisation,
  OrganisationPage,
  StakeholderMapInput,
  StakeholderMapView,
  StartPartnershipInput,
} from '@mitra/contracts';
import {
  keepPreviousData,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
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
 * The workflow hears a service's event (the map's check) through the worker's bridge, a moment after
 * the page does, and announces no change of its own: read its state again until it agrees, for a while.
 */
async function stateUntil(
  queryClient: QueryClient,
  partnershipId: string,
  agrees: (state: LifecycleState) => boolean,
  attempts = 20,
  intervalMs = 1_000,
): Promise<void> {
  const queryKey = queryKeys.partnershipPart(partnershipId, 'state');
  for (let attempt = 0; attempt < attempts; attempt++) {
    await queryClient.invalidateQueries({ queryKey });
    const state = queryClient.getQueryData<LifecycleState>(queryKey);
    if (!state || agrees(state)) return;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

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
      queryClient.setQueryData(queryKeys.partnershipPart(state.partnershipId, 'state'), state);
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
      api.post<StakeholderMapView>(`${partnershipPath(partnershipId)}/stakeholder-map/versions`, input, {
        idempotencyKey,
      }),
    onSuccess: (view) => {
      queryClient.setQueryData(queryKeys.partnershipPart(partnershipId, 'stakeholder-map'), view);
      void stateUntil(
        queryClient,
        partnershipId,
        (state) => state.facts.stakeholderMapPassed === view.check.passed,
      );
    },
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
