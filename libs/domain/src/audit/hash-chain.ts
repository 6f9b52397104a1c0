import {
  agreementEventType,
  agreementKinds,
  chainRecordRefCheck,
  FundingEventType,
  passes,
} from '@mitra/contracts/lifecycle-workflow';
import type {
  ChainCheckpoint,
  ChainFinding,
  ChainLink,
  ChainRecordKind,
  ChainRecordRef,
  ChainState,
  ChainVerification,
  DecisionKind,
  DomainEvent,
  HistoryStep,
  LedgerEntry,
  SignatureRecord,
  StoredRecordDigest,
} from '@mitra/contracts';
import { sha256Hex } from '../agreements/content-hash';
import { canonicalize } from '../common/canonical-json';

const hashOf = (value: unknown) => sha256Hex(canonicalize(value));

/**
 * A service's announcement of a record reaches the workflow through the outbox sweep (every 15–30 s)
 * and the event bridge (a refused signal is retried after 5 s): a record younger than this that is
 * not linked yet is reported as such, not as tampering.
 */
export const linkGraceMs = 2 * 60_000;

export function emptyChain(partnershipId: string): ChainState {
  return { partnershipId, length: 0, head: hashOf({ chain: 'mitra.partnership', partnershipId }), linked: [] };
}

// ---------------------------------------------------------------- record hashes

/** A ledger document's immutable fields (everything but its `_id`, outbox and publication flag). */
export interface LedgerRecord {
  partnershipId: string;
  sequence: number;
  entry: LedgerEntry;
  command: unknown;
}

/** The `_id` is left out: an entry moved to another id still hashes the same, which is how a reordering is named. */
export const ledgerRecordHash = (record: LedgerRecord) =>
  hashOf({ partnershipId: record.partnershipId, sequence: record.sequence, entry: record.entry, command: record.command });

export const signatureRecordId = (agreementId: string, roundNumber: number, organisationId: string) =>
  `${agreementId}:r${roundNumber}:${organisationId}`;

export interface SignatureLocation {
  agreementId: string;
  versionNumber: number;
  roundNumber: number;
  signature: SignatureRecord;
}

export const signatureRecordHash = ({ agreementId, versionNumber, roundNumber, signature }: SignatureLocation) =>
  hashOf({ agreementId, versionNumber, roundNumber, signature });

/**
 * A decision as its Update recorded it: the payload (with the actor and the organisation it acts
 * for) and the workflow's time, which the Update's result carries.
 */
export interface DecisionRecordInput {
  kind: DecisionKind;
  at: string;
  payload: unknown;
}

export const decisionRecordHash = ({ kind, at, payload }: DecisionRecordInput) => hashOf({ kind, at, input: payload });

// ---------------------------------------------------------------- links

const linkKey = (kind: ChainRecordKind, recordId: string) => `${kind}:${recordId}`;

/** Appends the record to the chain (changing it), or returns undefined when it is linked already. */
export function appendLink(chain: ChainState, record: { kind: ChainRecordKind } & ChainRecordRef): ChainLink | undefined {
  const key = linkKey(record.kind, record.recordId);
  if (chain.linked.includes(key)) return undefined;
  const fields = { seq: chain.length + 1, kind: record.kind, recordId: record.recordId, recordHash: record.recordHash, previousHash: chain.head };
  const link: ChainLink = { ...fields, hash: hashOf(fields) };
  chain.length = link.seq;
  chain.head = link.hash;
  chain.linked.push(key);
  return link;
}

const chainedEventKinds = new Map<string, ChainRecordKind>([
  [FundingEventType.LedgerAppended, 'ledgerEntry'],
  ...agreementKinds.map((kind): [string, ChainRecordKind] => [agreementEventType(kind, 'signed'), 'signature']),
]);

/** The record a service event announces, if it announces one. */
export function chainRecordOfEvent(event: DomainEvent): ({ kind: ChainRecordKind } & ChainRecordRef) | undefined {
  const kind = chainedEventKinds.get(event.type);
  const ref = kind ? passes(chainRecordRefCheck, event.data) : undefined;
  return kind && ref ? { kind, recordId: ref.recordId, recordHash: ref.recordHash } : undefined;
}

export function linkServiceEvent(chain: ChainState, event: DomainEvent): ChainLink | undefined {
  const record = chainRecordOfEvent(event);
  return record ? appendLink(chain, record) : undefined;
}

/** A decision is identified by its idempotency key, which the workflow processes once per partnership. */
export function linkDecision(chain: ChainState, decision: DecisionRecordInput): ChainLink | undefined {
  const recordId = (decision.payload as { idempotencyKey?: unknown } | null)?.idempotencyKey;
  if (typeof recordId !== 'string') return undefined;
  return appendLink(chain, { kind: 'decision', recordId, recordHash: decisionRecordHash(decision) });
}

const isChainState = (value: unknown): value is ChainState =>
  typeof value === 'object' && value !== null && typeof (value as ChainState).head === 'string' && Array.isArray((value as ChainState).linked);

/**
 * The chain rebuilt from a partnership's history with the workflow's own rules: accepted decisions
 * (at the time their result gives) and announced records, in history order, each once. It starts
 * from the partnership id the history was started with.
 */
