import type { PublicationRecord } from '@mitra/contracts';
import { emptyPublications } from '@mitra/domain';
import type { DocumentLogOptions } from '../persistence/document-log';

/**
 * Every partnership's published annual reports: one revision per publish or withdraw decision in
 * `publication_changes` (the year's publication it replaced, the decision it added), and the current
 * record in `publication_snapshots`. Nothing is edited: a published snapshot stays in the revision
 * that published it. See `DocumentLog`.
 */
export const publicationLog: DocumentLogOptions<PublicationRecord> = {
  revisions: 'publication_changes',
  snapshots: 'publication_snapshots',
  snapshotFormat: 1,
  empty: emptyPublications,
  collections: { publications: 'year' },
};
