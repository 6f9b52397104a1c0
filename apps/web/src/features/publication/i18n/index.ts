import type { i18n as I18n } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import en from './en.json';
import id from './id.json';

export const publicationNamespace = 'publication';
/** The `{id, en}` pair the app's namespace list takes (apps/web/src/i18n/namespaces.ts). */
export const publicationLocales = { id, en: en satisfies typeof id };

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
export type PublicationKey = Leaves<typeof id>;

/** Adds this feature's strings to the app's i18next instance, once. */
export function registerPublicationTranslations(instance: I18n): void {
  for (const [language, bundle] of Object.entries(publicationLocales)) {
    if (!instance.hasResourceBundle(language, publicationNamespace)) {
      instance.addResourceBundle(language, publicationNamespace, bundle);
    }
  }
}

/**
 * `t` for this feature's namespace, keys checked against the Indonesian bundle at compile time. It
 * registers the bundle itself, so the screens work before the namespace is listed in the app's
 * i18n set-up (whose typed `t` does not know it yet, hence the cast).
 */
export function usePublicationTranslation() {
  const { i18n } = useTranslation();
  registerPublicationTranslations(i18n);
  const language = i18n.resolvedLanguage ?? i18n.language;
  const t = useCallback(
    (key: PublicationKey, options?: Record<string, unknown>) =>
      (i18n.t as unknown as (key: string, options: Record<string, unknown>) => string)(key, {
        lng: language,
        ...options,
        ns: publicationNamespace,
      }),
    [i18n, language],
  );
  return { t, i18n, locale: language };
}
