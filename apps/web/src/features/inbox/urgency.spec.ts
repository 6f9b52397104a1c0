import type { InboxItem } from '@mitra/contracts';
import { inboxOf, inboxRefetchInterval } from './api/inbox-api';
import { countByUrgency, inboxRows, nextUrgencyChange, urgencyOf, webLinkOf } from './urgency';

// 10:00 WIB on Monday 5 January 2026.
const now = new Date('2026-01-05T03:00:00Z');

const item = (overrides: Partial<InboxItem>): InboxItem => ({
  kind: 'report_review',
  partnershipId: 'p1',
  partnershipName: 'Stunting Cibangkong',
  stage: 'implementation',
  subject: '1',
  dueAt: '2026-01-20T03:00:00Z',
  overdue: false,
  link: '/partnerships/p1/reports',
  ...overrides,
});

describe('urgencyOf', () => {
  it('reads overdue from the api or from the due date', () => {
    expect(urgencyOf(item({ overdue: true, dueAt: '2026-01-09T03:00:00Z' }), now)).toBe('overdue');
    expect(urgencyOf(item({ dueAt: '2026-01-05T02:59:59Z' }), now)).toBe('overdue');
  });

  it('counts days in Jakarta', () => {
    expect(urgencyOf(item({ dueAt: '2026-01-05T16:59:00Z' }), now)).toBe('today'); // 23:59 WIB
    expect(urgencyOf(item({ dueAt: '2026-01-05T17:00:00Z' }), now)).toBe('soon'); // 00:00 WIB the next day
    expect(urgencyOf(item({ dueAt: '2026-01-08T16:59:00Z' }), now)).toBe('soon');
    expect(urgencyOf(item({ dueAt: '2026-01-08T17:00:00Z' }), now)).toBe('later');
  });

  it('puts an unreadable due date, or none, with the later ones', () => {
    expect(urgencyOf(item({ dueAt: 'soon' }), now)).toBe('later');
    expect(urgencyOf(item({ kind: 'tasks_open', dueAt: undefined, count: 3 }), now)).toBe('later');
  });
});

describe('inboxRows', () => {
  it('puts the longest overdue first, then today, soon and later, whatever order the items came in', () => {
    const items = [
      item({ subject: 'later', dueAt: '2026-02-01T03:00:00Z' }),
      item({ subject: 'today', dueAt: '2026-01-05T09:00:00Z' }),
      item({ subject: 'overdue short', dueAt: '2026-01-04T03:00:00Z', overdue: true }),
      item({ subject: 'soon', dueAt: '2026-01-07T03:00:00Z' }),
      item({ subject: 'overdue long', dueAt: '2025-12-20T03:00:00Z', overdue: true }),
    ];
    expect(inboxRows(items, now).map((row) => [row.item.subject, row.urgency])).toEqual([
      ['overdue long', 'overdue'],
      ['overdue short', 'overdue'],
      ['today', 'today'],
      ['soon', 'soon'],
      ['later', 'later'],
    ]);
  });

  it('orders items due at the same moment by partnership', () => {
    const dueAt = '2026-01-06T03:00:00Z';
    const rows = inboxRows(
      [item({ partnershipName: 'Sekolah', dueAt }), item({ partnershipName: 'Air bersih', dueAt })],
      now,
    );
    expect(rows.map((row) => row.item.partnershipName)).toEqual(['Air bersih', 'Sekolah']);
  });

  it('puts what has no deadline, such as open tasks, after every dated item', () => {
    const tasks = item({ kind: 'tasks_open', subject: 'initiation', count: 10, dueAt: undefined });
    const rows = inboxRows([tasks, item({ subject: 'later', dueAt: '2027-01-01T00:00:00Z' })], now);
    expect(rows.map((row) => row.item.kind)).toEqual(['report_review', 'tasks_open']);
  });

  it('counts each urgency', () => {
    const rows = inboxRows(
      [
        item({ overdue: true, dueAt: '2026-01-01T00:00:00Z' }),
        item({ dueAt: '2026-01-05T05:00:00Z' }),
        item({}),
        item({}),
      ],
      now,
    );
    expect(countByUrgency(rows)).toEqual({ overdue: 1, today: 1, soon: 0, later: 2 });
  });
});

describe('nextUrgencyChange', () => {
  it('is the first due date still ahead when it comes before midnight in Jakarta', () => {
    const items = [
      item({ dueAt: '2026-01-04T03:00:00Z', overdue: true }),
      item({ dueAt: '2026-01-05T09:00:00Z' }),
      item({ dueAt: '2026-01-05T08:00:00Z' }),
    ];
    expect(nextUrgencyChange(items, now)).toEqual(new Date('2026-01-05T08:00:00Z'));
  });

  it('is the next midnight in Jakarta when no item falls due before it (today turns soon, soon turns later)', () => {
    expect(nextUrgencyChange([item({ dueAt: '2026-01-08T03:00:00Z' })], now)).toEqual(
      new Date('2026-01-05T17:00:00Z'),
    );
    // Past midnight in Jakarta already (01:00 WIB on the 6th): the following one.
    expect(
      nextUrgencyChange([item({ dueAt: '2026-01-08T03:00:00Z' })], new Date('2026-01-05T18:00:00Z')),
    ).toEqual(new Date('2026-01-06T17:00:00Z'));
  });

  it('is none when no item has a readable date: nothing changes with time', () => {
    expect(
      nextUrgencyChange([item({ kind: 'tasks_open', dueAt: undefined }), item({ dueAt: 'soon' })], now),
    ).toBe(undefined);
    expect(nextUrgencyChange([], now)).toBe(undefined);
  });
});

describe('inboxRefetchInterval', () => {
  it('does not poll a whole inbox: live events refresh it', () => {
    expect(inboxRefetchInterval({ items: [item({})], total: 1, unavailable: [] })).toBe(false);
    expect(inboxRefetchInterval(undefined)).toBe(false);
  });

  it('asks again while a service did not answer, since no event says it is back', () => {
    expect(inboxRefetchInterval({ items: [], total: 0, unavailable: ['funding'] })).toBe(60_000);
  });
});

describe('webLinkOf', () => {
  it('follows a link into the web app', () => {
    expect(webLinkOf(item({ link: '/partnerships/p1/reports' }))).toBe('/partnerships/p1/reports');
    expect(webLinkOf(item({ link: '/agreements/a1' }))).toBe('/agreements/a1');
  });

  it.each(['https://elsewhere.example/x', '//elsewhere.example', '/api/v1/partnerships/p1', ''])(
    'opens the partnership instead of %p',
    (link) => {
      expect(webLinkOf(item({ link, partnershipId: 'p 1' }))).toBe('/partnerships/p%201');
    },
  );
});

describe('inboxOf', () => {
  it('keeps the items it can show, the total, the next page and the services that did not answer', () => {
    const good = item({});
    const withoutSubject = item({ subject: undefined });
    delete withoutSubject.subject;
    const tasks: InboxItem = { ...good, kind: 'tasks_open', count: 4, organisationId: 'org-1' };
    delete tasks.dueAt;
    expect(
      inboxOf({
        items: [
          good,
          withoutSubject,
          tasks,
          { ...good, kind: 'coffee' },
          { ...good, dueAt: null },
          { ...good, count: '4' },
          null,
        ],
        total: 120,
        nextCursor: 'next',
        unavailable: ['funding', 3],
      }),
    ).toEqual({
      items: [good, withoutSubject, tasks],
      total: 120,
      nextCursor: 'next',
      unavailable: ['funding'],
    });
    expect(inboxOf(undefined)).toEqual({ items: [], total: 0, unavailable: [] });
  });
});
