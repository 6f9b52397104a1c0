export * from './funding-access';
export * from './funding-flows';
export * from './funding-rules';
export * from './funding-state';
export * from './funding-summary';
export * from './funding-views';
