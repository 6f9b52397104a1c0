export * from './bootstrap';
export * from './config';
export * from './errors';
export * from './events';
export * from './mongo';
export * from './nats';
export * from './persistence';
export * from './validation';
