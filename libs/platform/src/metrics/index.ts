export * from './app-metrics';
