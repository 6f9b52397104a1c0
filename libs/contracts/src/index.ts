export * from './agreements';
export * from './common';
export * from './errors';
export * from './events';
export * from './health';
export * from './lifecycle';
export * from './monitoring';
export * from './stakeholders';
