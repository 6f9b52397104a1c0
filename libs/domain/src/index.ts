export * from './agreements';
export * from './lifecycle';
