export * from './http-error.filter';
export * from './http-status';
export * from './rpc-error.filter';
