import type { PartnershipHealth, StageId } from '@mitra/contracts';
import { stages } from '@mitra/domain';

/** What the partnership list can be narrowed by; also the list's query string. */
export interface PartnershipFilters {
  stage?: StageId;
  /** SDG goal "1" … "17". */
  sdg?: string;
  region?: string;
  health?: PartnershipHealth;
}

// Written out rather than imported with the contracts' zod schemas; the Record keeps it complete.
const healths: Record<PartnershipHealth, true> = {
  on_track: true,
  at_risk: true,
  off_track: true,
  inactive: true,
};
export const partnershipHealths = Object.keys(healths) as PartnershipHealth[];

export const isPartnershipHealth = (value: unknown): value is PartnershipHealth =>
  typeof value === 'string' && Object.hasOwn(healths, value);

const isStage = (value: unknown): value is StageId => stages.some((stage) => stage.id === value);
const isGoal = (value: string) => /^(?:[1-9]|1[0-7])$/.test(value);

/** Reads the filters from the page's address, dropping what is not a valid value. */
export function filtersFromSearch(params: URLSearchParams): PartnershipFilters {
  const filters: PartnershipFilters = {};
  const stage = params.get('stage');
  if (isStage(stage)) filters.stage = stage;
  const sdg = params.get('sdg');
  if (sdg && isGoal(sdg)) filters.sdg = sdg;
  const region = params.get('region')?.trim();
  if (region) filters.region = region.slice(0, 100);
  const health = params.get('health');
  if (isPartnershipHealth(health)) filters.health = health;
  return filters;
}

/** The address for a set of filters; unset ones are left out. */
export function searchOfFilters(filters: PartnershipFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of ['stage', 'sdg', 'region', 'health'] as const) {
    const value = filters[name];
    if (value) params.set(name, value);
  }
  return params;
}
