import type {
  Publication,
  PublicationRecord,
  PublicReport,
  PublicReportIndex,
  PublicSection,
  PublishedReport,
  PublishInput,
} from '@mitra/contracts';
import { api } from '#shared/api';
import { queryKeys } from '#shared/query';

const publicationsPath = (partnershipId: string) =>
  `/partnerships/${encodeURIComponent(partnershipId)}/publications`;
const publicPath = (partnershipId: string) =>
  `/public/partnerships/${encodeURIComponent(partnershipId)}/reports`;

/** Under the partnership's prefix, so whatever refreshes the partnership refreshes its publications. */
export const publicationsKey = (partnershipId: string) =>
  queryKeys.partnershipPart(partnershipId, 'publications');
export const previewKey = (partnershipId: string, year: number, sections: readonly PublicSection[]) =>
  queryKeys.partnershipPart(partnershipId, 'publications', 'preview', String(year), sections.join(','));
/** Outside the signed-in keys: a sign-out that clears the session's data does not concern the public. */
export const publicReportKey = (partnershipId: string, year: number) =>
  ['public', 'reports', partnershipId, year] as const;
export const publicIndexKey = (partnershipId: string) => ['public', 'reports', partnershipId] as const;

export const fetchPublications = (partnershipId: string, signal?: AbortSignal) =>
  api.get<PublicationRecord>(publicationsPath(partnershipId), { signal });

export const fetchPreview = (
  partnershipId: string,
  year: number,
  sections: readonly PublicSection[],
  signal?: AbortSignal,
) =>
  api.get<PublicReport>(`${publicationsPath(partnershipId)}/preview`, {
    query: { year, sections: sections.join(',') },
    signal,
  });

export const publishReport = (partnershipId: string, input: PublishInput, idempotencyKey: string) =>
  api.post<Publication>(publicationsPath(partnershipId), input, { idempotencyKey });

export const withdrawReport = (partnershipId: string, year: number, reason: string, idempotencyKey: string) =>
  api.post<Publication>(
    `${publicationsPath(partnershipId)}/${year}/withdrawal`,
    { reason },
    { idempotencyKey },
  );

// The public page asks nothing of a session: a 401 here (there should be none) must not sign anyone out.
export const fetchPublicReport = (partnershipId: string, year: number, signal?: AbortSignal) =>
  api.get<PublishedReport>(`${publicPath(partnershipId)}/${year}`, {
    signal,
    signOutOnUnauthenticated: false,
  });

export const fetchPublicIndex = (partnershipId: string, signal?: AbortSignal) =>
  api.get<PublicReportIndex>(publicPath(partnershipId), { signal, signOutOnUnauthenticated: false });
