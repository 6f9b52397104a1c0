export * from './message-headers';
export * from './service-client';
