export { FundingTab } from './components/FundingTab';
export { fundingLocales } from './i18n';
