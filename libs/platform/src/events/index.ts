export * from './event-publisher';
export * from './outbox-relay';
export * from './outbox-source';
export * from './per-key-serial-runner';
export * from './pending-event-sweep';
