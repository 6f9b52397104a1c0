export * from './error-words';
export * from './i18n';
export * from './use-error-words';
