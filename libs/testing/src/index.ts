export * from './api-client';
export * from './demo-accounts';
export * from './system';
export * from './test-signer';
export * from './web-build';
export * from './query-plans';
export * from './test-caller';
