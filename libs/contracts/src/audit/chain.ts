import { z } from 'zod';
import { replyObject } from '../common/reply';
import { chainRecordIdMaxLength, sha256Hex, type ChainRecordKind } from './chain-records';

export { chainMemo, chainRecordKinds, type ChainRecordKind } from './chain-records';

export const sha256HexSchema = z.string().regex(sha256Hex.pattern, sha256Hex.reason);

/** What a service puts in the event announcing a record it wrote, so that the chain links it. */
export const chainRecordRefSchema = z.object({
  recordId: z.string().min(1).max(chainRecordIdMaxLength),
  recordHash: sha256HexSchema,
});
export type ChainRecordRef = z.infer<typeof chainRecordRefSchema>;

/** `funding.ledger.appended`: one for every ledger entry written. */
export const ledgerAppendedDataSchema = chainRecordRefSchema.extend({ sequence: z.int().min(1) });
export type LedgerAppendedData = z.infer<typeof ledgerAppendedDataSchema>;

export interface ChainLink {
  /** Position in the partnership's chain, from 1. */
  seq: number;
  kind: ChainRecordKind;
  recordId: string;
  recordHash: string;
  previousHash: string;
  /** SHA-256 of the canonical JSON of the fields above. */
  hash: string;
}

/** The chain as the workflow keeps it and carries into the next cycle. */
export interface ChainState {
  partnershipId: string;
  length: number;
  /** The last link's hash; before the first link, a hash of the partnership id. */
  head: string;
  /** `<kind>:<recordId>` of every linked record: a record is linked once, however often it is announced. */
  linked: string[];
}

/** The chain's head as the workflow recorded it at one point of its history. */
export interface ChainCheckpoint {
  runId: string;
  /** The history event that holds it (a memo change, or the start of a renewed cycle). */
  eventId: number;
  at: string;
  length: number;
  head: string;
}

/** A record as a service stores it now, hashed the way it was when the chain linked it. */
export const storedRecordDigestSchema = replyObject({
  kind: z.enum(['ledgerEntry', 'signature'] as const satisfies readonly Exclude<ChainRecordKind, 'decision'>[]),
  recordId: z.string(),
  recordHash: z.string(),
  /** When the record says it was written. */
  at: z.string(),
});
export type StoredRecordDigest = z.infer<typeof storedRecordDigestSchema>;

/**
 * - edited: the stored record no longer hashes to what was linked;
 * - deleted: linked, but no longer stored;
 * - reordered: stored under one id with what was linked under another;
 * - inserted: stored, never linked, and older than the time an announcement takes to arrive;
 * - notYetLinked: stored, not linked yet, and recent: its event may still be on its way (not tampering);
 * - historyAltered: the workflow history no longer reproduces a head it checkpointed.
 */
export const chainProblems = ['edited', 'deleted', 'reordered', 'inserted', 'notYetLinked', 'historyAltered'] as const;
export type ChainProblem = (typeof chainProblems)[number];

export interface ChainFinding {
  problem: ChainProblem;
  /** `checkpoint` when the history lost links and no record can be named. */
  kind: ChainRecordKind | 'checkpoint';
  recordId: string;
  /** The link's position in the chain, when it has one. */
  seq?: number;
  linkedHash?: string;
  storedHash?: string;
  /** A reordered record: the record whose content it now holds. */
  linkedAs?: string;
}

export interface ChainVerification {
  partnershipId: string;
  verifiedAt: string;
  /** No tampering found; records not yet linked do not count against it. */
  intact: boolean;
  chain: {
    length: number;
    head: string;
    /** Links covered by the last checkpoint in the history. */
    checkpointed: number;
    links: Record<ChainRecordKind, number>;
  };
  /** Records compared with the chain: the services' stored ledger entries and signatures. */
  stored: Record<Exclude<ChainRecordKind, 'decision'>, number>;
  findings: ChainFinding[];
}
