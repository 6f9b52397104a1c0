export * from './commands';
export * from './effectiveness';
export * from './events';
export * from './fields';
export * from './subjects';
export * from './views';
