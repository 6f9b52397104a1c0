export * from './access';
export * from './inclusiveness';
export * from './organisation-identity';
export * from './organisation-events';
export * from './organisation-search';
export * from './region-catalogue';
