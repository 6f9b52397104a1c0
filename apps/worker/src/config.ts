import { z } from 'zod';
import { assertionSigningConfigSchema, mailConfigSchema, natsConfigSchema, temporalConfigSchema } from '@mitra/platform';

// The worker signs the requests of its activities (system actions of the lifecycle) with its own key; the lifecycle's
// reminders and escalations go out by e-mail (SMTP_URL, MAIL_FROM).
export const workerConfigSchema = natsConfigSchema.extend(temporalConfigSchema.shape).extend(assertionSigningConfigSchema.shape).extend(mailConfigSchema.shape).extend({
  /** A prebuilt workflow bundle (production); without it the worker bundles workflows/ at start. */
  WORKFLOW_BUNDLE: z.string().optional(),
});
export type WorkerConfig = z.infer<typeof workerConfigSchema>;
