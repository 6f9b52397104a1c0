import { roleIn, type PartnershipMembers } from '@mitra/domain';
import type { SessionUser } from '#shared/auth';

/** Who may open a partnership's audit workspace; the api's audit routes admit the same roles. */
export const auditWorkspaceRoles = ['auditor', 'admin', 'coordinator'] as const;

export const auditWorkspacePath = (partnershipId: string) =>
  `/audit/partnerships/${encodeURIComponent(partnershipId)}`;

/**
 * Whether the user may audit this partnership: a coordinator only one it coordinates, since in a
 * partnership it merely belongs to the api treats it as a partner.
 */
export function mayAuditPartnership(
  user: Pick<SessionUser, 'id' | 'role' | 'organisationId'>,
  members: PartnershipMembers,
): boolean {
  const role = roleIn({ userId: user.id, role: user.role, organisationId: user.organisationId }, members);
  return (auditWorkspaceRoles as readonly string[]).includes(role);
}
