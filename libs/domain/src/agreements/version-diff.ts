import { diffArrays } from 'diff';
import type { ClauseDiff, Language, LineChange, RenderedClause, VersionContent, VersionDiff } from '@mitra/contracts';

/** Line-level changes between two clause bodies (each line is a paragraph or list item). */
export function diffLines(from: readonly string[], to: readonly string[]): LineChange[] {
  return diffArrays([...from], [...to]).flatMap((change) =>
    change.value.map((line): LineChange => ({ op: change.added ? 'added' : change.removed ? 'removed' : 'unchanged', line })),
  );
}

function diffClause(from: RenderedClause | undefined, to: RenderedClause | undefined): ClauseDiff {
  const key = (to ?? from)!.key;
  const lines = diffLines(from?.lines ?? [], to?.lines ?? []);
  const headingChanged = from?.heading !== to?.heading;
  const status = !from ? 'added' : !to ? 'removed' : headingChanged || lines.some((l) => l.op !== 'unchanged') ? 'changed' : 'unchanged';
  return { key, status, heading: { from: from?.heading ?? null, to: to?.heading ?? null }, lines };
}

/** Clause by clause, line by line: what changed from one version to another, in one language. */
export function diffVersions(from: VersionContent, to: VersionContent, language: Language): VersionDiff {
  const before = from.text[language];
  const after = to.text[language];
  const beforeByKey = new Map(before.clauses.map((clause) => [clause.key, clause]));
  const afterByKey = new Map(after.clauses.map((clause) => [clause.key, clause]));
  // Keep the newer version's order, and put clauses it dropped where they stood.
  const keys = [...new Set([...after.clauses.map((c) => c.key), ...before.clauses.map((c) => c.key)])];
  return {
    agreementId: to.agreementId,
    from: from.versionNumber,
    to: to.versionNumber,
    language,
    title: { from: before.title, to: after.title },
    opening: diffLines(before.opening, after.opening),
    clauses: keys.map((key) => diffClause(beforeByKey.get(key), afterByKey.get(key))),
  };
}
