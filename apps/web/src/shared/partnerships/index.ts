export * from './partnership-list';
export * from './partnership-accounts';
export * from './audit-workspace';
