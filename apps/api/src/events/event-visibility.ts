import type { Actor, DomainEvent } from '@mitra/contracts';
import { seesEveryPartnership } from '../auth/membership';

/**
 * Whether a user receives an event, given whether they may see its partnership. An event addressed to
 * some organisations (`organisationIds`) reaches a partner only when its organisation is one of them;
 * an event of no partnership reaches partners only when addressed to their organisation.
 */
export async function receives(
  actor: Actor,
  event: DomainEvent,
  maySeePartnership: (partnershipId: string) => Promise<boolean>,
): Promise<boolean> {
  const addressed = event.organisationIds.length > 0;
  if (actor.role === 'partner' && addressed && !event.organisationIds.includes(actor.organisationId ?? ''))
    return false;
  if (!event.partnershipId) return actor.role !== 'partner' || addressed;
  return seesEveryPartnership(actor) || maySeePartnership(event.partnershipId);
}
