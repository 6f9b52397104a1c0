export * from './workflow-bundle';
export * from './history-steps';
export * from './partnership-replay';
export * from './partnership-replayer';
export * from './partnership-chain';
export * from './replay-memory';
export * from './replay-stack-traces';
export * from './request-context.interceptor';
