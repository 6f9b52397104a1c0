export { ReportsPage } from './components/ReportsPage';
export { ReportReview } from './components/ReportReview';
export { ReportView } from './components/ReportView';
export { registerReportsTranslations, reportsLocales, reportsNamespace } from './i18n';
