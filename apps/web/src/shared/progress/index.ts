export * from './progress-chart';
export * from './ProgressCharts';
