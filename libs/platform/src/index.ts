export * from './bootstrap';
export * from './config';
export * from './errors';
export * from './mongo';
export * from './nats';
export * from './validation';
