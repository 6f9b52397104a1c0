export * from './partnership-lifecycle';
export * from './inbox';
