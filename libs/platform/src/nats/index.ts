export * from './message-headers';
export * from './connection-options';
export * from './service-client';
