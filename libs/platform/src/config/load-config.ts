import type { z } from 'zod';
import { toFieldErrors } from '@mitra/contracts';

/** Reads and validates configuration from the environment once at boot; a bad value stops the app. */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = toFieldErrors(result.error).map((e) => `  ${e.field}: ${e.reason}`);
  throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
}
