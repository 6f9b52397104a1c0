import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What every log line written while handling one request says about it, in every process it crosses. */
export interface RequestContext {
  requestId: string;
  partnershipId?: string;
  userId?: string;
  role?: string;
  organisationId?: string;
}

/** Carries the request id from the api to the services on every NATS request. */
export const requestIdHeader = 'Mitra-Request-Id';
const requestIdPattern = /^[A-Za-z0-9_.:-]{8,128}$/;

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(context: RequestContext, work: () => T): T {
    return storage.run(context, work);
  },
  current(): RequestContext | undefined {
    return storage.getStore();
  },
  /** Adds what became known while handling the request: the actor once signed in, the partnership once located. */
  enrich(details: Omit<Partial<RequestContext>, 'requestId'>): void {
    const context = storage.getStore();
    if (context) Object.assign(context, withoutUndefined(details));
  },
};

/** A caller's request id if it is a sane one (it ends up in every log line), else a new one. */
export function requestIdFrom(given: string | undefined | null): string {
  return given && requestIdPattern.test(given) ? given : randomUUID();
}

/** The actor and partnership a message carries (`actor`, `partnershipId`), as log fields. */
export function contextOfPayload(payload: unknown): Omit<Partial<RequestContext>, 'requestId'> {
  if (payload === null || typeof payload !== 'object') return {};
  const { actor, partnershipId } = payload as { actor?: unknown; partnershipId?: unknown };
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const fields = actor !== null && typeof actor === 'object' ? (actor as Record<string, unknown>) : {};
  return withoutUndefined({
    partnershipId: text(partnershipId),
    userId: text(fields.userId),
    role: text(fields.role),
    organisationId: text(fields.organisationId),
  });
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}
