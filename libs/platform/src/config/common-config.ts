import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);

/** Settings every backend app shares; defaults fit the embedded stack that `npm start` runs. */
export const natsConfigSchema = z.object({
  NATS_URL: z.string().default('nats://127.0.0.1:4222'),
  /** A file holding this process's nkey user seed; the embedded stack and compose generate one per process. */
  NATS_NKEY_SEED_FILE: z.string().min(1).optional(),
  /** The CA that signed the NATS server's certificate: the client then insists on TLS and verifies the server. */
  NATS_TLS_CA_FILE: z.string().min(1).optional(),
});

export type NatsConfig = z.infer<typeof natsConfigSchema>;

export const mongoConfigSchema = z.object({
  MONGO_URL: z.string().default('mongodb://127.0.0.1:27017/'),
});

export const temporalConfigSchema = z.object({
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
});

export const httpConfigSchema = z.object({
  API_HOST: z.string().default('127.0.0.1'),
  API_PORT: port.default(3000),
});

/**
 * Where e-mail goes: an SMTP server (smtp:// with STARTTLS when offered, smtps:// for TLS from the start), with
 * `user:password@` for servers that ask for a sign-in. The default is the Mailpit of the embedded stack.
 */
export const mailConfigSchema = z.object({
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/]+$/, 'must be smtp://[user:password@]host[:port] or smtps://…')
    .default('smtp://127.0.0.1:1025'),
  /** The sender of every message, as `Name <address>`. */
  MAIL_FROM: z.string().min(1).default('Mitra <noreply@mitra.id>'),
});
