import { mayAuditPartnership } from './audit-workspace';

describe('who may open the audit workspace of a partnership', () => {
  const members = {
    coordinators: ['rina'],
    leadOrganisationId: 'org-bappeda',
    partners: [
      { organisationId: 'org-bappeda', role: 'lead' as const, joinedAt: '2026-01-01T00:00:00.000Z' },
      { organisationId: 'org-forum', role: 'partner' as const, joinedAt: '2026-01-01T00:00:00.000Z' },
    ],
  };

  it('is auditors, admins and the partnership’s own coordinators', () => {
    expect(mayAuditPartnership({ id: 'dewi', role: 'auditor' }, members)).toBe(true);
    expect(mayAuditPartnership({ id: 'admin', role: 'admin' }, members)).toBe(true);
    expect(
      mayAuditPartnership({ id: 'rina', role: 'coordinator', organisationId: 'org-bappeda' }, members),
    ).toBe(true);
  });

  it('is not partners, nor a coordinator whose organisation is only a partner here', () => {
    expect(mayAuditPartnership({ id: 'hendra', role: 'partner', organisationId: 'org-forum' }, members)).toBe(
      false,
    );
    expect(
      mayAuditPartnership({ id: 'eko', role: 'coordinator', organisationId: 'org-forum' }, members),
    ).toBe(false);
  });
});
