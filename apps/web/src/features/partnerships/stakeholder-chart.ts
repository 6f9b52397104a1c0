import type { StakeholderEntry, StakeholderRole } from '@mitra/contracts';

/** In the contracts' order of roles, which is also the legend's. */
export const roleColours: Record<StakeholderRole, string> = {
  lead: 'mitra.7',
  partner: 'blue.6',
  supporter: 'grape.6',
  beneficiary: 'orange.6',
  evaluator: 'gray.6',
};

export interface StakeholderPoint extends Record<string, number> {
  interest: number;
  influence: number;
  /** Index into the map's entries, for the tooltip's name. */
  entry: number;
}

export interface StakeholderSeries {
  role: StakeholderRole;
  name: string;
  color: string;
  data: StakeholderPoint[];
}

/** Stakeholders on the same score would hide each other: spread them on a small circle around it. */
const spread = 0.18;

/**
 * The interest/influence scatter: one series per role (in the order of the roles), each point at
 * its scores, nudged apart where several share a score.
 */
export function stakeholderSeries(
  entries: readonly StakeholderEntry[],
  roleLabel: (role: StakeholderRole) => string,
): StakeholderSeries[] {
  const atScore = new Map<string, number[]>();
  entries.forEach((entry, index) => {
    const key = `${entry.interest}:${entry.influence}`;
    atScore.set(key, [...(atScore.get(key) ?? []), index]);
  });
  const position = (entry: StakeholderEntry, index: number) => {
    const sharing = atScore.get(`${entry.interest}:${entry.influence}`) ?? [index];
    if (sharing.length === 1) return { interest: entry.interest, influence: entry.influence };
    const angle = (2 * Math.PI * sharing.indexOf(index)) / sharing.length;
    const round = (value: number) => Math.round(value * 1000) / 1000;
    return {
      interest: round(entry.interest + spread * Math.cos(angle)),
      influence: round(entry.influence + spread * Math.sin(angle)),
    };
  };

  return (Object.keys(roleColours) as StakeholderRole[]).flatMap((role) => {
    const data = entries.flatMap((entry, index) =>
      entry.role === role ? [{ ...position(entry, index), entry: index }] : [],
    );
    return data.length > 0 ? [{ role, name: roleLabel(role), color: roleColours[role], data }] : [];
  });
}