export function chainOfHistory(partnershipId: string, steps: readonly HistoryStep[]): { chain: ChainState; links: ChainLink[] } {
  let chain: ChainState | undefined;
  const links: ChainLink[] = [];
  for (const step of steps) {
    if (step.type === 'started') {
      // A renewed cycle carries the chain on; only when older runs are gone does the carried one start it.
      chain ??= isChainState(step.chain) ? { ...step.chain, linked: [...step.chain.linked] } : emptyChain(step.input.partnershipId);
      continue;
    }
    if (!chain) continue;
    const link =
      step.type === 'decision' && step.recordedResult
        ? linkDecision(chain, { kind: step.kind, payload: step.payload, at: step.recordedResult.at })
        : step.type === 'serviceEvent'
          ? linkServiceEvent(chain, step.event)
          : undefined;
    if (link) links.push(link);
  }
  return { chain: chain ?? emptyChain(partnershipId), links };
}

// ---------------------------------------------------------------- verification

/**
 * The first checkpoint the rebuilt chain does not reproduce, with the links recorded since the last
 * one it does: those are what the history lost or changed. Later checkpoints follow from it.
 */
export function brokenCheckpoint(
  partnershipId: string,
  links: readonly ChainLink[],
  checkpoints: readonly ChainCheckpoint[],
): { checkpoint: ChainCheckpoint; recomputed: string | undefined; suspects: ChainLink[] } | undefined {
  const headAt = (length: number) => (length === 0 ? emptyChain(partnershipId).head : links[length - 1]?.hash);
  let verified = 0;
  for (const checkpoint of checkpoints) {
    const recomputed = headAt(checkpoint.length);
    if (recomputed === checkpoint.head) {
      verified = Math.max(verified, checkpoint.length);
      continue;
    }
    return { checkpoint, recomputed, suspects: links.slice(verified, Math.max(checkpoint.length, verified + 1)) };
  }
  return undefined;
}

function checkpointFindings(partnershipId: string, links: readonly ChainLink[], checkpoints: readonly ChainCheckpoint[]): ChainFinding[] {
  const broken = brokenCheckpoint(partnershipId, links, checkpoints);
  if (!broken) return [];
  if (broken.suspects.length === 0) {
    return [{ problem: 'historyAltered', kind: 'checkpoint', recordId: `${broken.checkpoint.runId}#${broken.checkpoint.eventId}`, seq: broken.checkpoint.length, linkedHash: broken.checkpoint.head }];
  }
  return broken.suspects.map((link) => ({ problem: 'historyAltered', kind: link.kind, recordId: link.recordId, seq: link.seq, storedHash: link.recordHash }));
}

function recordFindings(links: readonly ChainLink[], records: readonly StoredRecordDigest[], now: number, graceMs: number): ChainFinding[] {
  const linkedRecords = links.filter((link) => link.kind !== 'decision');
  const byId = new Map(linkedRecords.map((link) => [linkKey(link.kind, link.recordId), link]));
  const byHash = new Map(linkedRecords.map((link) => [linkKey(link.kind, link.recordHash), link]));
  const stored = new Set<string>();
  const findings: ChainFinding[] = [];
  for (const record of records) {
    stored.add(linkKey(record.kind, record.recordId));
    const link = byId.get(linkKey(record.kind, record.recordId));
    if (link?.recordHash === record.recordHash) continue;
    const base = { kind: record.kind, recordId: record.recordId, storedHash: record.recordHash };
    const holds = byHash.get(linkKey(record.kind, record.recordHash));
    if (holds && holds.recordId !== record.recordId) {
      findings.push({ ...base, problem: 'reordered', seq: link?.seq ?? holds.seq, linkedHash: link?.recordHash, linkedAs: holds.recordId });
    } else if (link) {
      findings.push({ ...base, problem: 'edited', seq: link.seq, linkedHash: link.recordHash });
    } else {
      const written = Date.parse(record.at);
      findings.push({ ...base, problem: Number.isFinite(written) && now - written < graceMs ? 'notYetLinked' : 'inserted' });
    }
  }
  for (const link of linkedRecords) {
    if (!stored.has(linkKey(link.kind, link.recordId))) {
      findings.push({ problem: 'deleted', kind: link.kind, recordId: link.recordId, seq: link.seq, linkedHash: link.recordHash });
    }
  }
  return findings;
}

const countBy = <K extends string>(keys: readonly K[], items: readonly { kind: string }[]) =>
  Object.fromEntries(keys.map((key) => [key, items.filter((item) => item.kind === key).length])) as Record<K, number>;

/**
 * Compares the chain rebuilt from the history with the history's own checkpoints, and the records
 * the services store now with the links: every record edited, deleted, moved to another id or
 * slipped in unlinked is named, and so is every link a changed history no longer reproduces.
 */
export function verifyChain(input: {
  partnershipId: string;
  chain: ChainState;
  links: readonly ChainLink[];
  checkpoints: readonly ChainCheckpoint[];
  records: readonly StoredRecordDigest[];
  now: string;
  graceMs?: number;
}): ChainVerification {
  const { partnershipId, links, checkpoints, records, now } = input;
  const findings = [
    ...checkpointFindings(partnershipId, links, checkpoints),
    ...recordFindings(links, records, Date.parse(now), input.graceMs ?? linkGraceMs),
  ].sort((a, b) => (a.seq ?? Number.MAX_SAFE_INTEGER) - (b.seq ?? Number.MAX_SAFE_INTEGER) || a.recordId.localeCompare(b.recordId));
  return {
    partnershipId,
    verifiedAt: now,
    intact: findings.every((finding) => finding.problem === 'notYetLinked'),
    chain: {
      length: input.chain.length,
      head: input.chain.head,
      checkpointed: Math.max(0, ...checkpoints.map((checkpoint) => checkpoint.length)),
      links: countBy(['decision', 'ledgerEntry', 'signature'], links),
    },
    stored: countBy(['ledgerEntry', 'signature'], records),
    findings,
  };
}
