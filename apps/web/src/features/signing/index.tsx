export { AgreementPage } from './components/AgreementPage';
export { AgreementsTab } from './components/AgreementsTab';
export { DraftAgreementPage } from './components/DraftAgreementPage';
export { ReviseAgreementPage } from './components/ReviseAgreementPage';
export { registerSigningTranslations, signingLocales, signingNamespace } from './i18n';
