import type { LifecycleState } from '@mitra/contracts';
import { audiences, audiencesOf, inboxEntriesOf, listingsOf, viewersOf } from './projection-documents';

const state = {
  partnershipId: 'p1',
  name: 'Kemitraan Uji',
  stage: 'initiation',
  status: 'active',
  leadOrganisationId: 'org-lead',
  coordinators: [],
  partners: [
    { organisationId: 'org-a', role: 'partner' },
    { organisationId: 'org-b', role: 'partner' },
  ],
  tasks: {},
  pending: [
    {
      kind: 'report',
      forRole: 'partner',
      forOrganisationId: 'org-a',
      stage: 'initiation',
      periodNumber: 1,
      dueAt: '2027-01-01T00:00:00.000Z',
    },
  ],
  settings: { approvalDueDays: 7 },
} as unknown as LifecycleState;

describe('inbox projection documents', () => {
  const entries = inboxEntriesOf({ state }, '2026-12-01T00:00:00.000Z');
  const of = (audience: string) =>
    entries.filter((entry) => entry.audience === audience).map((entry) => entry.item.kind);

  it("gives a partner organisation only what awaits it, never another organisation's report", () => {
    expect(of(audiences.partner('org-a'))).toEqual(['report_due']);
    expect(of(audiences.partner('org-b'))).toEqual([]);
  });

  it("gives the lead's coordinators the stage's open tasks", () => {
    expect(of(audiences.coordinatorsOf('org-lead'))).toContain('tasks_open');
  });

  it('maps each actor to the audiences it reads and the viewers it lists as', () => {
    expect(audiencesOf({ userId: 'u1', role: 'partner', organisationId: 'org-a' })).toEqual([
      audiences.partner('org-a'),
    ]);
    expect(audiencesOf({ userId: 'u2', role: 'auditor' })).toEqual([]);
    expect(viewersOf({ userId: 'u2', role: 'auditor' })).toEqual(['everyone']);
  });

  it('lists the partnership for every member organisation and for everyone, with a copy per SDG goal', () => {
    const listings = listingsOf(
      { state, plan: { sdgTargets: ['2.2', '3.1'] } as never },
      '2026-12-01T00:00:00.000Z',
    );
    expect(listings.map((listing) => listing.viewer).sort()).toEqual(
      ['everyone', 'org:org-lead', 'org:org-a', 'org:org-b']
        .flatMap((viewer) => [viewer, `${viewer}|sdg=2`, `${viewer}|sdg=3`])
        .sort(),
    );
  });
});
