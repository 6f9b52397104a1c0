export * from './commands';
export * from './contracts';
export * from './ledger';
export * from './plan';
export * from './subjects';
export * from './views';
