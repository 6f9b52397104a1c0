export * from './api';
export * from './api-client';
export * from './api-error';
export * from './idempotency-key';
export * from './paged';
