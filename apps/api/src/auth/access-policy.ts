import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { RouteAccessPolicy, RouteOrganisationLocator, RoutePartnershipLocator } from '@mitra/contracts';

/**
 * Every route states who may call it; the global AccessGuard enforces it and refuses a route that
 * states nothing. The policy is also written into the OpenAPI document (`x-mitra-access`), where the
 * route-access test reads it for every route.
 */
export const accessPolicyKey = 'mitra:access-policy';
export const accessExtension = 'x-mitra-access';

/**
 * The route policies have the shape of the contracts' access policies (libs/contracts, `AccessPolicy`): one
 * vocabulary of who may do what, with the partnership and organisation located in the HTTP request.
 */
export type PartnershipLocator = RoutePartnershipLocator;
export type OrganisationLocator = RouteOrganisationLocator;
export type AccessPolicy = RouteAccessPolicy;
export type RoutePolicy = AccessPolicy | 'public';
export { adminOnly, everyone, staff, writers } from '@mitra/contracts';

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
