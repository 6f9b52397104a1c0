import type { PartnershipListItem } from '@mitra/contracts';

/** A partnership's region as one line: `Kota Bandung, Jawa Barat`. */
export function regionLabel(region: PartnershipListItem['region']): string {
  return region ? [region.regency, region.province].filter(Boolean).join(', ') : '';
}

export const healthColours: Record<string, string> = {
  on_track: 'green',
  at_risk: 'yellow',
  off_track: 'red',
  inactive: 'gray',
};
