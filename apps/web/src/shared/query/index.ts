export * from './query-keys';
