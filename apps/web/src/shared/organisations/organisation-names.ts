import { objectIdSchema, type Organisation } from '@mitra/contracts';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '#shared/api';
import { queryKeys } from '#shared/query';

/**
 * One organisation, or null when the registry does not know its id (404, or an id of no registry shape,
 * which is not asked at all): a partnership or an agreement may name an organisation that was never
 * registered, and that answer is as final as a name.
 */
export async function fetchOrganisation(
  organisationId: string,
  signal?: AbortSignal,
): Promise<Organisation | null> {
  if (!objectIdSchema.safeParse(organisationId).success) return null;
  try {
    return await api.get<Organisation>(`/organisations/${encodeURIComponent(organisationId)}`, { signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** One organisation, cached per id for every screen that names it; an unknown one is not asked again. */
export const organisationQuery = (organisationId: string) => ({
  queryKey: queryKeys.organisation(organisationId),
  queryFn: ({ signal }: { signal: AbortSignal }) => fetchOrganisation(organisationId, signal),
  staleTime: 5 * 60_000,
  retry: false,
  enabled: organisationId !== '',
});

/** What to call an organisation: its name, "unregistered organisation" when the registry does not know it, its id while loading (or when the reader may not see it). */
function useNaming(): (organisationId: string, organisation: Organisation | null | undefined) => string {
  const { t } = useTranslation();
  return (organisationId, organisation) =>
    organisation === null ? t('states.unknownOrganisation') : (organisation?.name ?? organisationId);
}

/** An organisation's name for display (see `useNaming`). */
export function useOrganisationName(organisationId: string): string {
  const organisation = useQuery(organisationQuery(organisationId));
  return useNaming()(organisationId, organisation.data);
}

/** Organisation names by id, for lists and choices (see `useNaming`). */
export function useOrganisationNames(organisationIds: readonly string[]): (organisationId: string) => string {
  const unique = [...new Set(organisationIds)];
  const results = useQueries({ queries: unique.map(organisationQuery) });
  const naming = useNaming();
  const organisations = new Map(unique.map((id, index) => [id, results[index]?.data]));
  return (organisationId) => naming(organisationId, organisations.get(organisationId));
}
