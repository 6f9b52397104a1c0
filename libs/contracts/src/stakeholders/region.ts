import { z } from 'zod';
import { boundedText as text } from '../common/text';
import { queryEnvelope } from '../common/contract';

/**
 * Indonesia's administrative regions as the Ministry of Home Affairs codes them (Kepmendagri, carried by
 * the npm package `idn-area-data`): province `32`, regency/city `32.73`, district `32.73.01`, village
 * `32.73.01.1001`. A code begins with its parent's, so "within a region" is "begins with its code".
 */
export const regionLevels = ['province', 'regency', 'district', 'village'] as const;
export type RegionLevel = (typeof regionLevels)[number];

export const regionCodeSchema = z
  .string()
  .regex(
    /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/,
    'must be an official region code such as 32.73 or 32.73.01.1001',
  );
export type RegionCode = z.infer<typeof regionCodeSchema>;

export const officialRegionSchema = z.strictObject({
  code: regionCodeSchema,
  name: z.string(),
  level: z.enum(regionLevels),
  /** The names of the regions above it, province first: "Jawa Barat › Kota Bandung › Sumur Bandung". */
  parents: z.array(z.strictObject({ code: regionCodeSchema, name: z.string() })),
});
export type OfficialRegion = z.infer<typeof officialRegionSchema>;

export const regionSearchLimit = { default: 20, max: 50 } as const;

const regionFilterShape = {
  /** Beginnings of the words of the name, in any order, case and accents aside ("sumur band"). */
  name: text(100).optional(),
  level: z.enum(regionLevels, 'must be province, regency, district or village').optional(),
  /** Only regions inside this one. */
  within: regionCodeSchema.optional(),
};

export const searchRegionsQuerySchema = queryEnvelope({
  ...regionFilterShape,
  limit: z.number().int().min(1).max(regionSearchLimit.max).default(regionSearchLimit.default),
});

export const regionSearchParamsSchema = z.strictObject({
  ...regionFilterShape,
  limit: z.coerce
    .number()
    .int()
    .min(1, 'must be at least 1')
    .max(regionSearchLimit.max, `must be at most ${regionSearchLimit.max}`)
    .optional(),
});

export const getRegionsQuerySchema = queryEnvelope({
  codes: z
    .array(regionCodeSchema)
    .min(1, 'must name at least one region')
    .max(100, 'must name at most 100 regions'),
});
