export * from './jakarta-time';
export * from './pdf-text';
export * from './pdf-writer';
