import type { ServiceName } from '../health';

/** The queue group all replicas of a domain service share; the NATS server lets only that service join it. */
/**
 * The service that answers a request subject: every subject begins with it (`funding.plan.save`). The NATS
 * permissions (libs/stack) and the audience of an actor assertion (libs/platform) rely on it.
 */
export const serviceOfSubject = (subject: string): string => subject.split('.', 1)[0] ?? subject;

export const serviceQueueGroup = (service: ServiceName) => `${service}-service` as const;

/**
 * Replies to a NATS user come back on `<prefix>.<id>`. The prefix carries the user's public key and
 * the server lets each user subscribe under its own prefix only, so nobody reads another's replies.
 */
export const natsInboxPrefix = (publicKey: string) => `_INBOX_${publicKey}`;
