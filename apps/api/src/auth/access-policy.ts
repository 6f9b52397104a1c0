import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { z } from 'zod';
import { roles, type Role } from '@mitra/contracts';

/**
 * Every route states who may call it; the global AccessGuard enforces it and refuses a route that
 * states nothing. The policy is also written into the OpenAPI document (`x-mitra-access`), where the
 * route-access test reads it for every route.
 */
export const accessPolicyKey = 'mitra:access-policy';
export const accessExtension = 'x-mitra-access';

/** Where a request names the partnership it concerns; a user outside that partnership gets 404. */
export type PartnershipLocator =
  | { in: 'param' | 'body'; name: string; schema: z.ZodType }
  /** Optional: a list narrowed to one partnership. */
  | { in: 'query'; name: string; schema: z.ZodType }
  /** A route param naming an agreement: its partnership is read from the agreements service. */
  | { in: 'agreement'; name: string; schema: z.ZodType };

/**
 * Where a request names the organisation it acts for: a partner acting for another organisation
 * gets 403. `path` is dotted; `*` stands for every element of an array.
 */
export interface OrganisationLocator {
  in: 'param' | 'body';
  path: string;
}

export interface AccessPolicy {
  roles: readonly Role[];
  partnership?: PartnershipLocator;
  actsFor?: readonly OrganisationLocator[];
  /**
   * What the reply is, when it names partnerships the request did not: `partnershipList`, items with
   * `partnershipId` (others' items are left out); `partnership`, one record with `partnershipId` (another's
   * is a 409: the idempotency key of a start belongs to someone else's request).
   */
  reply?: 'partnership' | 'partnershipList';
}

export type RoutePolicy = AccessPolicy | 'public';

export const everyone: readonly Role[] = roles;
/** Auditors read; they never write. */
export const writers: readonly Role[] = ['admin', 'coordinator', 'partner'];
export const staff: readonly Role[] = ['admin', 'coordinator'];
export const adminOnly: AccessPolicy = { roles: ['admin'] };

/** What the OpenAPI document says of a policy (the schemas stay in the code). */
export function describePolicy(policy: RoutePolicy): Record<string, unknown> {
  if (policy === 'public') return { public: true };
  return {
    roles: [...policy.roles],
    ...(policy.partnership
      ? { partnership: { in: policy.partnership.in, name: policy.partnership.name } }
      : {}),
    ...(policy.actsFor
      ? { actsFor: policy.actsFor.map(({ in: location, path }) => ({ in: location, path })) }
      : {}),
    ...(policy.reply ? { reply: policy.reply } : {}),
  };
}

export const Access = (policy: AccessPolicy) =>
  applyDecorators(
    SetMetadata(accessPolicyKey, policy),
    ApiExtension(accessExtension, describePolicy(policy)),
  );

/** Open without a session: only health, sign-in and the annual reports partnerships published. */
export const Public = () =>
  applyDecorators(
    SetMetadata(accessPolicyKey, 'public'),
    ApiExtension(accessExtension, describePolicy('public')),
  );
