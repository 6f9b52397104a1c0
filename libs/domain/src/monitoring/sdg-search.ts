import type { Language } from '@mitra/contracts';

/** A title in the catalogue carried in both languages. */
export interface SdgTitled {
  titleId: string;
  titleEn: string;
}

export const sdgTitle = (entry: SdgTitled, language: Language): string =>
  language === 'en' ? entry.titleEn : entry.titleId;

/** A goal's short name ("Tanpa Kemiskinan", "No poverty"). */
export const sdgGoalName = (goal: { nameId: string; nameEn: string }, language: Language): string =>
  language === 'en' ? goal.nameEn : goal.nameId;

/** Lower case without diacritics: "Kesetaraan" and "kesetaraan" match, so do "à" and "a". */
export const foldForSearch = (text: string): string =>
  text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('id');

const wordsOf = (text: string): string[] =>
  foldForSearch(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

const codeLike = /^\d{1,2}(?:\.[0-9a-z]{1,2}){0,2}\.?$/i;

/** A code matches by whole segments: "1.1" finds 1.1 and 1.1.1, not 1.10 or 11.1. */
export const isUnderCode = (code: string, prefix: string): boolean => {
  const trimmed = prefix.replace(/\.$/, '').toLowerCase();
  return code === trimmed || code.startsWith(`${trimmed}.`);
};

// Indonesian prefixes that come before a root word: "kemiskinan" is ke- + miskin + -an.
const prefixes = 'ke pe per pem pen peng penge be ber di me mem men meng menge ter se'.split(' ');

const wordMatches = (word: string, needle: string, language: Language) =>
  word.startsWith(needle) ||
  (language === 'id' &&
    needle.length >= 3 &&
    prefixes.some((prefix) => word.startsWith(prefix) && word.startsWith(needle, prefix.length)));

/**
 * Whether a catalogue entry answers a search: a code ("1.2", "1.2.1") by whole segments, any other
 * query by every word of it in the title. A word matches the start of a title word, or, in an
 * Indonesian title, its start after a prefix, so the root "miskin" finds "kemiskinan" and "lindung" "perlindungan",
 * while "nasional" does not find "internasional".
 */
export function matchesSdgSearch(
  query: string | undefined,
  code: string,
  title: string,
  language: Language,
): boolean {
  const trimmed = query?.trim() ?? '';
  if (!trimmed) return true;
  if (codeLike.test(trimmed)) return isUnderCode(code, trimmed);
  const wanted = wordsOf(trimmed);
  if (wanted.length === 0) return false;
  const words = wordsOf(title);
  return wanted.every((needle) => words.some((word) => wordMatches(word, needle, language)));
}
