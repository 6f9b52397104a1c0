export * from './as-of';
export * from './iati';
export * from './evidence-manifest';
