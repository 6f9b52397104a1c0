import type { Actor } from '@mitra/contracts';
import {
  mayEditOrganisation,
  mayEditStakeholderMap,
  mayManageMembership,
  mayRegisterPerson,
  mayRegisterOrganisation,
  mayReviewDuplicates,
  maySeeContactDetails,
  maySeePerson,
  maySeeStakeholderMap,
} from './access';

const admin: Actor = { userId: 'a', role: 'admin' };
const coordinator: Actor = { userId: 'c', role: 'coordinator' };
const partner: Actor = { userId: 'p', role: 'partner', organisationId: 'own' };
const partnerWithoutOrganisation: Actor = { userId: 'p2', role: 'partner' };
const auditor: Actor = { userId: 'x', role: 'auditor' };

describe('access to the stakeholders registry', () => {
  it('gives contact details only to an admin, the same organisation and partners in a shared partnership', () => {
    const apart = { organisationIds: ['own'], sharesPartnership: false };
    const elsewhere = { organisationIds: ['other'], sharesPartnership: false };
    const together = { organisationIds: ['other'], sharesPartnership: true };
    const bappeda: Actor = { userId: 'c2', role: 'coordinator', organisationId: 'bappeda' };
    expect(maySeeContactDetails(admin, elsewhere)).toBe(true);
    expect(maySeeContactDetails(partner, apart)).toBe(true);
    expect(maySeeContactDetails(partner, elsewhere)).toBe(false);
    expect(maySeeContactDetails(bappeda, elsewhere)).toBe(false);
    expect(maySeeContactDetails(bappeda, together)).toBe(true);
    expect(maySeeContactDetails(coordinator, together)).toBe(false);
    expect(maySeeContactDetails(auditor, together)).toBe(false);
  });

  it('lets only admins and coordinators register organisations', () => {
    expect([admin, coordinator, partner, auditor].map(mayRegisterOrganisation)).toEqual([true, true, false, false]);
  });

  it('lets a partner edit its own organisation and no other', () => {
    expect(mayEditOrganisation(partner, 'own')).toBe(true);
    expect(mayEditOrganisation(partner, 'other')).toBe(false);
    expect(mayEditOrganisation(partnerWithoutOrganisation, 'own')).toBe(false);
    expect(mayEditOrganisation(coordinator, 'other')).toBe(true);
  });

  it('lets an auditor read but never write', () => {
    expect(mayEditOrganisation(auditor, 'own')).toBe(false);
    expect(mayManageMembership(auditor, 'own')).toBe(false);
    expect(mayEditStakeholderMap(auditor)).toBe(false);
    expect(maySeePerson(auditor, ['anyone'])).toBe(true);
    expect(maySeeStakeholderMap(auditor, [])).toBe(true);
    expect(mayReviewDuplicates(auditor)).toBe(true);
  });

  it("shows a partner only its own organisation's people and the maps its organisation is in", () => {
    expect(maySeePerson(partner, ['other', 'own'])).toBe(true);
    expect(maySeePerson(partner, ['other'])).toBe(false);
    expect(maySeeStakeholderMap(partner, ['own'])).toBe(true);
    expect(maySeeStakeholderMap(partner, ['other'])).toBe(false);
    expect(mayReviewDuplicates(partner)).toBe(false);
  });

  it('lets a partner register only people of its own organisation', () => {
    expect(mayRegisterPerson(partner, ['own'])).toBe(true);
    expect(mayRegisterPerson(partner, ['own', 'other'])).toBe(false);
    expect(mayRegisterPerson(partner, [])).toBe(false);
    expect(mayRegisterPerson(coordinator, [])).toBe(true);
    expect(mayRegisterPerson(auditor, ['own'])).toBe(false);
  });

  it('keeps the stakeholder analysis with admins and coordinators', () => {
    expect([admin, coordinator, partner, auditor].map(mayEditStakeholderMap)).toEqual([true, true, false, false]);
  });
});
