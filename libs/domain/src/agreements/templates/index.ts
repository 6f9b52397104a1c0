export * from './labels';
export * from './render';
export * from './template-text';
