export * from './live-events';
export * from './use-live-updates';
