import type { ComboboxParsedItem, OptionsFilter } from '@mantine/core';
import type { Language, SdgGoal, SdgIndicator, SdgTarget } from '@mitra/contracts';
import { compareCodes, matchesSdgSearch, sdgGoalName, sdgTitle, type SdgTitled } from '@mitra/domain';

export interface OptionGroup {
  group: string;
  items: { value: string; label: string }[];
}

export const shorten = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;

const labelLength = 90;

const optionOf = (entry: SdgTitled & { code: string }, language: Language) => ({
  value: entry.code,
  label: `${entry.code} ${shorten(sdgTitle(entry, language), labelLength)}`,
});

const inCodeOrder = <T extends { code: string }>(entries: readonly T[]) =>
  [...entries].sort((a, b) => compareCodes(a.code, b.code));

/**
 * The catalogue's targets grouped by goal, for a searchable multi-select, titled in the user's
 * language. A chosen goal narrows the list, but targets already chosen always stay in it, so the
 * selection still shows them.
 */
export function targetOptions(
  targets: readonly SdgTarget[],
  goals: readonly SdgGoal[],
  language: Language,
  goal: string | null,
  chosen: readonly string[],
): OptionGroup[] {
  const shown = targets.filter((target) => !goal || target.goal === goal || chosen.includes(target.code));
  return inCodeOrder(goals).flatMap((sdg) => {
    const items = inCodeOrder(shown.filter((target) => target.goal === sdg.code)).map((target) =>
      optionOf(target, language),
    );
    return items.length > 0 ? [{ group: `${sdg.code}. ${sdgGoalName(sdg, language)}`, items }] : [];
  });
}

/** The catalogue's indicators of the partnership's chosen targets, grouped by target. */
export function indicatorOptions(
  indicators: readonly SdgIndicator[],
  chosenTargets: readonly string[],
  language: Language,
): OptionGroup[] {
  return [...chosenTargets].sort(compareCodes).flatMap((target) => {
    const items = inCodeOrder(indicators.filter((indicator) => indicator.target === target)).map(
      (indicator) => optionOf(indicator, language),
    );
    return items.length > 0 ? [{ group: target, items }] : [];
  });
}

/** The partnership's chosen targets, for an indicator of its own; a code the catalogue lacks stays bare. */
export function chosenTargetOptions(
  targets: readonly SdgTarget[],
  chosen: readonly string[],
  language: Language,
): OptionGroup['items'] {
  return [...chosen].sort(compareCodes).map((code) => {
    const target = targets.find((entry) => entry.code === code);
    return target ? optionOf(target, language) : { value: code, label: code };
  });
}

/** Full titles by code in the user's language. */
export const titlesByCode = (entries: readonly (SdgTitled & { code: string })[], language: Language) =>
  new Map(entries.map((entry) => [entry.code, sdgTitle(entry, language)]));

/**
 * Searches options by code or by the words of their full title (labels are shortened), ignoring
 * case and diacritics, as the api's catalogue search does.
 */
export function sdgOptionsFilter(titles: ReadonlyMap<string, string>, language: Language): OptionsFilter {
  return ({ options, search }) => {
    const matches = (item: { value: string; label: string }) =>
      matchesSdgSearch(search, item.value, titles.get(item.value) ?? item.label, language);
    return options.flatMap((option): ComboboxParsedItem[] => {
      if (!('group' in option)) return matches(option) ? [option] : [];
      const items = option.items.filter(matches);
      return items.length > 0 ? [{ ...option, items }] : [];
    });
  };
}
