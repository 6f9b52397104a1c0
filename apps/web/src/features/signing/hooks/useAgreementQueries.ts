import type { Agreement, Language } from '@mitra/contracts';
import { useQuery } from '@tanstack/react-query';
import {
  agreementKeys,
  fetchAgreement,
  fetchDiff,
  fetchVerification,
  fetchVersion,
} from '../api/agreements-api';

/**
 * The agreement, read by id, then kept fresh under its partnership's cache prefix so another party's
 * signature shows up as soon as the live stream reports it.
 */
export function useAgreement(agreementId: string) {
  const first = useQuery({
    queryKey: agreementKeys.agreement(agreementId),
    queryFn: ({ signal }) => fetchAgreement(agreementId, signal),
  });
  const partnershipId = first.data?.partnershipId;
  const live = useQuery({
    queryKey: agreementKeys.liveAgreement(partnershipId ?? '', agreementId),
    queryFn: ({ signal }) => fetchAgreement(agreementId, signal),
    enabled: partnershipId !== undefined,
    initialData: first.data,
    initialDataUpdatedAt: first.dataUpdatedAt,
  });
  const data: Agreement | undefined = live.data ?? first.data;
  return { data, error: first.error, isPending: first.isPending, refetch: first.refetch };
}

/** A version never changes once written: read it once. */
export const useVersion = (agreementId: string, versionNumber: number | undefined) =>
  useQuery({
    queryKey: agreementKeys.version(agreementId, versionNumber ?? 0),
    queryFn: ({ signal }) => fetchVersion(agreementId, versionNumber!, signal),
    enabled: versionNumber !== undefined,
    staleTime: Infinity,
  });

export const useVersionDiff = (
  agreementId: string,
  from: number,
  to: number,
  language: Language,
  enabled: boolean,
) =>
  useQuery({
    queryKey: agreementKeys.diff(agreementId, from, to, language),
    queryFn: ({ signal }) => fetchDiff(agreementId, from, to, language, signal),
    enabled,
    staleTime: Infinity,
  });

export const useVerification = (agreement: Agreement | undefined, versionNumber: number | undefined) =>
  useQuery({
    queryKey: agreementKeys.verification(
      agreement?.partnershipId ?? '',
      agreement?.id ?? '',
      versionNumber ?? 0,
    ),
    queryFn: ({ signal }) => fetchVerification(agreement!.id, versionNumber!, signal),
    enabled: agreement !== undefined && versionNumber !== undefined,
  });
