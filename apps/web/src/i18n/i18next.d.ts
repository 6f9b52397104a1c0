import type { namespaces } from './namespaces';

// Typed keys: t('title') in useTranslation('inbox') is checked against the Indonesian resources at compile time.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { [N in keyof typeof namespaces]: (typeof namespaces)[N]['id'] };
  }
}
