export * from './evaluation';
export * from './plan';
export * from './sdg';
export * from './subjects';
export * from './publication';
