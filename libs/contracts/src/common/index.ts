export * from './access-policy';
export * from './actor';
export * from './date';
export * from './text';
export * from './url';
export * from './contract';
export * from './partnership-id';
export * from './validation';
