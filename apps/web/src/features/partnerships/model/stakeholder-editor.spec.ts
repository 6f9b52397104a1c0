import type { StakeholderEntry } from '@mitra/contracts';
import {
  blankRow,
  changedSince,
  missingOrganisations,
  rowsOfMap,
  stakeholderMapInput,
} from './stakeholder-editor';

const entry = (overrides: Partial<StakeholderEntry>): StakeholderEntry => ({
  organisationId: 'a'.repeat(24),
  name: 'Bappelitbang Kota Bandung',
  sector: 'government_regency',
  vulnerableGroups: [],
  role: 'lead',
  interest: 5,
  influence: 5,
  ...overrides,
});
const lpm = entry({
  organisationId: 'b'.repeat(24),
  name: 'LPM Kelurahan Cibangkong',
  sector: 'community',
  vulnerableGroups: ['poor'],
  role: 'partner',
  interest: 5,
  influence: 2,
  note: 'kader posyandu',
});

describe('the stakeholder map editor', () => {
  it('reads the map as rows with what the registry says of each organisation', () => {
    const rows = rowsOfMap({ entries: [entry({}), lpm] });
    expect(rows.map(({ key: _key, ...row }) => row)).toEqual([
      {
        organisationId: 'a'.repeat(24),
        organisationName: 'Bappelitbang Kota Bandung',
        sector: 'government_regency',
        role: 'lead',
        interest: 5,
        influence: 5,
        note: '',
      },
      {
        organisationId: 'b'.repeat(24),
        organisationName: 'LPM Kelurahan Cibangkong',
        sector: 'community',
        role: 'partner',
        interest: 5,
        influence: 2,
        note: 'kader posyandu',
      },
    ]);
    expect(new Set(rows.map((row) => row.key)).size).toBe(2);
    expect(rowsOfMap(null)).toEqual([]);
  });

  it('writes the whole map on top of the version read, notes trimmed and blank ones left out', () => {
    const rows = rowsOfMap({ entries: [entry({}), lpm] });
    rows[1].note = '  ';
    rows[0].note = ' Bappeda memimpin ';
    expect(stakeholderMapInput({ entries: rows }, 3)).toEqual({
      basedOnVersion: 3,
      entries: [
        { organisationId: 'a'.repeat(24), role: 'lead', interest: 5, influence: 5, note: 'Bappeda memimpin' },
        { organisationId: 'b'.repeat(24), role: 'partner', interest: 5, influence: 2 },
      ],
    });
  });

  it('names the rows that have no organisation yet', () => {
    const rows = [...rowsOfMap({ entries: [entry({})] }), blankRow()];
    expect(missingOrganisations({ entries: rows })).toEqual(['entries.1.organisationId']);
  });

  it('tells an edited map from the one read', () => {
    const map = { entries: [entry({}), lpm] };
    const rows = rowsOfMap(map);
    expect(changedSince(map, { entries: rows })).toBe(false);
    expect(changedSince(map, { entries: [rows[0], { ...rows[1], influence: 3 }] })).toBe(true);
    expect(changedSince(map, { entries: [rows[0]] })).toBe(true);
    expect(changedSince(null, { entries: [] })).toBe(false);
  });
});
