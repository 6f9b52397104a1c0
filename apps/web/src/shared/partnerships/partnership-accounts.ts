import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
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

/**
 * People by name, as the partnership's accounts list them; undefined for someone it does not list (a
 * disabled account), so the screen says so in words rather than showing an id.
 */
export function usePartnershipAccountNames(
  partnershipId: string,
): (userId: string | undefined) => string | undefined {
  const accounts = usePartnershipAccounts(partnershipId);
  const names = useMemo(
    () => new Map((accounts.data ?? []).map((account) => [account.id, account.name])),
    [accounts.data],
  );
  return (userId) => (userId === undefined ? undefined : names.get(userId));
}
