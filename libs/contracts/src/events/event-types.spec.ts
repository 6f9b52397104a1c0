import { domainEventSchema, type DomainEvent } from './domain-event';
import { declaredEventTypes, publishableEvent, UnpublishableEventError } from './event-types';
import { lifecycleNotificationTypes } from './lifecycle-event-types';

const event = (type: string): DomainEvent => ({
  eventId: `e-${type}`,
  type,
  occurredAt: '2026-01-01T00:00:00.000Z',
  partnershipId: 'p-1',
  organisationIds: [],
  data: {},
});

describe('declared event types', () => {
  it('accepts every declared type, the MoU amendment notices with `_` among them', () => {
    expect(declaredEventTypes).toContain('lifecycle.mou.amendment_opened');
    expect(declaredEventTypes).toContain('lifecycle.mou.amendment_refused');
    for (const type of declaredEventTypes) expect(domainEventSchema.safeParse(event(type)).success).toBe(true);
    for (const type of declaredEventTypes) expect(publishableEvent(event(type))).toMatchObject({ type });
  });

  it('declares every lifecycle notice, the decision notice and each agreement kind', () => {
    expect([...declaredEventTypes]).toEqual(
      expect.arrayContaining([...lifecycleNotificationTypes, 'lifecycle.decision.recorded', 'agreements.pks.signed', 'funding.ledger.appended']),
    );
  });

  it('refuses to publish a type nobody declared, naming it', () => {
    expect(() => publishableEvent(event('lifecycle.mou.amendment_typo'))).toThrow(UnpublishableEventError);
    expect(() => publishableEvent(event('lifecycle.mou.amendment_typo'))).toThrow(
      'event e-lifecycle.mou.amendment_typo has type "lifecycle.mou.amendment_typo", which libs/contracts/src/events does not declare',
    );
  });

  it('refuses to publish a malformed event, naming the field', () => {
    expect(() => publishableEvent(event('Lifecycle.Decision'))).toThrow(/type must be <service>\.<entity>\.<past-tense>/);
    expect(() => publishableEvent({ ...event('funding.plan.set'), eventId: '' })).toThrow(/eventId/);
  });
});
