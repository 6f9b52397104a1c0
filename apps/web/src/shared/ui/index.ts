export * from './ApiErrorAlert';
export * from './ExternalLink';
export * from './LoadingState';
export * from './MorePages';
export * from './PageHeader';
export * from './safe-url';
export * from './SkipLink';
export * from './stacked-table';
