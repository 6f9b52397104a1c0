import type { ServiceName } from '../health';

/** The queue group all replicas of a domain service share; the NATS server lets only that service join it. */
export const serviceQueueGroup = (service: ServiceName) => `${service}-service` as const;

/**
 * Replies to a NATS user come back on `<prefix>.<id>`. The prefix carries the user's public key and
 * the server lets each user subscribe under its own prefix only, so nobody reads another's replies.
 */
export const natsInboxPrefix = (publicKey: string) => `_INBOX_${publicKey}`;
