import { initialState, preconditions, stages } from '@mitra/domain';
import { preconditionLink } from './gate-links';

const state = initialState({
  partnershipId: 'p 1',
  name: 'Kemitraan Gizi',
  startedBy: { userId: 'koordinator', role: 'coordinator' },
  startedAt: '2026-01-01T00:00:00.000Z',
  settings: {
    approvalDueDays: 7,
    remindAfterDays: 3,
    escalateAfterDays: 7,
    reportingPeriodDays: 91,
    reportGraceDays: 14,
    inactiveAfterMissedPeriods: 2,
  },
});

describe('preconditionLink', () => {
  it.each(stages.map((stage) => stage.id))(
    'sends every precondition of %s to the screen that satisfies it',
    (stage) => {
      for (const { id } of preconditions({ ...state, stage }, state.startedAt)) {
        expect(preconditionLink(state.partnershipId, id)).not.toBe('/partnerships/p%201');
      }
    },
  );

  it('opens the tab and view where each fact is made', () => {
    expect(preconditionLink('p1', 'inclusive-map')).toBe('/partnerships/p1/stakeholders');
    expect(preconditionLink('p1', 'baseline')).toBe('/partnerships/p1/reports?view=plan');
    expect(preconditionLink('p1', 'funding-committed')).toBe('/partnerships/p1/funding?view=commitments');
    expect(preconditionLink('p1', 'maturation-decided')).toBe('/partnerships/p1#maturation');
  });
});
