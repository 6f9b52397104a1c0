export * from './domain-event';
export * from './event-types';
export * from './lifecycle-event-types';
