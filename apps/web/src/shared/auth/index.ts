export * from './home-path';
export * from './session';
export * from './session-user';
