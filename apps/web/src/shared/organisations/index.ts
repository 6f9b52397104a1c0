export * from './organisation-names';
