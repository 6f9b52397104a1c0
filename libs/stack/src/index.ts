export * from './apps';
export * from './assertion-keys';
export * from './compose-nats-secrets';
export * from './managed-process';
export * from './nats-access';
export * from './ports';
export * from './servers';
export * from './workspace';
