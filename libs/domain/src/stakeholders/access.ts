import type { Actor } from '@mitra/contracts';

/**
 * Who may do what in the stakeholders registry. The service asks these with the acting user that
 * travels in every message, whichever caller sent it.
 */

const isStaff = (actor: Actor) => actor.role === 'admin' || actor.role === 'coordinator';
const actsFor = (actor: Actor, organisationId: string) =>
  actor.role === 'partner' && actor.organisationId !== undefined && actor.organisationId === organisationId;

/** Registering organisations is the secretariat's job. */
export function mayRegisterOrganisation(actor: Actor): boolean {
  return isStaff(actor);
}

/** Staff edit any organisation; a partner representative only its own. */
export function mayEditOrganisation(actor: Actor, organisationId: string): boolean {
  return isStaff(actor) || actsFor(actor, organisationId);
}

/** The registry itself is open to every signed-in role. */
export function mayReadOrganisations(actor: Actor): boolean {
  switch (actor.role) {
    case 'admin':
    case 'coordinator':
    case 'partner':
    case 'auditor':
      return true;
  }
}

export function mayReviewDuplicates(actor: Actor): boolean {
  return isStaff(actor) || actor.role === 'auditor';
}

/** Seeing a person at all: staff and auditors see everyone, a partner only its own organisation's people (contact details: `maySeeContactDetails`). */
export function maySeePerson(actor: Actor, memberOf: readonly string[]): boolean {
  return isStaff(actor) || actor.role === 'auditor' || memberOf.some((organisationId) => actsFor(actor, organisationId));
}

/** Where a person stands to the actor, as the registry knows it. */
export interface PersonRelation {
  /** The organisations the person belongs to now. */
  organisationIds: readonly string[];
  /** Whether the actor's organisation acts in a partnership where one of the person's organisations acts too. */
  sharesPartnership: boolean;
}

/**
 * A person's e-mail and phone go only to those who work with them: an admin, someone of one of the
 * person's organisations, or someone of an organisation acting in one of the person's partnerships.
 * Anyone else who may see the person sees the name and memberships alone.
 */
export function maySeeContactDetails(actor: Actor, relation: PersonRelation): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'auditor' || actor.organisationId === undefined) return false;
  return relation.organisationIds.includes(actor.organisationId) || relation.sharesPartnership;
}

/** Staff register anyone; a partner only people who belong to its own organisation and to no other. */
export function mayRegisterPerson(actor: Actor, memberOf: readonly string[]): boolean {
  if (isStaff(actor)) return true;
  return memberOf.length > 0 && memberOf.every((organisationId) => actsFor(actor, organisationId));
}

/** Staff manage anyone's memberships; a partner only memberships in its own organisation. */
export function mayManageMembership(actor: Actor, organisationId: string): boolean {
  return isStaff(actor) || actsFor(actor, organisationId);
}

export function mayListMembers(actor: Actor, organisationId: string): boolean {
  return isStaff(actor) || actor.role === 'auditor' || actsFor(actor, organisationId);
}

/** Staff name anyone's representative; a partner only its own organisation's. */
export function mayAssignRepresentative(actor: Actor, organisationId: string): boolean {
  return isStaff(actor) || actsFor(actor, organisationId);
}

/** The stakeholder analysis is the coordinator's work. */
export function mayEditStakeholderMap(actor: Actor): boolean {
  return isStaff(actor);
}

/** A partner sees the map of a partnership its organisation is in; staff and auditors see every map. */
export function maySeeStakeholderMap(actor: Actor, organisationIds: readonly string[]): boolean {
  return isStaff(actor) || actor.role === 'auditor' || organisationIds.some((organisationId) => actsFor(actor, organisationId));
}
