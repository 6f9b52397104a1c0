export * from './revision-store';
