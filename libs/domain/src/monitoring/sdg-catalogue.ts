import type { Language, SdgGoal, SdgIndicator, SdgTarget } from '@mitra/contracts';
import { isUnderCode, matchesSdgSearch, sdgGoalName, sdgTitle } from './sdg-search';

/**
 * The catalogue's source files, each a flat `key: text` map as the open-sdg translations keep them
 * (`1-short`, `1-title`, `1-2-title`, `1-2-1-title`). The Indonesian files carry the same keys.
 */
export interface SdgSources {
  goalsEn: Record<string, string>;
  goalsId: Record<string, string>;
  targetsEn: Record<string, string>;
  targetsId: Record<string, string>;
  indicatorsEn: Record<string, string>;
  indicatorsId: Record<string, string>;
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

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Each `…-title` entry whose code has `parts` segments, with its Indonesian title under the same key. */
function titled(english: Record<string, string>, indonesian: Record<string, string>, parts: number) {
  return Object.entries(english).flatMap(([key, text]) => {
    const code = /^(.+)-title$/.exec(key)?.[1]?.split('-');
    if (!code || code.length !== parts || typeof text !== 'string') return [];
    const titleId = indonesian[key];
    if (typeof titleId !== 'string' || !titleId.trim()) throw new Error(`The SDG catalogue has no Indonesian title for ${key}`);
    return [{ code, titleEn: oneLine(text), titleId: oneLine(titleId) }];
  });
}

/** Builds the catalogue; an English title without its Indonesian one is an error, not a gap. */
export function buildSdgCatalogue(sources: SdgSources): SdgCatalogue {
  const goals = titled(sources.goalsEn, sources.goalsId, 1).map(({ code: [goal = ''], ...titles }): SdgGoal => ({
    code: goal,
    nameId: sources.goalsId[`${goal}-short`] ?? '',
    nameEn: sources.goalsEn[`${goal}-short`] ?? '',
    ...titles,
  }));
  const targets = titled(sources.targetsEn, sources.targetsId, 2).map(
    ({ code, ...titles }): SdgTarget => ({ code: code.join('.'), goal: code[0] ?? '', ...titles }),
  );
  const seen = new Set<string>();
  const indicators = titled(sources.indicatorsEn, sources.indicatorsId, 3).flatMap(({ code, ...titles }): SdgIndicator[] => {
    const joined = code.join('.');
    if (seen.has(joined)) return [];
    seen.add(joined);
    return [{ code: joined, target: code.slice(0, 2).join('.'), goal: code[0] ?? '', ...titles }];
  });
  return { goals: goals.sort(byCode), targets: targets.sort(byCode), indicators: indicators.sort(byCode) };
}

export interface SdgSearch {
  q?: string;
  /** The language whose titles are searched: Bahasa Indonesia unless English is asked for. */
  language?: Language;
}

export function searchSdgTargets(catalogue: SdgCatalogue, params: SdgSearch & { goal?: string }): SdgTarget[] {
  const language = params.language ?? 'id';
  return catalogue.targets.filter(
    (t) => (!params.goal || isUnderCode(t.code, params.goal)) && matchesSdgSearch(params.q, t.code, sdgTitle(t, language), language),
  );
}

export function searchSdgIndicators(catalogue: SdgCatalogue, params: SdgSearch & { target?: string }): SdgIndicator[] {
  const language = params.language ?? 'id';
  return catalogue.indicators.filter(
    (i) => (!params.target || isUnderCode(i.code, params.target)) && matchesSdgSearch(params.q, i.code, sdgTitle(i, language), language),
  );
}

export function searchSdgGoals(catalogue: SdgCatalogue, params: SdgSearch): SdgGoal[] {
  const language = params.language ?? 'id';
  return catalogue.goals.filter((g) =>
    matchesSdgSearch(params.q, g.code, `${sdgGoalName(g, language)} ${sdgTitle(g, language)}`, language),
  );
}
