export * from './sdg-catalogue';
