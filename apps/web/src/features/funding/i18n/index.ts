import en from './en.json';
import id from './id.json';

/** The `{id, en}` pair the app's namespace list takes (apps/web/src/i18n/namespaces.ts). */
export const fundingLocales = { id, en: en satisfies typeof id };
