export * from './evaluation';
export * from './monitoring-plan';
export * from './progress';
export * from './punctuality';
export * from './sdg-catalogue';
export * from './health';
export * from './public-report';
export * from './publications';
