import type { Actor } from '@mitra/contracts';
import { actsForOthers } from '@mitra/contracts';
import { isMember, organisationsNamed, roleIn, withdrewFrom, type PartnershipMembers } from './membership';

const state: PartnershipMembers = {
  coordinators: ['coordinator-1'],
  leadOrganisationId: 'org-lead',
  partners: [
    { organisationId: 'org-lead', role: 'lead', joinedAt: '2026-01-01T00:00:00.000Z' },
    { organisationId: 'org-partner', role: 'partner', joinedAt: '2026-01-01T00:00:00.000Z' },
    { organisationId: 'org-co-lead', role: 'lead', joinedAt: '2026-01-01T00:00:00.000Z' },
    {
      organisationId: 'org-gone',
      role: 'partner',
      joinedAt: '2026-01-01T00:00:00.000Z',
      withdrawnAt: '2026-02-01T00:00:00.000Z',
    },
  ],
};

describe('an organisation that withdrew', () => {
  it('is the withdrawn partner only, whatever the role of its user', () => {
    expect(withdrewFrom({ userId: 'p', role: 'partner', organisationId: 'org-gone' }, state)).toBe(true);
    expect(withdrewFrom({ userId: 'c', role: 'coordinator', organisationId: 'org-gone' }, state)).toBe(true);
    expect(withdrewFrom({ userId: 'p', role: 'partner', organisationId: 'org-partner' }, state)).toBe(false);
    expect(withdrewFrom({ userId: 'p', role: 'partner', organisationId: 'org-x' }, state)).toBe(false);
    expect(withdrewFrom({ userId: 'p', role: 'partner' }, state)).toBe(false);
  });
});

describe('partnership membership', () => {
  it.each<[string, Actor, boolean]>([
    ['an admin of no organisation', { userId: 'a', role: 'admin' }, true],
    ['an auditor', { userId: 'b', role: 'auditor' }, true],
    ['a listed coordinator', { userId: 'coordinator-1', role: 'coordinator', organisationId: 'org-x' }, true],
    [
      'a coordinator of the lead organisation',
      { userId: 'c', role: 'coordinator', organisationId: 'org-lead' },
      true,
    ],
    [
      'a coordinator of another organisation',
      { userId: 'c', role: 'coordinator', organisationId: 'org-x' },
      false,
    ],
    ['a partner of an active partner', { userId: 'p', role: 'partner', organisationId: 'org-partner' }, true],
    ['a partner of a withdrawn partner', { userId: 'p', role: 'partner', organisationId: 'org-gone' }, false],
    ['a partner of another organisation', { userId: 'p', role: 'partner', organisationId: 'org-x' }, false],
    ['a partner of no organisation', { userId: 'p', role: 'partner' }, false],
  ])('%s: %s', (_, actor, expected) => {
    expect(isMember(actor, state)).toBe(expected);
  });

  it('lets the organisation asked to take over the lead see the partnership', () => {
    const transferring = {
      ...state,
      maturation: {
        outcome: 'transfer' as const,
        decidedBy: 'coordinator-1',
        newLeadOrganisationId: 'org-new',
      },
    };
    expect(isMember({ userId: 'p', role: 'partner', organisationId: 'org-new' }, transferring)).toBe(true);
  });
});

describe('organisations a request acts for', () => {
  it('reads params, body fields and array elements, strings only', () => {
    const request = {
      params: { id: 'org-a' },
      body: {
        organisationId: 'org-b',
        memberships: [{ organisationId: 'org-c' }, { organisationId: { $ne: null } }, 'x'],
        nested: null,
      },
    };
    expect(
      organisationsNamed(
        [
          { in: 'param', path: 'id' },
          { in: 'body', path: 'organisationId' },
          { in: 'body', path: 'memberships.*.organisationId' },
          { in: 'body', path: 'nested.organisationId' },
          { in: 'body', path: '__proto__.organisationId' },
        ],
        request,
      ),
    ).toEqual(['org-a', 'org-b', 'org-c']);
  });

  it('binds partners to their own organisation and nobody else', () => {
    const partner: Actor = { userId: 'p', role: 'partner', organisationId: 'org-a' };
    expect(actsForOthers(partner, ['org-a', 'org-a'])).toBe(false);
    expect(actsForOthers(partner, ['org-a', 'org-b'])).toBe(true);
    expect(actsForOthers({ userId: 'q', role: 'partner' }, ['org-a'])).toBe(true);
    expect(actsForOthers({ userId: 'c', role: 'coordinator', organisationId: 'org-a' }, ['org-b'])).toBe(
      false,
    );
  });
});

describe('the role an actor acts in within a partnership', () => {
  const coordinatorOf = (organisationId: string, userId = 'k') => ({
    userId,
    role: 'coordinator' as const,
    organisationId,
  });
  it.each<[string, Actor, string]>([
    ['a listed coordinator', coordinatorOf('org-partner', 'coordinator-1'), 'coordinator'],
    ['a coordinator of the lead organisation', coordinatorOf('org-lead'), 'coordinator'],
    ['a coordinator of a co-leading organisation', coordinatorOf('org-co-lead'), 'coordinator'],
    ['a coordinator of an organisation that is only a partner', coordinatorOf('org-partner'), 'partner'],
    ['a partner', { userId: 'p', role: 'partner', organisationId: 'org-lead' }, 'partner'],
    ['an admin', { userId: 'a', role: 'admin' }, 'admin'],
  ])('%s acts as %s', (_, actor, role) => {
    expect(roleIn(actor, state)).toBe(role);
  });
});
