export * from './as-of';
export * from './iati';
