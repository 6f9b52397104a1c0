import { z } from 'zod';
import { httpConfigSchema, mailConfigSchema, mongoConfigSchema, natsConfigSchema, temporalConfigSchema } from '@mitra/platform';
import { passwordSchema } from './users/password-strength';

export const apiConfigSchema = httpConfigSchema
  .extend(natsConfigSchema.shape)
  .extend(temporalConfigSchema.shape)
  .extend(mongoConfigSchema.shape)
  .extend(mailConfigSchema.shape)
  .extend({
    /** The built web UI (`vite build` output), served at `/` when present. */
    WEB_DIST: z.string().optional(),
    HEALTH_TIMEOUT_MS: z.coerce.number().int().min(100).max(10_000).default(1500),
    /** The first administrator, created at start-up when no account has this email; never overwritten. */
    ADMIN_EMAIL: z.email('must be an email address').optional(),
    ADMIN_PASSWORD: passwordSchema.optional(),
    /** Sign-in attempts allowed per client address and email within a minute; more get 429. */
    SIGN_IN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(5),
    /**
     * Sign-in attempts allowed per client address within a minute, whatever the email: spraying one
     * password over many accounts is slowed too. Generous, as an office signs in behind one address.
     */
    SIGN_IN_ATTEMPTS_PER_ADDRESS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
    /** A session ends after this long without a request. */
    SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(480),
    /** How often a live-update stream sends a heartbeat and checks that its session still stands. */
    EVENTS_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(300).default(20),
    /** Proxies in front of the api whose X-Forwarded-* headers are believed (client address, https). */
    TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    /** `true`: the session cookie is Secure on every response; unset: in production (NODE_ENV) only, else over https. */
    SESSION_COOKIE_SECURE: z.stringbool().optional(),
  })
  .refine((config) => !config.ADMIN_EMAIL === !config.ADMIN_PASSWORD, {
    path: ['ADMIN_PASSWORD'],
    message: 'ADMIN_EMAIL and ADMIN_PASSWORD are set together or not at all',
  });
export type ApiConfig = z.infer<typeof apiConfigSchema>;

export const API_CONFIG = Symbol('API_CONFIG');
