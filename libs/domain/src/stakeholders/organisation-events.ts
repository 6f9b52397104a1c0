import {
  organisationEventTypes,
  organisationInputSchema,
  type Actor,
  type DomainEvent,
  type OrganisationEventData,
  type OrganisationInput,
} from '@mitra/contracts';
import { canonicalize } from '../common/canonical-json';

const fieldsOfInput = Object.keys(organisationInputSchema.shape) as Array<keyof OrganisationInput>;

/** The fields of the record that differ between two versions (order inside lists counts). */
export function changedOrganisationFields(before: OrganisationInput, after: OrganisationInput): Array<keyof OrganisationInput> {
  return fieldsOfInput.filter((field) => canonicalize(before[field] ?? null) !== canonicalize(after[field] ?? null));
}

/**
 * The event a version of an organisation raises: `registered` for the first, `updated` (with what
 * changed) for every later one. Its id derives from the version, so a republished event is stored once.
 */
export function organisationEvent(version: {
  organisationId: string;
  version: number;
  organisation: OrganisationInput;
  previous?: OrganisationInput;
  at: string;
  by: string;
  actor?: Actor;
}): DomainEvent {
  const type = version.version === 1 ? organisationEventTypes.registered : organisationEventTypes.updated;
  const { name, sector, region } = version.organisation;
  const data: OrganisationEventData = {
    organisationId: version.organisationId,
    version: version.version,
    name,
    sector,
    region,
    by: version.by,
    ...(version.version > 1 && version.previous ? { changedFields: changedOrganisationFields(version.previous, version.organisation) } : {}),
  };
  return {
    eventId: `${type}:${version.organisationId}:${version.version}`,
    type,
    occurredAt: version.at,
    ...(version.actor ? { actor: version.actor } : {}),
    organisationIds: [version.organisationId],
    data: { ...data },
  };
}
