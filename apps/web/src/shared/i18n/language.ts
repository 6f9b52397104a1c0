import type { i18n } from 'i18next';
import { useTranslation } from 'react-i18next';

export const languages = ['id', 'en'] as const;
export type Language = (typeof languages)[number];

/** Bahasa Indonesia first: English only when the user picks it. */
export const defaultLanguage: Language = 'id';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** Text that the domain carries in both languages (stage, step, task and question titles). */
export interface LocalisedText {
  id: string;
  en: string;
}

export const localised = (text: LocalisedText, language: Language): string => text[language];

/** The UI language now; also the locale for Intl formatting. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : defaultLanguage;
}

/** A key with its namespace, `inbox:nav`: how route tables name their labels without importing a feature. */
export type NamespacedKey = `${string}:${string}`;

/** Translates namespaced keys that come from data (route tables), which typed `t` cannot check. */
export function useNamespacedT(): (key: NamespacedKey) => string {
  const { t } = useTranslation();
  return (key) => (t as unknown as (key: string) => string)(key);
}

export const languageStorageKey = 'mitra.language';

type LanguageStorage = Pick<Storage, 'getItem' | 'setItem'>;

function browserStorage(): LanguageStorage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // Storage can be blocked (privacy settings): then the choice lasts for the page only.
  }
}

/** The language the user chose earlier, or the default. */
export function readStoredLanguage(storage: LanguageStorage | undefined = browserStorage()): Language {
  try {
    const stored = storage?.getItem(languageStorageKey);
    return isLanguage(stored) ? stored : defaultLanguage;
  } catch {
    return defaultLanguage;
  }
}

/** Switches the UI language and remembers the choice. */
export async function chooseLanguage(
  instance: i18n,
  language: Language,
  storage: LanguageStorage | undefined = browserStorage(),
): Promise<void> {
  try {
    storage?.setItem(languageStorageKey, language);
  } catch {
    // Not remembered, but still switched.
  }
  await instance.changeLanguage(language);
}
