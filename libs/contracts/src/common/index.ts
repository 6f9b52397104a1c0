export * from './access-policy';
export * from './actor';
export * from './contract';
export * from './partnership-id';
export * from './validation';
