export * from './workflow-bundle';
export * from './history-steps';
export * from './partnership-replay';
