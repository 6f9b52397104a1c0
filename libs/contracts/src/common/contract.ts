import { z } from 'zod';
import type { AccessPolicy } from './access-policy';
import { actorSchema, idempotencyKeySchema } from './actor';
import { partnershipIdSchema } from './partnership-id';

/**
 * One request/reply message between Mitra's processes, defined once: its subject, what it carries, what it
 * answers, who may send it and how long a caller waits. Services handle it, callers send it, guards read it.
 *
 * A command writes and carries an idempotency key, so a caller that did not hear the answer may send it again
 * and get the original result; a query only reads.
 */
export interface Contract<
  TKind extends ContractKind = ContractKind,
  TPayload extends z.ZodType = z.ZodType,
  TReply extends z.ZodType = z.ZodType,
> {
  readonly kind: TKind;
  readonly subject: string;
  readonly payload: TPayload;
  readonly reply: TReply;
  readonly access: ContractAccess;
  /** How long a caller waits for the answer; sized from the measured p99 (docs/architecture.md). */
  readonly timeoutMs: number;
}
export type ContractKind = 'command' | 'query';
/** `public`: sent for a visitor without a session (published reports); no actor, nothing to check. */
export type ContractAccess = AccessPolicy | 'public';
export type CommandContract<P extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> = Contract<
  'command',
  P,
  R
>;
export type QueryContract<P extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> = Contract<
  'query',
  P,
  R
>;

/** What a caller sends (defaults may be left out). */
export type ContractInput<C extends Contract> = z.input<C['payload']>;
/** What a handler receives, validated and with defaults applied. */
export type ContractPayload<C extends Contract> = z.output<C['payload']>;
export type ContractReply<C extends Contract> = z.output<C['reply']>;

/**
 * Waits, measured on the dev stack (docs/architecture.md, "Request timeouts"): a little above each class's p99
 * under load, so a slow answer is rare and a lost one is noticed soon.
 */
export const contractTimeouts = {
  /** Reads of one record or page. */
  read: 3_000,
  /** Writes: validation, one revision insert, the outbox publish. */
  write: 5_000,
  /** Work that is heavy by nature: a PDF, a full verification, a search over every organisation, the ledger records. */
  heavy: 15_000,
} as const;

interface Definition<P extends z.ZodType, R extends z.ZodType> {
  subject: string;
  payload: P;
  reply: R;
  access: ContractAccess;
  timeoutMs?: number;
}

export function defineCommand<P extends z.ZodType, R extends z.ZodType>(
  definition: Definition<P, R>,
): CommandContract<P, R> {
  return Object.freeze({
    kind: 'command',
    ...definition,
    access: definition.access === 'public' ? definition.access : { ...definition.access, readOnly: false },
    timeoutMs: definition.timeoutMs ?? contractTimeouts.write,
  });
}

export function defineQuery<P extends z.ZodType, R extends z.ZodType>(
  definition: Definition<P, R>,
): QueryContract<P, R> {
  return Object.freeze({
    kind: 'query',
    ...definition,
    access: definition.access === 'public' ? definition.access : { ...definition.access, readOnly: true },
    timeoutMs: definition.timeoutMs ?? contractTimeouts.read,
  });
}

/** The envelope of every command: who acts, and the key that makes sending it twice harmless. */
export const commandEnvelope = <T extends z.core.$ZodLooseShape>(shape: T) =>
  z.strictObject({ idempotencyKey: idempotencyKeySchema, actor: actorSchema, ...shape });

/** The envelope of every query a user makes. */
export const queryEnvelope = <T extends z.core.$ZodLooseShape>(shape: T) =>
  z.strictObject({ actor: actorSchema, ...shape });

/** A command about one partnership, named at `partnershipId`. */
export const partnershipCommand = <T extends z.core.$ZodLooseShape>(shape: T) =>
  commandEnvelope({ partnershipId: partnershipIdSchema, ...shape });

/** A user's query about one partnership, named at `partnershipId`. */
export const partnershipQuery = <T extends z.core.$ZodLooseShape>(shape: T) =>
  queryEnvelope({ partnershipId: partnershipIdSchema, ...shape });
