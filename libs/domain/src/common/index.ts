export * from './canonical-json';
export * from './csv';
