export { AgreementPage } from './components/AgreementPage';
export { AgreementsTab } from './components/AgreementsTab';
export { registerSigningTranslations, signingLocales, signingNamespace } from './i18n';
