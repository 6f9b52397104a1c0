import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { defaultLanguage, languages, readStoredLanguage, type Language } from '#shared/i18n';
import { namespaces, type Namespace } from './namespaces';

type Resources = { [L in Language]: { [N in Namespace]: (typeof namespaces)[N][L] } };

const resourcesIn = <L extends Language>(language: L) =>
  Object.fromEntries(
    Object.entries(namespaces).map(([name, locales]) => [name, locales[language]]),
  ) as Resources[L];

export const resources: Resources = { id: resourcesIn('id'), en: resourcesIn('en') };

export function createI18n(): i18n {
  const instance = i18next.createInstance();
  instance.on('languageChanged', (language) => {
    if (typeof document !== 'undefined') document.documentElement.lang = language;
  });
  void instance.use(initReactI18next).init({
    resources,
    ns: Object.keys(namespaces),
    defaultNS: 'translation',
    lng: readStoredLanguage(),
    fallbackLng: defaultLanguage,
    supportedLngs: languages,
    interpolation: { escapeValue: false }, // React escapes.
    initAsync: false, // Resources are bundled: render in the right language from the first paint.
  });
  return instance;
}
