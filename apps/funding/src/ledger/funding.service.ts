import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  FundingEventType,
  MitraError,
  type Actor,
  type DomainEvent,
  type FundingBalance,
  type FundingSummary,
  type FundingTrace,
  type FundingView,
  type GetFundingQuery,
  type LedgerEntry,
  type LedgerPage,
  type ProgressReport,
  type StoredRecordDigest,
  FundingContracts,
  type ContractPayload,
} from '@mitra/contracts';
import {
  applyEntry,
  approveDisbursement,
  fundingBalance,
  fundingSummary,
  fundingTrace,
  fundingView,
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
import { LedgerStates } from './ledger-states';
import { entryId, LedgerRepository, type LedgerRecordDocument, type StoredEntry } from './ledger.repository';

const hashInput = (input: unknown) => createHash('sha256').update(JSON.stringify(input)).digest('hex');
// Stored values are plain JSON: no undefined (which the driver would write as null).
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Every entry is announced with its record hash, which the partnership's hash chain links. */
function appendedEvent(partnershipId: string, stored: StoredEntry): FundingEventDraft {
  const { sequence } = stored.entry;
  const recordHash = ledgerRecordHash({
    partnershipId,
    sequence,
    entry: stored.entry,
    command: stored.command,
  });
  return {
    type: FundingEventType.LedgerAppended,
    data: { recordId: entryId(partnershipId, sequence), sequence, recordHash },
  };
}

/** A stored document that no longer hashes (not JSON any more) matches no link: it is reported as edited. */
function digestOf(document: LedgerRecordDocument): StoredRecordDigest {
  let recordHash: string;
  try {
    recordHash = ledgerRecordHash(document);
  } catch {
    recordHash = 'unreadable';
  }
  return {
    kind: 'ledgerEntry',
    recordId: document._id,
    recordHash,
    at: typeof document.entry?.at === 'string' ? document.entry.at : '',
  };
}

interface Command {
  idempotencyKey: string;
  actor: Actor;
  partnershipId: string;
}

type Decide = (state: FundingState, ctx: FundingContext) => FundingDecision | Promise<FundingDecision>;

/** The outcome of one attempt at a command: its entry, or the news that another writer took the sequence. */
type Attempt = { entry: LedgerEntry } | 'lostRace';

const repeatedKeyConflict = () =>
  MitraError.refused(
    ErrorCode.Conflict,
    'funding.idempotency_key_reused',
    undefined,
    'This Idempotency-Key was already used for a different command.',
  );

/**
 * A command takes the partnership's folded ledger (`LedgerStates`: kept between commands, caught up
 * with what is stored), applies a pure rule of `@mitra/domain` and inserts the next entry with its
 * events and the figures after it. Of two commands deciding on the
 * same ledger one inserts; the other decides once more on the longer ledger (where the last Rupiah is
 * gone, or a payment made) and, should it lose again, answers 409 for the client to send again. A
 * repeated idempotency key gets the first reply; the same key with different input is a 409.
 *
 * Balance and summary are the figures the latest entry carries: one indexed read. The ledger page is a
 * range of entries. The view and the trace read the folded ledger.
 */
@Injectable()
export class FundingService {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly states: LedgerStates,
    private readonly events: LedgerEvents,
    private readonly registry: RegistryClient,
  ) {}

  async get(query: GetFundingQuery): Promise<FundingView> {
    return this.states.read(query.partnershipId, fundingView);
  }

  async list(query: ContractPayload<typeof FundingContracts.ListLedger>): Promise<LedgerPage> {
    const { partnershipId, after, limit } = query;
    const page = (await this.ledger.entries(partnershipId, { after, limit })).map((stored) => stored.entry);
    const first = page[0]?.sequence;
    const last = page.at(-1)?.sequence;
    const reversedBy =
      first === undefined || last === undefined
        ? new Map<number, number>()
        : await this.ledger.reversalsOf(partnershipId, first, last);
    // Read after the page, so the head is never behind the entries it lists.
    const { sequence } = await this.ledger.head(partnershipId);
    return {
      entries: page.map((entry) => {
        const reversal = reversedBy.get(entry.sequence);
        return reversal === undefined ? entry : { ...entry, reversedBy: reversal };
      }),
      sequence,
      nextAfter: last !== undefined && last < sequence ? last : null,
    };
  }

  async records(query: GetFundingQuery): Promise<StoredRecordDigest[]> {
    return (await this.ledger.stored(query.partnershipId)).map(digestOf);
  }

  async balance(query: GetFundingQuery): Promise<FundingBalance> {
    const { figures } = await this.ledger.head(query.partnershipId);
    return figures?.balance ?? this.states.read(query.partnershipId, fundingBalance);
  }

  async summary(query: GetFundingQuery): Promise<FundingSummary> {
    const { figures } = await this.ledger.head(query.partnershipId);
    return figures?.summary ?? this.states.read(query.partnershipId, fundingSummary);
  }

  async trace(query: ContractPayload<typeof FundingContracts.GetTrace>): Promise<FundingTrace> {
    return this.states.read(query.partnershipId, (state) => fundingTrace(state, query.sequence));
  }

  setPlan(command: ContractPayload<typeof FundingContracts.SetPlan>): Promise<LedgerEntry> {
    const { plan } = command;
    const named = [
      plan.fundHolderOrganisationId,
      ...(plan.shares ?? []).map((s) => s.organisationId),
      ...plan.lines.map((l) => l.responsibleOrganisationId),
    ];
    return this.run(FundingContracts.SetPlan.subject, command, plan, named, (state, ctx) =>
      setPlan(state, plan, ctx),
    );
  }

  recordCommitment(command: ContractPayload<typeof FundingContracts.RecordCommitment>): Promise<LedgerEntry> {
    const { commitment } = command;
    const named = [commitment.organisationId ?? command.actor.organisationId];
    return this.run(FundingContracts.RecordCommitment.subject, command, commitment, named, (state, ctx) =>
      recordCommitment(state, commitment, ctx),
    );
  }

  recordReceipt(command: ContractPayload<typeof FundingContracts.RecordReceipt>): Promise<LedgerEntry> {
    return this.run(FundingContracts.RecordReceipt.subject, command, command.receipt, [], (state, ctx) =>
      recordReceipt(state, command.receipt, ctx),
    );
  }

  requestDisbursement(
    command: ContractPayload<typeof FundingContracts.RequestDisbursement>,
  ): Promise<LedgerEntry> {
    const { request } = command;
    const named = [
      request.requestingOrganisationId ?? command.actor.organisationId,
      request.receivingOrganisationId,
    ];
    return this.run(FundingContracts.RequestDisbursement.subject, command, request, named, (state, ctx) =>
      requestDisbursement(state, request, ctx),
    );
  }

  approveDisbursement(
    command: ContractPayload<typeof FundingContracts.ApproveDisbursement>,
  ): Promise<LedgerEntry> {
    const input = { request: command.request, approval: command.approval };
    return this.run(FundingContracts.ApproveDisbursement.subject, command, input, [], (state, ctx) =>
      approveDisbursement(state, command.request, command.approval, ctx),
    );
  }

  payDisbursement(command: ContractPayload<typeof FundingContracts.PayDisbursement>): Promise<LedgerEntry> {
    const input = { request: command.request, payment: command.payment };
    return this.run(FundingContracts.PayDisbursement.subject, command, input, [], (state, ctx) =>
      payDisbursement(state, command.request, command.payment, ctx),
    );
  }

  recordExpenditure(
    command: ContractPayload<typeof FundingContracts.RecordExpenditure>,
  ): Promise<LedgerEntry> {
    const { expenditure } = command;
    return this.run(
      FundingContracts.RecordExpenditure.subject,
      command,
      expenditure,
      [expenditure.receivingOrganisationId],
      (state, ctx) => recordExpenditure(state, expenditure, ctx),
    );
  }

  reverseEntry(command: ContractPayload<typeof FundingContracts.ReverseEntry>): Promise<LedgerEntry> {
    const input = { entry: command.entry, reversal: command.reversal };
    return this.run(FundingContracts.ReverseEntry.subject, command, input, [], (state, ctx) =>
      reverseEntry(state, command.entry, command.reversal, ctx),
    );
  }

  /**
   * Monitoring is asked at the moment of release, not kept in step through its events: the release is
   * a decision taken now, on monitoring's current word, and needs no copy of its reports here.
   */
  releaseTranche(command: ContractPayload<typeof FundingContracts.ReleaseTranche>): Promise<LedgerEntry> {
    let reports: ProgressReport[] | undefined;
    return this.run(
      FundingContracts.ReleaseTranche.subject,
      command,
      command.trancheId,
      [],
      async (state, ctx) => {
        if (trancheOf(state, command.trancheId).tranche.resultsGate)
          reports ??= await this.registry.reportsOf(command.actor, command.partnershipId);
        return releaseTranche(state, command.trancheId, reports ?? [], ctx);
      },
    );
  }

  private async run(
    subject: string,
    command: Command,
    input: unknown,
    named: Array<string | undefined>,
    decide: Decide,
  ): Promise<LedgerEntry> {
    // The actor is part of the input: the same key sent by someone else is a different command.
    const inputHash = hashInput({ subject, actor: command.actor, input });
    let sectors: FundingContext['sectors'] | undefined;
    const sectorsOnce = async () =>
      (sectors ??= await this.registry.sectorsOf(
        command.actor,
        named.filter((id) => id !== undefined),
      ));
    const attempt = () => this.attempt(subject, command, inputHash, sectorsOnce, decide);

    const first = await attempt();
    if (first !== 'lostRace') return first.entry;
    // Another command wrote the sequence this one decided on: decide once more on the longer ledger.
    const second = await attempt();
    if (second !== 'lostRace') return second.entry;
    throw MitraError.refused(
      ErrorCode.Conflict,
      'funding.ledger_changed_meanwhile',
      undefined,
      'The ledger changed twice while this command was decided: send it again with the same Idempotency-Key.',
    );
  }

  private async attempt(
    subject: string,
    command: Command,
    inputHash: string,
    sectorsOf: () => Promise<FundingContext['sectors']>,
    decide: Decide,
  ): Promise<Attempt> {
    const { partnershipId, idempotencyKey } = command;
    const repeated = await this.ledger.byKey(partnershipId, idempotencyKey);
    if (repeated) return this.replay(repeated, inputHash);
    const sectors = await sectorsOf();
    const now = new Date().toISOString();
    const state = await this.states.checkOut(partnershipId);
    const previous = state.sequence;
    let decision: FundingDecision;
    try {
      decision = await decide(state, { actor: command.actor, now, sectors });
    } catch (refusal) {
      // Deciding changes nothing: the state is still as stored.
      this.states.keep(state);
      throw refusal;
    }
    const entry = plain(decision.entry);
    const next: StoredEntry = { entry, command: { key: idempotencyKey, subject, inputHash } };
    const outbox = [...decision.events, appendedEvent(partnershipId, next)].map((draft, i): DomainEvent => ({
      eventId: `funding:${partnershipId}:${entry.sequence}:${i}`,
      type: draft.type,
      occurredAt: now,
      actor: command.actor,
      partnershipId,
      organisationIds: [],
      data: draft.data,
    }));
    // From here the state holds an entry that is not stored yet: kept only once it is.
    applyEntry(state, entry);
    const figures = plain({ balance: fundingBalance(state), summary: fundingSummary(state) });
    const result = await this.ledger.append(partnershipId, previous, next, plain(outbox), figures);
    switch (result.status) {
      case 'appended':
        this.states.keep(state);
        await this.events.flush(partnershipId);
        return { entry };
      case 'replayed':
      case 'keyReused':
        return this.replay(result.revision.change, inputHash);
      case 'conflict':
        return 'lostRace';
    }
  }

  private replay(stored: StoredEntry, inputHash: string): Attempt {
    if (stored.command.inputHash !== inputHash) throw repeatedKeyConflict();
    return { entry: stored.entry };
  }
}
