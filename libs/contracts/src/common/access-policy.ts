import type { z } from 'zod';
import { roles, type Actor, type Role } from './actor';

/**
 * Who may do something, as a declarative value: the api's route policies and the services' contracts share this
 * shape, so one table says who may save a funding plan whichever door the request comes in by.
 *
 * `P` and `O` say where the request names the partnership and the organisation acted for: HTTP routes locate
 * them in params/body/query; a contract locates them in its payload.
 */
export interface AccessPolicy<P = PayloadPartnershipLocator, O = PayloadOrganisationLocator> {
  roles: readonly Role[];
  /** The partnership the request concerns: a user outside it gets 404. */
  partnership?: P;
  /** The organisations a partner acts for: a partner acting for another organisation gets 403. */
  actsFor?: readonly O[];
  /**
   * What the reply is, when it names partnerships the request did not: `partnershipList`, items with
   * `partnershipId` (others' items are left out); `partnership`, one record with `partnershipId` (another's
   * is a 409: the idempotency key of a start belongs to someone else's request).
   */
  reply?: 'partnership' | 'partnershipList';
  /** Reads only: an auditor may be let through, a read-only session may not be refused. */
  readOnly?: boolean;
}

/**
 * A dotted path into a contract's payload; `*` stands for every element of an array. `of: 'agreement'`: the path
 * names an agreement, whose partnership the agreements service knows.
 */
export interface PayloadPartnershipLocator {
  in: 'payload';
  path: string;
  of?: 'agreement';
}
export interface PayloadOrganisationLocator {
  in: 'payload';
  path: string;
}

/** Where an HTTP request names the partnership it concerns; a user outside that partnership gets 404. */
export type RoutePartnershipLocator =
  | { in: 'param' | 'body'; name: string; schema: z.ZodType }
  /** Optional: a list narrowed to one partnership. */
  | { in: 'query'; name: string; schema: z.ZodType }
  /** A route param naming an agreement: its partnership is read from the agreements service. */
  | { in: 'agreement'; name: string; schema: z.ZodType };

/** Where an HTTP request names the organisation it acts for. `path` is dotted; `*` stands for every element of an array. */
export interface RouteOrganisationLocator {
  in: 'param' | 'body';
  path: string;
}

export type RouteAccessPolicy = AccessPolicy<RoutePartnershipLocator, RouteOrganisationLocator>;

export const everyone: readonly Role[] = roles;
/** Auditors read; they never write. */
export const writers: readonly Role[] = ['admin', 'coordinator', 'partner'];
export const staff: readonly Role[] = ['admin', 'coordinator'];
export const adminOnly = { roles: ['admin'] } as const satisfies AccessPolicy;

/** The partnership a contract's payload names at `partnershipId`: the usual case. */
export const partnershipInPayload = {
  in: 'payload',
  path: 'partnershipId',
} as const satisfies PayloadPartnershipLocator;
/** A partner acting for the organisation at `path` must be acting for its own. */
export const actsForPayload = (path: string): PayloadOrganisationLocator => ({ in: 'payload', path });

/** The strings at a dotted path (`*` for every element of an array); anything else there is left to validation. */
export function stringsAtPath(value: unknown, dottedPath: string): string[] {
  const at = (current: unknown, path: readonly string[]): unknown[] => {
    if (path.length === 0) return [current];
    if (typeof current !== 'object' || current === null) return [];
    const [head, ...rest] = path;
    if (head === '*') return Array.isArray(current) ? current.flatMap((item) => at(item, rest)) : [];
    return Object.prototype.hasOwnProperty.call(current, head)
      ? at((current as Record<string, unknown>)[head!], rest)
      : [];
  };
  return at(value, dottedPath.split('.')).filter((found): found is string => typeof found === 'string');
}

/** The organisations a contract's payload acts for. */
export function organisationsAt(locators: readonly PayloadOrganisationLocator[], payload: unknown): string[] {
  return locators.flatMap((locator) => stringsAtPath(payload, locator.path));
}

/** A partner acts only for its own organisation; the other roles are not bound here (the services decide). */
export function actsForOthers(actor: Actor, organisationIds: readonly string[]): boolean {
  return (
    actor.role === 'partner' &&
    organisationIds.some((organisationId) => organisationId !== actor.organisationId)
  );
}

/** Admins and auditors see every partnership; coordinators and partners only those they are members of. */
export const seesEveryPartnership = (actor: Actor): boolean => actor.role === 'admin' || actor.role === 'auditor';

/**
 * The partnership a message names at its policy's payload path, when the policy locates it there (an agreement's
 * partnership is known to the agreements service only).
 */
export function partnershipNamed(access: AccessPolicy, payload: unknown): string | undefined {
  if (!access.partnership || access.partnership.of === 'agreement') return undefined;
  return stringsAtPath(payload, access.partnership.path)[0];
}

/** Whether an actor must be vouched a member of `partnershipId` to send a message about it. */
export function needsMembership(actor: Actor, partnershipId: string | undefined): partnershipId is string {
  return partnershipId !== undefined && !seesEveryPartnership(actor);
}
