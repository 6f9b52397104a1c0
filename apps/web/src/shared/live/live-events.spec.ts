import { queryKeys } from '#shared/query';
import { liveEventTypes, parseLiveEvent, queryKeysToInvalidate } from './live-events';

describe('liveEventTypes', () => {
  it('listens to the events that change what the screens show', () => {
    expect(liveEventTypes).toEqual(
      expect.arrayContaining([
        'lifecycle.stage.entered',
        'lifecycle.approval.escalated',
        'monitoring.report.approved',
        'monitoring.targets.chosen',
        'monitoring.evaluation.opened',
        'monitoring.evaluation.assessed',
        'lifecycle.event.recorded',
        'stakeholders.map.checked',
        'agreements.mou.effective',
        'agreements.pks.signed',
      ]),
    );
    expect(new Set(liveEventTypes).size).toBe(liveEventTypes.length);
  });
});

describe('parseLiveEvent', () => {
  it('reads the type and the partnership of a domain event', () => {
    const data = JSON.stringify({
      eventId: 'e1',
      type: 'monitoring.report.approved',
      occurredAt: '2026-01-05T08:00:00Z',
      partnershipId: 'p1',
      organisationIds: [],
      data: { reportId: 'r1' },
    });
    expect(parseLiveEvent('monitoring.report.approved', data)).toEqual({
      type: 'monitoring.report.approved',
      partnershipId: 'p1',
    });
  });

  it('falls back to the event name, and ignores what is not JSON', () => {
    expect(parseLiveEvent('lifecycle.stage.entered', '{"partnershipId":""}')).toEqual({
      type: 'lifecycle.stage.entered',
    });
    expect(parseLiveEvent('message', 'keep-alive')).toBeUndefined();
    expect(parseLiveEvent('message', 'null')).toBeUndefined();
  });
});

describe('queryKeysToInvalidate', () => {
  it('refreshes only the inbox and the lists once the inbox projection has an event', () => {
    expect(queryKeysToInvalidate({ type: 'lifecycle.inbox.updated', partnershipId: 'p1' })).toEqual([
      queryKeys.inbox,
      queryKeys.partnershipList(),
    ]);
  });

  it('refreshes the inbox, the partnership and the lists for a partnership event', () => {
    expect(queryKeysToInvalidate({ type: 'lifecycle.stage.entered', partnershipId: 'p1' })).toEqual([
      queryKeys.inbox,
      queryKeys.partnership('p1'),
      queryKeys.partnershipList(),
    ]);
  });

  it('refreshes the SDG view for monitoring events', () => {
    expect(queryKeysToInvalidate({ type: 'monitoring.report.approved', partnershipId: 'p1' })).toContainEqual(
      queryKeys.sdg,
    );
    expect(
      queryKeysToInvalidate({ type: 'stakeholders.map.checked', partnershipId: 'p1' }),
    ).not.toContainEqual(queryKeys.sdg);
  });

  it.each([
    'lifecycle.event.recorded',
    'lifecycle.decision.recorded',
    'funding.disbursement.requested',
    'monitoring.report.submitted',
    'agreements.mou.opened',
  ])('refreshes the inbox when %s may bring or settle an item in it', (type) => {
    expect(liveEventTypes).toContain(type);
    expect(queryKeysToInvalidate({ type, partnershipId: 'p1' })[0]).toEqual(queryKeys.inbox);
  });

  it('refreshes every partnership for an event that names none', () => {
    expect(queryKeysToInvalidate({ type: 'stakeholders.organisation.updated' })).toEqual([
      queryKeys.inbox,
      queryKeys.partnerships,
      queryKeys.organisations,
    ]);
  });
});
