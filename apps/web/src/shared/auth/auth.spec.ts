import { homePathFor, safeReturnPath, signInPathReturningTo } from './home-path';
import { isSession, isSessionUser, userRoles } from './session-user';

const user = {
  id: 'u1',
  email: 'koordinator@bandung.go.id',
  name: 'Koordinator',
  role: 'coordinator',
  organisationId: 'o1',
};

describe('isSession', () => {
  it('accepts the session of the sign-in contract', () => {
    expect(isSession({ user, csrfToken: 'token' })).toBe(true);
    expect(isSessionUser({ ...user, organisationName: 'Bappelitbang Kota Bandung', locale: 'id' })).toBe(
      true,
    );
  });

  it.each([
    ['no token', { user }],
    ['an empty token', { user, csrfToken: '' }],
    ['an unknown role', { user: { ...user, role: 'owner' }, csrfToken: 't' }],
    ['a user without a name', { user: { ...user, name: undefined }, csrfToken: 't' }],
    ['an organisation id that is not a string', { user: { ...user, organisationId: 7 }, csrfToken: 't' }],
  ])('refuses %s', (_, value) => {
    expect(isSession(value)).toBe(false);
  });
});

describe('homePathFor', () => {
  it('sends every role to its inbox', () => {
    expect(Object.fromEntries(userRoles.map((role) => [role, homePathFor(role)]))).toEqual({
      admin: '/inbox',
      coordinator: '/inbox',
      partner: '/inbox',
      auditor: '/inbox',
    });
  });
});

describe('signInPathReturningTo', () => {
  it('remembers the page', () => {
    expect(signInPathReturningTo('/partnerships/abc?x=1')).toBe(
      '/sign-in?next=%2Fpartnerships%2Fabc%3Fx%3D1',
    );
    expect(signInPathReturningTo('/')).toBe('/sign-in');
  });
});

describe('safeReturnPath', () => {
  it('returns to a page of this app', () => {
    expect(safeReturnPath('/partnerships/abc?tab=1')).toBe('/partnerships/abc?tab=1');
  });

  it.each([
    null,
    '',
    'https://evil.example',
    '//evil.example/x',
    '/\\evil.example',
    '/sign-in',
    '/sign-in?next=%2F',
  ])('refuses %p', (next) => {
    expect(safeReturnPath(next)).toBeUndefined();
  });
});
