import { ErrorCode, MitraError, type Actor, type RefusalCode } from '@mitra/contracts';

/**
 * Who may do what with a partnership's money. The service asks these of the acting user that travels
 * in every message, whoever the caller is:
 * - admin, coordinator: set the plan, record for any organisation, approve, reverse, release tranches;
 * - partner: commits, requests and records only for its own organisation;
 * - auditor: reads everything, changes nothing.
 * Nobody approves a disbursement they requested.
 */

const forbidden = (refusal: RefusalCode, message: string) =>
  MitraError.refused(ErrorCode.Forbidden, refusal, undefined, message);
export const isCoordinating = (actor: Actor) => actor.role === 'admin' || actor.role === 'coordinator';

export function assertCoordinating(actor: Actor, what: string): void {
  if (!isCoordinating(actor)) throw forbidden('access.coordinators_only', `Only a coordinator may ${what}.`);
}

/**
 * The organisation a command acts for: a partner's own (naming another is refused), or the one a
 * coordinator names (by default its own).
 */
export function actingOrganisation(actor: Actor, named: string | undefined, field: string): string {
  switch (actor.role) {
    case 'auditor':
      throw forbidden('access.auditor_only_reads', 'An auditor only reads.');
    case 'partner':
      if (!actor.organisationId || (named !== undefined && named !== actor.organisationId)) {
        throw forbidden(
          'access.partner_own_organisation_only',
          'A partner representative acts only for its own organisation.',
        );
      }
      return actor.organisationId;
    case 'admin':
    case 'coordinator': {
      const organisationId = named ?? actor.organisationId;
      if (!organisationId) throw MitraError.validation([{ field, reason: 'is required', code: 'required' }]);
      return organisationId;
    }
  }
}

/** Coordinators record for anyone; a partner representative only what its own organisation holds. */
export function assertActsFor(actor: Actor, organisationId: string, what: string): void {
  if (isCoordinating(actor)) return;
  if (actor.role === 'auditor') throw forbidden('access.auditor_only_reads', 'An auditor only reads.');
  if (actor.organisationId !== organisationId)
    throw forbidden(
      'access.coordinator_or_organisation_concerned',
      `Only a coordinator or the organisation concerned may ${what}.`,
    );
}
