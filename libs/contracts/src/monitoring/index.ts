export * from './contracts';
export * from './evaluation';
export * from './plan';
export * from './publication';
export * from './sdg';
export * from './subjects';
export * from './views';
