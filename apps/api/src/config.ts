import { z } from 'zod';
import { httpConfigSchema, mongoConfigSchema, natsConfigSchema, temporalConfigSchema } from '@mitra/platform';

export const apiConfigSchema = httpConfigSchema
  .extend(natsConfigSchema.shape)
  .extend(temporalConfigSchema.shape)
  .extend(mongoConfigSchema.shape)
  .extend({
    /** The built web UI (`vite build` output), served at `/` when present. */
    WEB_DIST: z.string().optional(),
    HEALTH_TIMEOUT_MS: z.coerce.number().int().min(100).max(10_000).default(1500),
  });
export type ApiConfig = z.infer<typeof apiConfigSchema>;

export const API_CONFIG = Symbol('API_CONFIG');
