/**
 * React Query keys of the whole app, as prefixes: invalidating `partnership(id)` refreshes everything
 * cached about that partnership (its state, map, monitoring plan, and any feature's data keyed under it).
 * Features put their queries under these prefixes so live updates reach them.
 */
export const queryKeys = {
  session: ['session'] as const,
  inbox: ['inbox'] as const,
  partnerships: ['partnerships'] as const,
  partnershipList: (filters: object = {}) => ['partnerships', 'list', filters] as const,
  partnership: (partnershipId: string) => ['partnerships', 'detail', partnershipId] as const,
  partnershipPart: (partnershipId: string, ...part: string[]) =>
    ['partnerships', 'detail', partnershipId, ...part] as const,
  organisations: ['organisations'] as const,
  organisation: (organisationId: string) => ['organisations', organisationId] as const,
  sdg: ['sdg'] as const,
  sdgGoals: ['sdg', 'goals'] as const,
  sdgTargets: ['sdg', 'targets'] as const,
  sdgIndicators: ['sdg', 'indicators'] as const,
};
