import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import {
  ErrorCode,
  FundingEventType,
  FundingSubject,
  MitraError,
  type Actor,
  type approveDisbursementCommandSchema,
  type DomainEvent,
  type FundingBalance,
  type FundingSummary,
  type FundingTrace,
  type FundingView,
  type GetFundingQuery,
  type getTraceQuerySchema,
  type LedgerEntry,
  type LedgerPage,
  type listLedgerQuerySchema,
  type payDisbursementCommandSchema,
  type ProgressReport,
  type recordCommitmentCommandSchema,
  type recordExpenditureCommandSchema,
  type recordReceiptCommandSchema,
  type releaseTrancheCommandSchema,
  type requestDisbursementCommandSchema,
  type reverseEntryCommandSchema,
  type setPlanCommandSchema,
  type StoredRecordDigest,
} from '@mitra/contracts';
import {
  approveDisbursement,
  foldLedger,
  fundingBalance,
  fundingSummary,
  fundingTrace,
  fundingView,
  ledgerPage,
  ledgerRecordHash,
  payDisbursement,
  recordCommitment,
  recordExpenditure,
  recordReceipt,
  releaseTranche,
  requestDisbursement,
  reverseEntry,
  setPlan,
  trancheOf,
  type FundingContext,
  type FundingDecision,
  type FundingEventDraft,
  type FundingState,
} from '@mitra/domain';
import { RegistryClient } from '../registry/registry.client';
import { LedgerEvents } from './ledger-events';
import { entryId, LedgerRepository, type LedgerRecordDocument, type StoredEntry } from './ledger.repository';

const hashInput = (input: unknown) => createHash('sha256').update(JSON.stringify(input)).digest('hex');
// Each lost race means another entry was written; ten racers need at most ten rounds.
const maxAttempts = 30;
// Stored values are plain JSON: no undefined (which the driver would write as null).
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Every entry is announced with its record hash, which the partnership's hash chain links. */
function appendedEvent(partnershipId: string, stored: StoredEntry): FundingEventDraft {
  const { sequence } = stored.entry;
  const recordHash = ledgerRecordHash({ partnershipId, sequence, entry: stored.entry, command: stored.command });
  return { type: FundingEventType.LedgerAppended, data: { recordId: entryId(partnershipId, sequence), sequence, recordHash } };
}

/** A stored document that no longer hashes (not JSON any more) matches no link: it is reported as edited. */
function digestOf(document: LedgerRecordDocument): StoredRecordDigest {
  let recordHash: string;
  try {
    recordHash = ledgerRecordHash(document);
  } catch {
    recordHash = 'unreadable';
  }
  return { kind: 'ledgerEntry', recordId: document._id, recordHash, at: typeof document.entry?.at === 'string' ? document.entry.at : '' };
}

interface Command {
  idempotencyKey: string;
  actor: Actor;
  partnershipId: string;
}

type Decide = (state: FundingState, ctx: FundingContext) => FundingDecision | Promise<FundingDecision>;

/**
 * Every command reads the partnership's ledger, recomputes the balances from it, applies a pure rule
 * of `@mitra/domain` and inserts the next entry with its events; a lost race recomputes on the longer
 * ledger and decides again. A repeated idempotency key gets the first reply; the same key with
 * different input is a 409.
 */
