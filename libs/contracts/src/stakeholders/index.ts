export * from './contracts';
export * from './organisation';
export * from './organisation-search';
export * from './person';
export * from './region';
export * from './stakeholder-map';
