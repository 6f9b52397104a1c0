export * from './apps';
export * from './assertion-keys';
export * from './managed-process';
export * from './ports';
export * from './servers';
export * from './workspace';
