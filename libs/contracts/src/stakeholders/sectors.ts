/** Government carries its level in the sector: national, province or regency/city. */
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
