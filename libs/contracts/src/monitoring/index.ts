export * from './contracts';
export * from './evaluation';
export * from './indicator-unit';
export * from './plan';
export * from './publication';
export * from './sdg';
export * from './subjects';
export * from './views';
