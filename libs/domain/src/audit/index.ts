export * from './as-of';
export * from './iati';
export * from './evidence-manifest';
export * from './bundle';
export * from './bundle-verification';
export * from './hash-chain';
