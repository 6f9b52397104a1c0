export * from './api-client';
export * from './system';
export * from './web-build';
