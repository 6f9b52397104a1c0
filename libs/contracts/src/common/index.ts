export * from './actor';
export * from './date';
export * from './text';
export * from './url';
export * from './validation';
