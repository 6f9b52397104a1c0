import type { Actor, AgreementFields, EnrolKeyInput, SigningKey } from '@mitra/contracts';
import { AgreementExceptionCode, refuse } from './agreement-exception';
import { canonicalize } from '../common/canonical-json';

/**
 * Who may do what with agreements. The service checks these on the acting user that travels in
 * every message, whoever the caller is.
 * - admin, coordinator: draft, revise, open signing, amend; read everything;
 * - partner: reads agreements its organisation is party to; edits only its own party's entry;
 *   signs and declines only for its own organisation, with its own key;
 * - auditor: reads everything, changes nothing.
 */

export function assertMayRead(actor: Actor, partyOrganisationIds: readonly string[]): void {
  if (actor.role !== 'partner') return;
  // Another organisation's agreement is "not found", so its existence does not leak.
  if (!actor.organisationId || !partyOrganisationIds.includes(actor.organisationId)) {
    refuse(AgreementExceptionCode.NotFound, 'The agreement was not found.');
  }
}

export function assertMayManage(actor: Actor, what: string): void {
  if (actor.role !== 'admin' && actor.role !== 'coordinator') {
    refuse(AgreementExceptionCode.RoleMayNotDoThis, `A ${actor.role} may not ${what}.`);
  }
}

/** Signing and declining: an admin relays for any party; anyone else acts only for its own organisation. */
export function assertMayActFor(actor: Actor, organisationId: string, what: string): void {
  if (actor.role === 'auditor') refuse(AgreementExceptionCode.RoleMayNotDoThis, `An auditor may not ${what}.`);
  if (actor.role === 'admin') return;
  if (actor.organisationId !== organisationId) {
    refuse(AgreementExceptionCode.NotOwnOrganisation, `You may ${what} only for your own organisation.`);
  }
}

/**
 * A signer enrols its own key. Until sign-in exists, an admin may register a signer's public key on
 * its behalf; the key record keeps who enrolled it.
 */
export function assertMayEnrolKey(actor: Actor, key: Pick<EnrolKeyInput, 'userId' | 'organisationId'>): void {
  if (actor.role === 'auditor') refuse(AgreementExceptionCode.RoleMayNotDoThis, 'An auditor may not enrol keys.');
  if (actor.role === 'admin') return;
  if (key.userId !== actor.userId || key.organisationId !== actor.organisationId) {
    refuse(AgreementExceptionCode.NotOwnOrganisation, 'You may enrol a key only for yourself and your own organisation.');
  }
}

/** A key is revoked by its owner or an admin; never by an auditor, nor by anyone else. */
export function assertMayRevokeKey(actor: Actor, key: Pick<SigningKey, 'userId' | 'organisationId'>): void {
  if (actor.role === 'auditor') refuse(AgreementExceptionCode.RoleMayNotDoThis, 'An auditor may not revoke keys.');
  if (actor.role === 'admin') return;
  if (key.userId !== actor.userId || key.organisationId !== actor.organisationId) {
    refuse(AgreementExceptionCode.KeyNotSignatorys, 'You may revoke only your own key.');
  }
}

/** Revising a draft: managers change anything; a partner only its own organisation's entry. */
export function assertMayRevise(actor: Actor, before: AgreementFields, after: AgreementFields): void {
  if (actor.role === 'admin' || actor.role === 'coordinator') return;
  if (actor.role === 'auditor') refuse(AgreementExceptionCode.RoleMayNotDoThis, 'An auditor may not edit agreements.');
  const own = actor.organisationId;
  const index = before.parties.findIndex((party) => party.organisationId === own);
  if (index < 0) refuse(AgreementExceptionCode.NotFound, 'The agreement was not found.');
  const withoutOwn = (fields: AgreementFields) => ({ ...fields, parties: fields.parties.map((p, i) => (i === index ? null : p)) });
  const sameOthers =
    after.parties.length === before.parties.length &&
    after.parties[index].organisationId === own &&
    canonicalize(withoutOwn(before)) === canonicalize(withoutOwn(after));
  if (!sameOthers) {
    refuse(AgreementExceptionCode.PartnerEditsOtherParty, "A partner may change only its own organisation's entry.");
  }
}
