import type id from './locales/id.json';

// Typed keys: t('health.title') is checked against the Indonesian resources at compile time.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof id };
  }
}
