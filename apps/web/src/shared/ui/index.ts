export * from './ApiErrorAlert';
export * from './describe-error';
export * from './LoadingState';
export * from './PageHeader';
export * from './safe-url';
