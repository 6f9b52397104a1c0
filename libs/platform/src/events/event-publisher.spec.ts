import type { JetStreamClient } from 'nats';
import { UnpublishableEventError, type DomainEvent } from '@mitra/contracts';
import { publishEvent } from './event-publisher';

const event = (type: string): DomainEvent => ({
  eventId: 'funding:p-1:1:0',
  type,
  occurredAt: '2026-01-01T00:00:00.000Z',
  partnershipId: 'p-1',
  organisationIds: [],
  data: {},
});

describe('publishEvent', () => {
  it('publishes a declared event on its subject with the event id as message id', async () => {
    const publish = jest.fn().mockResolvedValue({});
    await publishEvent({ publish } as unknown as JetStreamClient, event('funding.plan.set'));
    expect(publish).toHaveBeenCalledWith('events.funding.plan.set', expect.any(Uint8Array), { msgID: 'funding:p-1:1:0' });
  });

  it('throws for an undeclared or malformed type and sends nothing', async () => {
    const publish = jest.fn();
    const jetstream = { publish } as unknown as JetStreamClient;
    await expect(publishEvent(jetstream, event('funding.plan.vanished'))).rejects.toThrow(UnpublishableEventError);
    await expect(publishEvent(jetstream, event('funding plan set'))).rejects.toThrow(UnpublishableEventError);
    expect(publish).not.toHaveBeenCalled();
  });
});
