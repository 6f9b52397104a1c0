import type { PartnershipList, PartnershipListItem } from '@mitra/contracts';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api, joinedPages, pagedOf, type Paged } from '#shared/api';
import { queryKeys } from '#shared/query';

/** Filters of `GET /api/v1/partnerships`, sent as query parameters; unset ones are left out. */
export interface PartnershipListQuery {
  stage?: string;
  /** SDG goal number, 1–17. */
  sdg?: string;
  /** A province or regency/city, matched exactly. */
  region?: string;
  health?: string;
}

function isListItem(value: unknown): value is PartnershipListItem {
  if (typeof value !== 'object' || value === null) return false;
  const row = value as Record<string, unknown>;
  return (
    typeof row.partnershipId === 'string' &&
    typeof row.name === 'string' &&
    typeof row.stage === 'string' &&
    Array.isArray(row.sdgGoals) &&
    row.sdgGoals.every((goal) => typeof goal === 'number')
  );
}

/** The list as the screens use it; rows it cannot show are left out, and which services did not answer. */
export const partnershipListOf = (body: unknown): PartnershipList => pagedOf(body, isListItem);

const listPageSize = 50;

/** The partnerships the signed-in user may see, a page at a time (`fetchNextPage`); `data` joins the pages read. */
export function usePartnershipList(query: PartnershipListQuery = {}) {
  return useInfiniteQuery({
    queryKey: queryKeys.partnershipList(query),
    queryFn: async ({ signal, pageParam }) =>
      partnershipListOf(
        await api.get<unknown>('/partnerships', {
          query: { ...query, limit: String(listPageSize), ...(pageParam ? { cursor: pageParam } : {}) },
          signal,
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last: Paged<PartnershipListItem>) => last.nextCursor,
    select: (data) => joinedPages(data.pages),
    placeholderData: keepPreviousData,
  });
}
