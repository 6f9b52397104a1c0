import type { Actor, DomainEvent } from '@mitra/contracts';
import { receives } from './event-visibility';

const event = (overrides: Partial<DomainEvent> = {}): DomainEvent => ({
  eventId: 'e1',
  type: 'monitoring.report.approved',
  occurredAt: '2026-01-05T08:00:00.000Z',
  partnershipId: 'p1',
  organisationIds: [],
  data: {},
  ...overrides,
});
const admin: Actor = { userId: 'a', role: 'admin' };
const auditor: Actor = { userId: 'b', role: 'auditor' };
const coordinator: Actor = { userId: 'c', role: 'coordinator', organisationId: 'org-c' };
const partner: Actor = { userId: 'p', role: 'partner', organisationId: 'org-p' };

describe('who receives a live event', () => {
  const member = async () => true;
  const outsider = async () => false;

  it('gives admins and auditors every event without asking about membership', async () => {
    const ask = jest.fn(outsider);
    expect(await receives(admin, event(), ask)).toBe(true);
    expect(await receives(auditor, event(), ask)).toBe(true);
    expect(ask).not.toHaveBeenCalled();
  });

  it('gives coordinators and partners only the events of partnerships they belong to', async () => {
    expect(await receives(coordinator, event(), member)).toBe(true);
    expect(await receives(coordinator, event(), outsider)).toBe(false);
    expect(await receives(partner, event(), member)).toBe(true);
    expect(await receives(partner, event(), outsider)).toBe(false);
  });

  it('keeps an event addressed to other organisations from a partner, even of its own partnership', async () => {
    expect(await receives(partner, event({ organisationIds: ['org-x'] }), member)).toBe(false);
    expect(await receives(partner, event({ organisationIds: ['org-x', 'org-p'] }), member)).toBe(true);
    expect(await receives(coordinator, event({ organisationIds: ['org-x'] }), member)).toBe(true);
  });

  it('gives an event of no partnership to staff and auditors, and to a partner only when addressed to it', async () => {
    const general = event({ partnershipId: undefined });
    expect(await receives(coordinator, general, outsider)).toBe(true);
    expect(await receives(auditor, general, outsider)).toBe(true);
    expect(await receives(partner, general, outsider)).toBe(false);
    expect(
      await receives(partner, event({ partnershipId: undefined, organisationIds: ['org-p'] }), outsider),
    ).toBe(true);
  });
});
