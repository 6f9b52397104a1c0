export * from './error-code';
export * from './mitra-error';
export * from './refusal';
