export * from './partnership-lifecycle.workflow';
