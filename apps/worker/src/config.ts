import { z } from 'zod';
import { assertionSigningConfigSchema, natsConfigSchema, temporalConfigSchema } from '@mitra/platform';

// The worker signs the requests of its activities (system actions of the lifecycle) with its own key.
export const workerConfigSchema = natsConfigSchema.extend(temporalConfigSchema.shape).extend(assertionSigningConfigSchema.shape).extend({
  /** A prebuilt workflow bundle (production); without it the worker bundles workflows/ at start. */
  WORKFLOW_BUNDLE: z.string().optional(),
});
export type WorkerConfig = z.infer<typeof workerConfigSchema>;
