export * from './connection-options';
export * from './service-client';
