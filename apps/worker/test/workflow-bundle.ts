export { lifecycleWorkflowBundle as lifecycleBundle } from '@mitra/platform/temporal';
