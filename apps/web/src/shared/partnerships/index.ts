export * from './partnership-list';
