export { AuditPartnershipPage } from './components/AuditPartnershipPage';
export { auditorLocales, auditorNamespace, registerAuditorTranslations } from './i18n';
