export * from './common';
export * from './errors';
export * from './health';
export * from './lifecycle';
export * from './stakeholders';
