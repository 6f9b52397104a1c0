import type { PartnershipList, PartnershipListItem } from '@mitra/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '#shared/api';
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
export function partnershipListOf(body: unknown): PartnershipList {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  return {
    items: Array.isArray(record.items) ? record.items.filter(isListItem) : [],
    unavailable: Array.isArray(record.unavailable)
      ? record.unavailable.filter((name): name is string => typeof name === 'string')
      : [],
  };
}

/** The partnerships the signed-in user may see. */
export function usePartnershipList(query: PartnershipListQuery = {}) {
  return useQuery({
    queryKey: queryKeys.partnershipList(query),
    queryFn: async ({ signal }) =>
      partnershipListOf(await api.get<unknown>('/partnerships', { query: { ...query }, signal })),
    placeholderData: (previous) => previous,
  });
}
