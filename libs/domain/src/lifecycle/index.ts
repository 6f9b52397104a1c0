export * from './lifecycle-rules';
export * from './stages';
