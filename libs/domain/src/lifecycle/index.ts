export * from './lifecycle-rules';
export * from './gate-readiness';
export * from './stages';
export * from './inbox';
export * from './history-audit';
export * from './decision-fingerprint';
export * from './role-in';
