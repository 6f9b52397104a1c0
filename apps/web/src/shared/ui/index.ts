export * from './ApiErrorAlert';
export * from './ExportLinks';
export * from './ExternalLink';
export * from './LoadingState';
export * from './PageHeader';
export * from './safe-url';
export * from './SkipLink';
export * from './stacked-table';
