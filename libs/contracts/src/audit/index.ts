export * from './history';
export * from './chain';
