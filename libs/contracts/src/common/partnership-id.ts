import { z } from 'zod';

/** A partnership id, as the api derives it from a start command's idempotency key; one schema wherever a message or a route names one. */
export const partnershipIdSchema = z.string().regex(/^[0-9a-f]{20}$/, 'must be a partnership id');
