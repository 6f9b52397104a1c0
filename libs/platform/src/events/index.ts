export * from './event-publisher';
export * from './per-key-serial-runner';
export * from './pending-event-sweep';
