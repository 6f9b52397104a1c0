export * from './partnership-list';
export * from './partnership-accounts';
