import { z } from 'zod';
import { boundedText as text } from '../common/text';
import { queryEnvelope } from '../common/contract';
import { replyObject } from '../common/reply';
import { organisationSchema, resourceKinds, sectors, vulnerableGroups } from './organisation';
import { regionCodeSchema } from './region';

export const organisationPageLimit = { default: 20, max: 100 } as const;

const limitValueSchema = z
  .number('must be a number')
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(organisationPageLimit.max, `must be at most ${organisationPageLimit.max}`);
const limitSchema = limitValueSchema.default(organisationPageLimit.default);

/** Opaque; only ever a value that a previous page returned as `nextCursor`. */
export const pageCursorSchema = z.string().regex(/^[A-Za-z0-9_-]{1,512}$/, 'must be a cursor returned by a previous page');

const uniqueList = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .array(z.enum(values))
    .min(1, 'must name at least one value')
    .max(values.length)
    .transform((list) => [...new Set(list)]);

export const organisationFilterSchema = z.strictObject({
  /**
   * Words of the name, each the beginning of a word of the name, in any order, any case, accents and
   * punctuation aside ("cibang" finds "LPM Kelurahan Cibangkong").
   */
  name: text(100).optional(),
  /** Any of these sectors. */
  sectors: uniqueList(sectors).optional(),
  /**
   * `code`: within this official region, its sub-regions included (organisations whose region is coded);
   * each level's name given must match (case and spacing aside).
   */
  region: z
    .strictObject({
      code: regionCodeSchema.optional(),
      province: text(100).optional(),
      regency: text(100).optional(),
      district: text(100).optional(),
      village: text(100).optional(),
    })
    .optional(),
  /** All of these resources. */
  resources: uniqueList(resourceKinds).optional(),
  /** All of these groups represented. */
  vulnerableGroups: uniqueList(vulnerableGroups).optional(),
});
export type OrganisationFilter = z.infer<typeof organisationFilterSchema>;

export const listOrganisationsQuerySchema = queryEnvelope({
  filter: organisationFilterSchema.default({}),
  limit: limitSchema,
  cursor: pageCursorSchema.optional(),
});

/**
 * How many organisations match the filter, as far as the pages read so far tell: `exact` on the last
 * page; before it, at least `count` (the matches on this page and the pages before it) and more
 * follow. Counting every match would read them all, which no index serves.
 */
export const organisationTotalSchema = replyObject({ count: z.number(), exact: z.boolean() });
export type OrganisationTotal = z.infer<typeof organisationTotalSchema>;

export const organisationPageSchema = replyObject({
  items: z.array(organisationSchema),
  total: organisationTotalSchema,
  limit: z.number(),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type OrganisationPage = z.infer<typeof organisationPageSchema>;

// ----------------------------------------------------------------- the HTTP query string

/** `?sector=cso,community` and `?sector=cso&sector=community` both give a list. */
const listParam = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    (value) =>
      typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value.flatMap((v) => (typeof v === 'string' ? v.split(',') : [v])) : value,
    uniqueList(values),
  );

const singleParam = (max: number) => text(max);

/** `GET /organisations?name=&sector=&province=&regency=&district=&village=&resources=&vulnerableGroups=&limit=&cursor=` */
export const organisationSearchParamsSchema = z
  .strictObject({
    name: singleParam(100).optional(),
    sector: listParam(sectors).optional(),
    regionCode: regionCodeSchema.optional(),
    province: singleParam(100).optional(),
    regency: singleParam(100).optional(),
    district: singleParam(100).optional(),
    village: singleParam(100).optional(),
    resources: listParam(resourceKinds).optional(),
    vulnerableGroups: listParam(vulnerableGroups).optional(),
    limit: z.coerce.number().pipe(limitValueSchema).optional(),
    cursor: pageCursorSchema.optional(),
  })
  .transform(({ name, sector, regionCode, province, regency, district, village, resources, vulnerableGroups: groups, limit, cursor }) => {
    const region = { code: regionCode, province, regency, district, village };
    const hasRegion = Object.values(region).some((value) => value !== undefined);
    const filter: OrganisationFilter = {
      ...(name ? { name } : {}),
      ...(sector ? { sectors: sector } : {}),
      ...(hasRegion ? { region: dropUndefined(region) } : {}),
      ...(resources ? { resources } : {}),
      ...(groups ? { vulnerableGroups: groups } : {}),
    };
    return { filter, ...(limit ? { limit } : {}), ...(cursor ? { cursor } : {}) };
  });
export type OrganisationSearchParams = z.output<typeof organisationSearchParamsSchema>;

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

// ----------------------------------------------------------------- duplicates

export const listDuplicateOrganisationsQuerySchema = queryEnvelope({
  /** Leave out pairs where one record was registered acknowledging the other. */
  onlyUnacknowledged: z.boolean().default(false),
  limit: limitSchema,
  page: z.number().int().min(1, 'must be at least 1').max(10_000).default(1),
});

export const duplicateSearchParamsSchema = z.strictObject({
  onlyUnacknowledged: z.enum(['true', 'false'], 'must be true or false').transform((value) => value === 'true').optional(),
  limit: z.coerce.number().pipe(limitValueSchema).optional(),
  page: z.coerce.number().int().min(1, 'must be at least 1').max(10_000).optional(),
});

export const organisationSummarySchema = organisationSchema.pick({ id: true, name: true, sector: true, region: true });
export type OrganisationSummary = z.infer<typeof organisationSummarySchema>;

/** Two records that likely describe the same organisation: same normalised name, same region. */
export const duplicateOrganisationPairSchema = replyObject({
  first: organisationSummarySchema,
  second: organisationSummarySchema,
  /** One was registered although the other was reported as its likely duplicate. */
  acknowledged: z.boolean(),
});
export type DuplicateOrganisationPair = z.infer<typeof duplicateOrganisationPairSchema>;

export const duplicateOrganisationPageSchema = replyObject({
  pairs: z.array(duplicateOrganisationPairSchema),
  total: z.number(),
  page: z.number(),
  limit: z.number(),
});
export type DuplicateOrganisationPage = z.infer<typeof duplicateOrganisationPageSchema>;
