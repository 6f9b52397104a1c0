import type { Sector, StakeholderMap, StakeholderMapInput, StakeholderRole } from '@mitra/contracts';

/** One stakeholder as the editor holds it; `organisationId` is '' until one is picked. */
export interface StakeholderRow {
  /** A stable React key. */
  key: string;
  organisationId: string;
  /** What the registry said when the row was read or picked: shown beside the row. */
  organisationName: string;
  sector?: Sector;
  role: StakeholderRole;
  interest: number;
  influence: number;
  note: string;
}

export interface StakeholderEditorValues {
  entries: StakeholderRow[];
}

let rows = 0;
const rowKey = () => `stakeholder-${++rows}`;

/** A new row: a supporter of middling interest and influence until the coordinator says otherwise. */
export const blankRow = (): StakeholderRow => ({
  key: rowKey(),
  organisationId: '',
  organisationName: '',
  role: 'supporter',
  interest: 3,
  influence: 3,
  note: '',
});

/** The map's entries as editable rows; no map yet gives no rows. */
export function rowsOfMap(map: Pick<StakeholderMap, 'entries'> | null | undefined): StakeholderRow[] {
  return (map?.entries ?? []).map((entry) => ({
    key: rowKey(),
    organisationId: entry.organisationId,
    organisationName: entry.name,
    sector: entry.sector,
    role: entry.role,
    interest: entry.interest,
    influence: entry.influence,
    note: entry.note ?? '',
  }));
}

/**
 * `POST stakeholder-map/versions`: the whole map, based on the version the editor read (0 when there
 * was none). Duplicates and unknown organisations are the service's to refuse, at the row's field.
 */
export function stakeholderMapInput(
  values: StakeholderEditorValues,
  basedOnVersion: number,
): StakeholderMapInput {
  return {
    basedOnVersion,
    entries: values.entries.map(({ organisationId, role, interest, influence, note }) => ({
      organisationId,
      role,
      interest,
      influence,
      ...(note.trim() ? { note: note.trim() } : {}),
    })),
  };
}

/** Rows without an organisation, as form paths: a row must name whom it is about. */
export function missingOrganisations(values: StakeholderEditorValues): string[] {
  return values.entries.flatMap((row, index) =>
    row.organisationId ? [] : [`entries.${index}.organisationId`],
  );
}

/** Whether the rows differ from the map as read: saving nothing new would only add a version. */
export function changedSince(
  map: Pick<StakeholderMap, 'entries'> | null | undefined,
  values: StakeholderEditorValues,
): boolean {
  const before = stakeholderMapInput({ entries: rowsOfMap(map) }, 0).entries;
  const after = stakeholderMapInput(values, 0).entries;
  return JSON.stringify(before) !== JSON.stringify(after);
}
