import type { Organisation } from '@mitra/contracts';
import { useQueries, useQuery } from '@tanstack/react-query';
import { api } from '#shared/api';
import { queryKeys } from '#shared/query';

export const fetchOrganisation = (organisationId: string, signal?: AbortSignal) =>
  api.get<Organisation>(`/organisations/${encodeURIComponent(organisationId)}`, { signal });

/** One organisation, cached per id for every screen that names it. */
export const organisationQuery = (organisationId: string) => ({
  queryKey: queryKeys.organisation(organisationId),
  queryFn: ({ signal }: { signal: AbortSignal }) => fetchOrganisation(organisationId, signal),
  staleTime: 5 * 60_000,
  retry: false,
  enabled: organisationId !== '',
});

/** An organisation's name for display; its id while unknown (or when the reader may not see it). */
export function useOrganisationName(organisationId: string): string {
  const organisation = useQuery(organisationQuery(organisationId));
  return organisation.data?.name ?? organisationId;
}

/** Organisation names by id, for lists and choices; an id stands in while its name loads (or is not readable). */
export function useOrganisationNames(organisationIds: readonly string[]): (organisationId: string) => string {
  const unique = [...new Set(organisationIds)];
  const results = useQueries({ queries: unique.map(organisationQuery) });
  const names = new Map(unique.map((id, index) => [id, results[index]?.data?.name]));
  return (organisationId) => names.get(organisationId) ?? organisationId;
}
