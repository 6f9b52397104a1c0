export * from './partnership-list';
export * from './partnership-accounts';
export * from './lifecycle-state';
export * from './stakeholder-map';
export * from './audit-workspace';
