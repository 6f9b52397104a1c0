import { z } from 'zod';
import { natsConfigSchema, temporalConfigSchema } from '@mitra/platform';

export const workerConfigSchema = natsConfigSchema.extend(temporalConfigSchema.shape).extend({
  /** A prebuilt workflow bundle (production); without it the worker bundles workflows/ at start. */
  WORKFLOW_BUNDLE: z.string().optional(),
});
export type WorkerConfig = z.infer<typeof workerConfigSchema>;
