export * from './access';
export * from './inclusiveness';
export * from './organisation-identity';
