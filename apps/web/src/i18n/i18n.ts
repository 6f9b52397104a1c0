import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import id from './locales/id.json';

export const languages = ['id', 'en'] as const;
export type Language = (typeof languages)[number];

/** Bahasa Indonesia first: English only when the user picks it. */
export const defaultLanguage: Language = 'id';
export const languageStorageKey = 'mitra.language';

export const resources = {
  id: { translation: id },
  en: { translation: en satisfies typeof id },
} as const;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

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

export function createI18n(): i18n {
  const instance = i18next.createInstance();
  instance.on('languageChanged', (language) => {
    if (typeof document !== 'undefined') document.documentElement.lang = language;
  });
  void instance.use(initReactI18next).init({
    resources,
    lng: readStoredLanguage(),
    fallbackLng: defaultLanguage,
    supportedLngs: languages,
    interpolation: { escapeValue: false }, // React escapes.
    initAsync: false, // Resources are bundled: render in the right language from the first paint.
  });
  return instance;
}
