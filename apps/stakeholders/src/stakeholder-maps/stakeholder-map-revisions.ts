import type { Connection } from 'mongoose';
import type { DomainEvent, StakeholderEntryInput } from '@mitra/contracts';
import { RevisionStore } from '@mitra/platform';

export const stakeholderMapRevisionsCollection = 'stakeholder_map_revisions';

/**
 * One revision of a partnership's stakeholder map: the whole map as its command wrote it (a put sends
 * the whole map), who wrote it and when. The events the write raised are in the same revision.
 */
export interface StakeholderMapChange {
  entries: StakeholderEntryInput[];
  at: Date;
  by: string;
}

/** The maps' revisions: aggregate = partnership id, revision n = the map's version n. */
export type StakeholderMapStore = RevisionStore<StakeholderMapChange, DomainEvent>;

export function createStakeholderMapStore(connection: Connection): StakeholderMapStore {
  return new RevisionStore<StakeholderMapChange, DomainEvent>(connection, stakeholderMapRevisionsCollection);
}
