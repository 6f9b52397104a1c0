export * from './commands';
export * from './contracts';
export * from './effectiveness';
export * from './events';
export * from './fields';
export * from './views';
