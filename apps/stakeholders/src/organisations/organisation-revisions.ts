import type { Connection } from 'mongoose';
import type { DomainEvent, OrganisationInput } from '@mitra/contracts';
import { organisationEvent } from '@mitra/domain';
import { RevisionStore } from '@mitra/platform';

export const organisationRevisionsCollection = 'organisation_revisions';

/**
 * What one revision of an organisation records: the record as its command wrote it (an edit sends
 * the whole record, so the change is the record; it is small), who wrote it and when.
 */
export interface OrganisationChange {
  organisation: OrganisationInput;
  /** Every record this one was acknowledged to resemble, up to this revision. */
  acknowledgedDuplicateOf: string[];
  at: Date;
  by: string;
}

/** The organisations' revisions: aggregate = organisation id, revision n = the contract's `version` n. */
export type OrganisationStore = RevisionStore<OrganisationChange, DomainEvent>;

export function createOrganisationStore(connection: Connection): OrganisationStore {
  return new RevisionStore<OrganisationChange, DomainEvent>(connection, organisationRevisionsCollection);
}

export function dropEmpty<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null && v !== '')) as T;
}

type Lists = 'contacts' | 'resources' | 'vulnerableGroups';

/** The record as the contract states it: empty optional fields left out, lists always present. */
export function inputOf(record: Omit<OrganisationInput, Lists> & Partial<Pick<OrganisationInput, Lists>>): OrganisationInput {
  return {
    name: record.name,
    sector: record.sector,
    region: dropEmpty({ ...record.region }),
    contacts: (record.contacts ?? []).map((contact) => dropEmpty({ ...contact })),
    resources: (record.resources ?? []).map((resource) => dropEmpty({ ...resource })),
    vulnerableGroups: [...(record.vulnerableGroups ?? [])],
  };
}

/** The event revision `revision` raises (`registered` for the first, `updated` with what changed after). */
export function revisionEvent(
  organisationId: string,
  revision: number,
  change: OrganisationChange,
  previous?: OrganisationInput,
  actor?: DomainEvent['actor'],
): DomainEvent {
  return organisationEvent({
    organisationId,
    version: revision,
    organisation: inputOf(change.organisation),
    previous: previous ? inputOf(previous) : undefined,
    at: change.at.toISOString(),
    by: change.by,
    actor,
  });
}
