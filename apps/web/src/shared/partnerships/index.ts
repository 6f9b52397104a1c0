export * from './partnership-list';
export * from './partnership-accounts';
export * from './lifecycle-state';
export * from './audit-workspace';
