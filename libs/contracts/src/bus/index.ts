export * from './bus-names';
