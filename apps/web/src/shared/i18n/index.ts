export * from './language';
export * from './LanguageSwitch';
