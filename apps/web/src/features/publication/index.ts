export { PublicationTab } from './components/PublicationTab';
export { PublicReportPage } from './components/PublicReportPage';
export { PublicReportView } from './components/PublicReportView';
export { publicationLocales, publicationNamespace, registerPublicationTranslations } from './i18n';
