export { PartnershipLayout, type PartnershipTab } from './components/PartnershipLayout';
export { PartnershipsPage } from './components/PartnershipsPage';
export { PartnersTab } from './components/PartnersTab';
export { ProcessTab } from './components/ProcessTab';
export { StakeholdersTab } from './components/StakeholdersTab';
