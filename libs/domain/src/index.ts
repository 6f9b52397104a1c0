export * from './audit';
export * from './agreements';
export * from './common';
export * from './funding';
export * from './lifecycle';
export * from './monitoring';
export * from './stakeholders';
