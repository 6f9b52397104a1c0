export * from './workflow-bundle';
export * from './history-steps';
export * from './partnership-replay';
export * from './partnership-replayer';
export * from './partnership-chain';
export * from './replay-memory';
export * from './request-context.interceptor';
