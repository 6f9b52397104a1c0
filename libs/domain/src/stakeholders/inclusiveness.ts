import {
  sectors,
  vulnerableGroups,
  type InclusivenessCheck,
  type InclusivenessFlag,
  type StakeholderEntry,
  type StakeholderRole,
  type VulnerableGroup,
} from '@mitra/contracts';

/** Influence from this score up (on 1–5) counts as high. */
export const highInfluenceThreshold = 4;

/** The roles that hold a seat in the partnership's decisions. */
export const seatRoles: readonly StakeholderRole[] = ['lead', 'partner'];

export function hasSeat(role: StakeholderRole): boolean {
  return seatRoles.includes(role);
}

/**
 * The Initiation gate's "leave no one behind" check over a stakeholder map: which sectors are at
 * the table, who speaks for women, people with disabilities and the poor, and who is powerful but
 * has no seat. A map without a CSO, without a community group or without anyone representing
 * women is flagged.
 */
export function assessInclusiveness(entries: readonly StakeholderEntry[]): InclusivenessCheck {
  const counts = new Map(sectors.map((sector) => [sector, 0]));
  for (const entry of entries) counts.set(entry.sector, (counts.get(entry.sector) ?? 0) + 1);
  const sectorsPresent = sectors.filter((sector) => (counts.get(sector) ?? 0) > 0).map((sector) => ({ sector, count: counts.get(sector)! }));

  const representation = Object.fromEntries(
    vulnerableGroups.map((group) => [group, entries.filter((entry) => entry.vulnerableGroups.includes(group)).map((entry) => entry.organisationId)]),
  ) as Record<VulnerableGroup, string[]>;

  const highInfluenceWithoutSeat = entries
    .filter((entry) => entry.influence >= highInfluenceThreshold && !hasSeat(entry.role))
    .sort((a, b) => b.influence - a.influence || a.name.localeCompare(b.name))
    .map(({ organisationId, name, influence, role }) => ({ organisationId, name, influence, role }));

  const flags: InclusivenessFlag[] = [];
  if ((counts.get('cso') ?? 0) === 0) flags.push('no_cso');
  if ((counts.get('community') ?? 0) === 0) flags.push('no_community');
  if (representation.women.length === 0) flags.push('no_women_representation');

  return { passed: flags.length === 0, flags, summary: { sectorsPresent, representation, highInfluenceWithoutSeat } };
}
