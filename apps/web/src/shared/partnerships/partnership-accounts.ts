import { useQuery } from '@tanstack/react-query';
import { api } from '#shared/api';
import type { UserRole } from '#shared/auth';
import { queryKeys } from '#shared/query';

/** Someone who may act in a partnership, as `GET /partnerships/:id/accounts` names them (never an email). */
export interface PartnershipAccount {
  id: string;
  name: string;
  role: UserRole;
  organisationId?: string;
  organisationName?: string;
}

export const fetchPartnershipAccounts = (partnershipId: string, signal?: AbortSignal) =>
  api.get<PartnershipAccount[]>(`/partnerships/${encodeURIComponent(partnershipId)}/accounts`, { signal });

/** The partnership's coordinators, administrators and partner representatives, by name. */
export function usePartnershipAccounts(partnershipId: string) {
  return useQuery({
    queryKey: queryKeys.partnershipPart(partnershipId, 'accounts'),
    queryFn: ({ signal }) => fetchPartnershipAccounts(partnershipId, signal),
    staleTime: 60_000,
    enabled: partnershipId !== '',
  });
}
