export * from './partnership-lifecycle';
