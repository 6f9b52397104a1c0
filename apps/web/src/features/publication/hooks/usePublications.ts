import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PublicSection, PublishInput } from '@mitra/contracts';
import { ApiError } from '#shared/api';
import {
  fetchPreview,
  fetchPublications,
  fetchPublicIndex,
  fetchPublicReport,
  previewKey,
  publicationsKey,
  publicIndexKey,
  publicReportKey,
  publishReport,
  withdrawReport,
} from '../api/publication-api';

export const usePublications = (partnershipId: string) =>
  useQuery({
    queryKey: publicationsKey(partnershipId),
    queryFn: ({ signal }) => fetchPublications(partnershipId, signal),
  });

/** The report as it would be published now; asked for only once the coordinator wants to see it. */
export const usePreview = (
  partnershipId: string,
  year: number,
  sections: readonly PublicSection[],
  enabled: boolean,
) =>
  useQuery({
    queryKey: previewKey(partnershipId, year, sections),
    queryFn: ({ signal }) => fetchPreview(partnershipId, year, sections, signal),
    enabled: enabled && sections.length > 0,
    placeholderData: keepPreviousData,
  });

export function usePublicationCommands(partnershipId: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: publicationsKey(partnershipId) });
  const publish = useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: PublishInput; idempotencyKey: string }) =>
      publishReport(partnershipId, input, idempotencyKey),
    onSettled: refresh,
  });
  const withdraw = useMutation({
    mutationFn: ({
      year,
      reason,
      idempotencyKey,
    }: {
      year: number;
      reason: string;
      idempotencyKey: string;
    }) => withdrawReport(partnershipId, year, reason, idempotencyKey),
    onSettled: refresh,
  });
  return { publish, withdraw };
}

/** A 404 is an answer (not published), not a failure worth retrying. */
const retryUnlessNotFound = (failures: number, error: unknown) =>
  !(error instanceof ApiError && error.status === 404) && failures < 3;

export const usePublicReport = (partnershipId: string, year: number) =>
  useQuery({
    queryKey: publicReportKey(partnershipId, year),
    queryFn: ({ signal }) => fetchPublicReport(partnershipId, year, signal),
    retry: retryUnlessNotFound,
  });

export const usePublicIndex = (partnershipId: string) =>
  useQuery({
    queryKey: publicIndexKey(partnershipId),
    queryFn: ({ signal }) => fetchPublicIndex(partnershipId, signal),
    retry: retryUnlessNotFound,
  });
