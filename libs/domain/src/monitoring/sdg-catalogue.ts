import type { SdgGoal, SdgIndicator, SdgTarget } from '@mitra/contracts';

/** The catalogue's source files, each a flat `key: text` map as the open-sdg translations keep them. */
export interface SdgSources {
  goalsEn: Record<string, string>;
  goalsId: Record<string, string>;
  targetsEn: Record<string, string>;
  indicatorsEn: Record<string, string>;
}

export interface SdgCatalogue {
  goals: SdgGoal[];
  targets: SdgTarget[];
  indicators: SdgIndicator[];
}

const byCode = (a: { code: string }, b: { code: string }) => compareCodes(a.code, b.code);

/** Orders "1.2" before "1.10" and numbered targets before lettered ones ("1.5" < "1.a"). */
export function compareCodes(a: string, b: string): number {
  const left = a.split('.');
  const right = b.split('.');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const x = left[i] ?? '';
    const y = right[i] ?? '';
    if (x === y) continue;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    if (xn && yn) return Number(x) - Number(y);
    if (xn !== yn) return xn ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

function titled(source: Record<string, string>, parts: number): { code: string[]; text: string }[] {
  return Object.entries(source).flatMap(([key, text]) => {
    const match = /^(.+)-title$/.exec(key);
    const code = match?.[1]?.split('-');
    return code && code.length === parts && typeof text === 'string' ? [{ code, text: text.replace(/\s+/g, ' ').trim() }] : [];
  });
}

export function buildSdgCatalogue(sources: SdgSources): SdgCatalogue {
  const goals = titled(sources.goalsEn, 1).map(({ code: [goal = ''], text }): SdgGoal => ({
    code: goal,
    nameId: sources.goalsId[`${goal}-short`] ?? '',
    nameEn: sources.goalsEn[`${goal}-short`] ?? '',
    titleEn: text,
  }));
  const targets = titled(sources.targetsEn, 2).map(({ code, text }): SdgTarget => ({ code: code.join('.'), goal: code[0] ?? '', titleEn: text }));
  const seen = new Set<string>();
  const indicators = titled(sources.indicatorsEn, 3).flatMap(({ code, text }): SdgIndicator[] => {
    const joined = code.join('.');
    if (seen.has(joined)) return [];
    seen.add(joined);
    return [{ code: joined, target: code.slice(0, 2).join('.'), goal: code[0] ?? '', titleEn: text }];
  });
  return { goals: goals.sort(byCode), targets: targets.sort(byCode), indicators: indicators.sort(byCode) };
}

const matchesText = (q: string | undefined, ...texts: string[]) => {
  if (!q) return true;
  const needle = q.toLocaleLowerCase('id');
  return texts.some((text) => text.toLocaleLowerCase('id').includes(needle));
};

/** A code prefix matches whole segments only: "1.1" finds 1.1.1, not 1.10.1. */
const underCode = (code: string, prefix: string | undefined) => !prefix || code === prefix || code.startsWith(`${prefix.replace(/\.$/, '')}.`);

export function searchSdgTargets(catalogue: SdgCatalogue, params: { goal?: string; q?: string }): SdgTarget[] {
  return catalogue.targets.filter((t) => underCode(t.code, params.goal) && matchesText(params.q, t.code, t.titleEn));
}

export function searchSdgIndicators(catalogue: SdgCatalogue, params: { target?: string; q?: string }): SdgIndicator[] {
  return catalogue.indicators.filter((i) => underCode(i.code, params.target) && matchesText(params.q, i.code, i.titleEn));
}

export function searchSdgGoals(catalogue: SdgCatalogue, params: { q?: string }): SdgGoal[] {
  return catalogue.goals.filter((g) => matchesText(params.q, g.code, g.nameId, g.nameEn, g.titleEn));
}
