export * from './monitoring-plan';