@Injectable()
export class FundingService {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly events: LedgerEvents,
    private readonly registry: RegistryClient,
  ) {}

  private async state(partnershipId: string): Promise<FundingState> {
    return foldLedger(
      partnershipId,
      (await this.ledger.load(partnershipId)).map((stored) => stored.entry),
    );
  }

  async get(query: GetFundingQuery): Promise<FundingView> {
    return fundingView(await this.state(query.partnershipId));
  }

  async list(query: z.output<typeof listLedgerQuerySchema>): Promise<LedgerPage> {
    return ledgerPage(await this.state(query.partnershipId), query.after, query.limit);
  }

  async records(query: GetFundingQuery): Promise<StoredRecordDigest[]> {
    return (await this.ledger.stored(query.partnershipId)).map(digestOf);
  }

  async balance(query: GetFundingQuery): Promise<FundingBalance> {
    return fundingBalance(await this.state(query.partnershipId));
  }

  async summary(query: GetFundingQuery): Promise<FundingSummary> {
    return fundingSummary(await this.state(query.partnershipId));
  }

  async trace(query: z.output<typeof getTraceQuerySchema>): Promise<FundingTrace> {
    return fundingTrace(await this.state(query.partnershipId), query.sequence);
  }

  setPlan(command: z.output<typeof setPlanCommandSchema>): Promise<LedgerEntry> {
    const { plan } = command;
    const named = [
      plan.fundHolderOrganisationId,
      ...(plan.shares ?? []).map((s) => s.organisationId),
      ...plan.lines.map((l) => l.responsibleOrganisationId),
    ];
    return this.run(FundingSubject.SetPlan, command, plan, named, (state, ctx) => setPlan(state, plan, ctx));
  }

  recordCommitment(command: z.output<typeof recordCommitmentCommandSchema>): Promise<LedgerEntry> {
    const { commitment } = command;
    const named = [commitment.organisationId ?? command.actor.organisationId];
    return this.run(FundingSubject.RecordCommitment, command, commitment, named, (state, ctx) =>
      recordCommitment(state, commitment, ctx),
    );
  }

  recordReceipt(command: z.output<typeof recordReceiptCommandSchema>): Promise<LedgerEntry> {
    return this.run(FundingSubject.RecordReceipt, command, command.receipt, [], (state, ctx) =>
      recordReceipt(state, command.receipt, ctx),
    );
  }

  requestDisbursement(command: z.output<typeof requestDisbursementCommandSchema>): Promise<LedgerEntry> {
    const { request } = command;
    const named = [
      request.requestingOrganisationId ?? command.actor.organisationId,
      request.receivingOrganisationId,
    ];
    return this.run(FundingSubject.RequestDisbursement, command, request, named, (state, ctx) =>
      requestDisbursement(state, request, ctx),
    );
  }

  approveDisbursement(command: z.output<typeof approveDisbursementCommandSchema>): Promise<LedgerEntry> {
    const input = { request: command.request, approval: command.approval };
    return this.run(FundingSubject.ApproveDisbursement, command, input, [], (state, ctx) =>
      approveDisbursement(state, command.request, command.approval, ctx),
    );
  }

  payDisbursement(command: z.output<typeof payDisbursementCommandSchema>): Promise<LedgerEntry> {
    const input = { request: command.request, payment: command.payment };
    return this.run(FundingSubject.PayDisbursement, command, input, [], (state, ctx) =>
      payDisbursement(state, command.request, command.payment, ctx),
    );
  }

  recordExpenditure(command: z.output<typeof recordExpenditureCommandSchema>): Promise<LedgerEntry> {
    const { expenditure } = command;
    return this.run(
      FundingSubject.RecordExpenditure,
      command,
      expenditure,
      [expenditure.receivingOrganisationId],
      (state, ctx) => recordExpenditure(state, expenditure, ctx),
    );
  }

  reverseEntry(command: z.output<typeof reverseEntryCommandSchema>): Promise<LedgerEntry> {
    const input = { entry: command.entry, reversal: command.reversal };
    return this.run(FundingSubject.ReverseEntry, command, input, [], (state, ctx) =>
      reverseEntry(state, command.entry, command.reversal, ctx),
    );
  }

  /**
   * Monitoring is asked at the moment of release, not kept in step through its events: the release is
   * a decision taken now, on monitoring's current word, and needs no copy of its reports here.
   */
  releaseTranche(command: z.output<typeof releaseTrancheCommandSchema>): Promise<LedgerEntry> {
    let reports: ProgressReport[] | undefined;
    return this.run(FundingSubject.ReleaseTranche, command, command.trancheId, [], async (state, ctx) => {
      if (trancheOf(state, command.trancheId).tranche.resultsGate)
        reports ??= await this.registry.reportsOf(command.actor, command.partnershipId);
      return releaseTranche(state, command.trancheId, reports ?? [], ctx);
    });
  }

  private async run(
    subject: FundingSubject,
    command: Command,
    input: unknown,
    named: Array<string | undefined>,
    decide: Decide,
  ): Promise<LedgerEntry> {
    // The actor is part of the input: the same key sent by someone else is a different command.
    const inputHash = hashInput({ subject, actor: command.actor, input });
    let sectors: FundingContext['sectors'] | undefined;
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const stored = await this.ledger.load(command.partnershipId);
      const repeated = stored.find((s) => s.command.key === command.idempotencyKey);
      if (repeated) {
        if (repeated.command.inputHash !== inputHash)
          throw new MitraError(
            ErrorCode.Conflict,
            'This Idempotency-Key was already used for a different command.',
          );
        return repeated.entry;
      }
      sectors ??= await this.registry.sectorsOf(
        command.actor,
        named.filter((id) => id !== undefined),
      );
      const now = new Date().toISOString();
      const state = foldLedger(
        command.partnershipId,
        stored.map((s) => s.entry),
      );
      const decision = await decide(state, { actor: command.actor, now, sectors });
      const entry = plain(decision.entry);
      const next: StoredEntry = { entry, command: { key: command.idempotencyKey, subject, inputHash } };
      const outbox = [...decision.events, appendedEvent(command.partnershipId, next)].map((draft, i): DomainEvent => ({
        eventId: `funding:${command.partnershipId}:${entry.sequence}:${i}`,
        type: draft.type,
        occurredAt: now,
        actor: command.actor,
        partnershipId: command.partnershipId,
        organisationIds: [],
        data: draft.data,
      }));
      if (await this.ledger.append(command.partnershipId, stored, next, plain(outbox))) {
        if (outbox.length > 0) await this.events.flush(command.partnershipId).catch(() => undefined);
        return entry;
      }
    }
    throw MitraError.unavailable('The funding ledger (too many concurrent changes)');
  }
}
