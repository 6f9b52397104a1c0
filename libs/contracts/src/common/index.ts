export * from './actor';
export * from './validation';
