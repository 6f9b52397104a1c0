import {
  ErrorCode,
  MitraError,
  type Actor,
  type Publication,
  type PublicationRecord,
  type PublicReport,
  type PublicReportIndex,
  type PublishedReport,
} from '@mitra/contracts';

export interface PublicationContext {
  actor: Actor;
  now: string;
}

export interface PublicationDecisionResult {
  record: PublicationRecord;
  result: Publication;
}

export const emptyPublications = (partnershipId: string): PublicationRecord => ({
  partnershipId,
  publications: [],
  decisions: [],
});

/** The calendar year in Asia/Jakarta (UTC+7) at an instant. */
const jakartaYear = (instant: string) =>
  new Date(new Date(instant).getTime() + 7 * 3_600_000).getUTCFullYear();

function requireCoordinator(actor: Actor, what: string): void {
  if (actor.role !== 'admin' && actor.role !== 'coordinator')
    throw new MitraError(ErrorCode.Forbidden, `Only a coordinator may ${what}.`);
}

const byYear = (a: Publication, b: Publication) => a.year - b.year;

/**
 * Publishes (or republishes, replacing) a year's report: a decision recorded with who and when.
 * A year not yet begun has nothing to report.
 */
export function publishReport(
  record: PublicationRecord,
  report: PublicReport,
  ctx: PublicationContext,
): PublicationDecisionResult {
  requireCoordinator(ctx.actor, "publish the partnership's annual report");
  if (report.year > jakartaYear(ctx.now))
    throw MitraError.validation([
      { field: 'year', reason: 'must not be a year still to come', code: 'monitoring.year_to_come' },
    ]);
  const publication: Publication = {
    year: report.year,
    status: 'published',
    report,
    publishedAt: ctx.now,
    publishedBy: ctx.actor.userId,
  };
  return {
    record: {
      ...record,
      publications: [...record.publications.filter((p) => p.year !== report.year), publication].sort(byYear),
      decisions: [
        ...record.decisions,
        {
          kind: 'published',
          year: report.year,
          sections: report.sections,
          at: ctx.now,
          by: ctx.actor.userId,
        },
      ],
    },
    result: publication,
  };
}

/** Takes a year's report off the public page; the snapshot stays in the record, no longer public. */
export function withdrawReport(
  record: PublicationRecord,
  year: number,
  reason: string,
  ctx: PublicationContext,
): PublicationDecisionResult {
  requireCoordinator(ctx.actor, "withdraw the partnership's annual report");
  const current = record.publications.find((p) => p.year === year);
  if (!current) throw MitraError.notFound(`The report of ${year}`);
  if (current.status === 'withdrawn')
    throw MitraError.refused(
      ErrorCode.Conflict,
      'monitoring.publication_withdrawn',
      { year },
      `The report of ${year} is already withdrawn.`,
    );
  const withdrawn: Publication = {
    ...current,
    status: 'withdrawn',
    withdrawnAt: ctx.now,
    withdrawnBy: ctx.actor.userId,
    withdrawalReason: reason,
  };
  return {
    record: {
      ...record,
      publications: record.publications.map((p) => (p.year === year ? withdrawn : p)),
      decisions: [
        ...record.decisions,
        { kind: 'withdrawn', year, reason, at: ctx.now, by: ctx.actor.userId },
      ],
    },
    result: withdrawn,
  };
}

/** What the public may read of a year: the snapshot as published, or nothing. */
export function publishedReport(record: PublicationRecord, year: number): PublishedReport | undefined {
  const publication = record.publications.find((p) => p.year === year && p.status === 'published');
  return publication && { ...publication.report, publishedAt: publication.publishedAt };
}

/** The years published now, newest first; undefined when none is. */
export function publicIndex(record: PublicationRecord): PublicReportIndex | undefined {
  const published = record.publications
    .filter((p) => p.status === 'published')
    .sort((a, b) => b.year - a.year);
  if (published.length === 0) return undefined;
  return {
    partnershipId: record.partnershipId,
    // The name as in the latest published report: the public knows the partnership by what it published.
    partnershipName: published[0].report.partnershipName,
    reports: published.map((p) => ({
      year: p.year,
      sections: p.report.sections,
      publishedAt: p.publishedAt,
    })),
  };
}
