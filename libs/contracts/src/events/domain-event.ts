import { z } from 'zod';
import { actorSchema } from '../common/actor';

/**
 * Domain events are durable: they go to the JetStream stream below, never to the request/reply
 * subjects, so a stream never captures (and answers) a command.
 */
export const eventStreamName = 'MITRA_EVENTS';
export const eventSubjectPrefix = 'events';
export const eventStreamSubjects = [`${eventSubjectPrefix}.>`];

/** `events.<service>.<entity>.<past-tense>`, e.g. `events.agreements.mou.effective`. */
export const eventSubject = (type: string) => `${eventSubjectPrefix}.${type}`;

/** Three lower-case parts; `_` joins words within one (camelCase stays for the older types). */
export const eventTypePattern = /^[a-z]+\.[a-z][a-zA-Z_]*\.[a-z][a-zA-Z_]*$/;

export const domainEventSchema = z.object({
  /** Unique per event: JetStream de-duplicates on it, consumers (workflows too) do the same. */
  eventId: z.string().min(1),
  /** `<service>.<entity>.<past-tense>`; words within a part are joined by `_` (`lifecycle.mou.amendment_opened`). */
  type: z.string().regex(eventTypePattern, 'must be <service>.<entity>.<past-tense>'),
  occurredAt: z.string(),
  actor: actorSchema.optional(),
  partnershipId: z.string().optional(),
  /** Organisations that may see this event (empty: everyone in the partnership). */
  organisationIds: z.array(z.string()).default([]),
  data: z.record(z.string(), z.unknown()),
});
export type DomainEvent = z.infer<typeof domainEventSchema>;
