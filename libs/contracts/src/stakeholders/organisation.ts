import { z } from 'zod';
import { actorSchema, idempotencyKeySchema, objectIdSchema } from '../common/actor';

export const sectors = [
  'government_national',
  'government_province',
  'government_regency',
  'cso',
  'media',
  'academia',
  'business',
  'philanthropy',
  'community',
  'international_donor',
] as const;
export type Sector = (typeof sectors)[number];

const text = (max: number) => z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);

/** Administrative region: province → regency/city → district → village. */
export const regionSchema = z.strictObject({
  province: text(100),
  regency: text(100).optional(),
  district: text(100).optional(),
  village: text(100).optional(),
});
export type Region = z.infer<typeof regionSchema>;

export const contactSchema = z.strictObject({
  name: text(200),
  email: z.email('must be an e-mail address').optional(),
  phone: z
    .string()
    .regex(/^\+?[0-9 ()-]{6,20}$/, 'must be a phone number')
    .optional(),
});

export const createOrganisationInputSchema = z.strictObject({
  name: z.string().trim().min(2, 'must be at least 2 characters').max(200, 'must be at most 200 characters'),
  sector: z.enum(sectors),
  region: regionSchema,
  contacts: z.array(contactSchema).max(20).default([]),
});
export type CreateOrganisationInput = z.infer<typeof createOrganisationInputSchema>;

export const createOrganisationCommandSchema = z.strictObject({
  idempotencyKey: idempotencyKeySchema,
  actor: actorSchema,
  organisation: createOrganisationInputSchema,
});
export type CreateOrganisationCommand = z.infer<typeof createOrganisationCommandSchema>;

export const getOrganisationQuerySchema = z.strictObject({
  actor: actorSchema,
  id: objectIdSchema,
});
export type GetOrganisationQuery = z.infer<typeof getOrganisationQuerySchema>;

export interface Organisation extends CreateOrganisationInput {
  id: string;
  createdAt: string;
  createdBy: string;
}
