import {
  basisPoints,
  contributionValue,
  ErrorCode,
  FundingEventType,
  MitraError,
  type Actor,
  type Allocation,
  type ApprovalInput,
  type BudgetLine,
  type CommitmentInput,
  type DisbursementRequestInput,
  type ExpenditureInput,
  type FieldError,
  type FundingPlan,
  type FundingPlanSettings,
  type Governance,
  type LedgerEntry,
  type PaymentInput,
  type Pot,
  type ProgressReport,
  type ReceiptInput,
  type RefusalCode,
  type RefusalParams,
  type ReversalInput,
  type Sector,
} from '@mitra/contracts';
import { formatRupiah } from '../agreements/templates/labels';
import { actingOrganisation, assertActsFor, assertCoordinating } from './funding-access';
import {
  lineUsage,
  liveCommitments,
  liveReceipts,
  liveRequests,
  potAvailable,
  potOf,
  type CommitmentState,
  type FundingState,
  type RequestState,
} from './funding-state';

/** An event the rules raise; the service gives it its id, time and actor. */
export interface FundingEventDraft {
  type: FundingEventType;
  data: Record<string, unknown>;
}

/** The next ledger entry and the events it raises. */
export interface FundingDecision {
  entry: LedgerEntry;
  events: FundingEventDraft[];
}

export interface FundingContext {
  actor: Actor;
  now: string;
  /** The sectors of the organisations the command names, as the stakeholders registry has them; an unregistered one is absent. */
  sectors: ReadonlyMap<string, Sector>;
}

type FundingRefusal = Extract<RefusalCode, `funding.${string}`>;

/**
 * A refusal of the funding rules: its code and the values its sentence needs; the fields it names carry the
 * same code, unless one says more of its own.
 */
const conflict = (
  code: FundingRefusal,
  params: RefusalParams | undefined,
  message: string,
  errors: FieldError[] = [],
) =>
  MitraError.refused(
    ErrorCode.Conflict,
    code,
    params,
    message,
    errors.length > 0
      ? errors.map((error) => ({ code, ...(params ? { params } : {}), ...error }))
      : undefined,
  );
const refuseInput = (field: string, code: FundingRefusal, reason: string, params?: RefusalParams) =>
  MitraError.validation([{ field, reason, code, ...(params ? { params } : {}) }]);
const rupiah = (amount: number) => formatRupiah(amount, 'id');

const base = (state: FundingState, ctx: FundingContext) => ({
  sequence: state.sequence + 1,
  at: ctx.now,
  actor: ctx.actor,
});

export const defaultGovernance = (mechanism: FundingPlanSettings['mechanism']): Governance =>
  mechanism === 'common_fund'
    ? { approvalsRequired: 2, distinctOrganisations: 2 }
    : { approvalsRequired: 1, distinctOrganisations: 0 };

function requirePlan(state: FundingState): FundingPlan {
  if (!state.plan) throw conflict('funding.plan_missing', undefined, 'Set the funding plan first.');
  return state.plan.plan;
}

function requireRegistered(ctx: FundingContext, named: Array<{ field: string; id: string }>): void {
  const errors = named
    .filter(({ id }) => !ctx.sectors.has(id))
    .map(({ field }): FieldError => ({
      field,
      reason: 'is not an organisation in the stakeholders registry',
      code: 'funding.organisation_not_registered',
    }));
  if (errors.length > 0) throw MitraError.validation(errors);
}

/** A co-funding partner pays at most its agreed share of each line. */
function shareCap(plan: FundingPlan, line: BudgetLine, organisationId: string): number | undefined {
  const share = plan.shares?.find((s) => s.organisationId === organisationId);
  return share ? Number((BigInt(line.amount) * BigInt(basisPoints(share.percent))) / 10_000n) : undefined;
}

const requestedBy = (requests: RequestState[], lineId: string, payer: string) =>
  requests
    .filter((r) => r.entry.lineId === lineId && r.entry.payerOrganisationId === payer)
    .reduce((sum, r) => sum + r.entry.amount, 0);

// ---------------------------------------------------------------- the plan

/**
 * Sets the whole plan as its next version. Once money has come in, the mechanism, the fund holder
 * and the shares stay; a line keeps at least what live requests hold on it.
 */
export function setPlan(
  state: FundingState,
  input: FundingPlanSettings,
  ctx: FundingContext,
): FundingDecision {
  assertCoordinating(ctx.actor, 'set the funding plan');
  const named = [
    ...(input.fundHolderOrganisationId
      ? [{ field: 'plan.fundHolderOrganisationId', id: input.fundHolderOrganisationId }]
      : []),
    ...(input.shares ?? []).map((share, i) => ({
      field: `plan.shares.${i}.organisationId`,
      id: share.organisationId,
    })),
    ...input.lines.map((line, i) => ({
      field: `plan.lines.${i}.responsibleOrganisationId`,
      id: line.responsibleOrganisationId,
    })),
  ];
  requireRegistered(ctx, named);
  const organisationSectors = Object.fromEntries(named.map(({ id }) => [id, ctx.sectors.get(id)!]));
  const plan: FundingPlan = {
    ...input,
    governance: input.governance ?? defaultGovernance(input.mechanism),
    version: (state.plan?.plan.version ?? 0) + 1,
    organisationSectors,
  };
  const ceilingErrors = ceilingBreaches(plan);
  if (ceilingErrors.length > 0) throw MitraError.validation(ceilingErrors);
  assertKeepsMoneyMoved(state, plan);

  const planned = plan.lines.reduce((sum, line) => sum + line.amount, 0);
  return {
    entry: { ...base(state, ctx), kind: 'plan_set', plan },
    events: [
      {
        type: FundingEventType.PlanSet,
        data: { version: plan.version, mechanism: plan.mechanism, lines: plan.lines.length, planned },
      },
    ],
  };
}

/** The lines of one organisation of a capped sector, per year, stay within the ceiling. */
function ceilingBreaches(plan: FundingPlan): FieldError[] {
  const errors: FieldError[] = [];
  for (const ceiling of plan.ceilings) {
    const totals = new Map<string, number>();
    plan.lines.forEach((line, i) => {
      if (plan.organisationSectors[line.responsibleOrganisationId] !== ceiling.sector) return;
      const key = `${line.responsibleOrganisationId}:${line.year}`;
      const total = (totals.get(key) ?? 0) + line.amount;
      totals.set(key, total);
      if (total > ceiling.maxPerOrganisationPerYear) {
        errors.push({
          field: `plan.lines.${i}.amount`,
          reason: `brings ${line.responsibleOrganisationId}'s lines in ${line.year} to ${rupiah(total)}, above the ceiling of ${rupiah(ceiling.maxPerOrganisationPerYear)} a year per ${ceiling.sector} organisation`,
          code: 'funding.line_above_ceiling',
          params: { year: line.year, total, ceiling: ceiling.maxPerOrganisationPerYear },
        });
      }
    });
  }
  return errors;
}

function assertKeepsMoneyMoved(state: FundingState, plan: FundingPlan): void {
  const previous = state.plan?.plan;
  if (!previous) return;
  if (liveReceipts(state).length > 0) {
    const fixed = (p: FundingPlan) =>
      JSON.stringify([p.mechanism, p.fundHolderOrganisationId ?? null, p.shares ?? null]);
    if (fixed(previous) !== fixed(plan)) {
      throw conflict(
        'funding.plan_fixed_once_received',
        undefined,
        'Money has been received: the mechanism, the fund holder and the shares can no longer change.',
        [{ field: 'plan.mechanism', reason: 'fixed once money is received' }],
      );
    }
  }
  const requests = liveRequests(state);
  const errors: FieldError[] = [];
  for (const lineId of new Set(requests.map((r) => r.entry.lineId))) {
    const index = plan.lines.findIndex((line) => line.id === lineId);
    const used = lineUsage(state, lineId);
    if (index < 0) {
      errors.push({
        field: 'plan.lines',
        reason: `must keep line ${lineId}: disbursements of ${rupiah(used)} were requested on it`,
        code: 'funding.plan_drops_requested_line',
        params: { lineId, used },
      });
      continue;
    }
    const line = plan.lines[index];
    if (line.amount < used)
      errors.push({
        field: `plan.lines.${index}.amount`,
        reason: `must be at least ${rupiah(used)}, already requested on the line`,
        code: 'funding.plan_line_below_requested',
        params: { used },
      });
    for (const payer of new Set(
      requests.filter((r) => r.entry.lineId === lineId).map((r) => r.entry.payerOrganisationId),
    )) {
      const cap = plan.mechanism === 'co_funding' ? shareCap(plan, line, payer) : undefined;
      if (cap !== undefined && requestedBy(requests, lineId, payer) > cap) {
        errors.push({
          field: `plan.lines.${index}.amount`,
          reason: `would put ${payer}'s share below what it already pays on the line`,
          code: 'funding.plan_share_below_paid',
          params: { organisationId: payer },
        });
      }
    }
  }
  if (errors.length > 0)
    throw conflict(
      'funding.plan_takes_back_held_budget',
      undefined,
      'The plan would take back budget that disbursements already hold.',
      errors,
    );
}

// ---------------------------------------------------------------- commitments

export function recordCommitment(
  state: FundingState,
  input: CommitmentInput,
  ctx: FundingContext,
): FundingDecision {
  requirePlan(state);
  const organisationId = actingOrganisation(ctx.actor, input.organisationId, 'commitment.organisationId');
  requireRegistered(ctx, [{ field: 'commitment.organisationId', id: organisationId }]);
  const value = contributionValue(input.contribution);
  const committed = liveCommitments(state).reduce(
    (sum, c) => sum + contributionValue(c.entry.contribution),
    0,
  );
  if (!Number.isSafeInteger(committed + value))
    throw refuseInput(
      'commitment.contribution',
      'funding.commitments_past_exact_sum',
      "would take the partnership's commitments past the largest exact sum",
    );
  const sequence = state.sequence + 1;
  const schedule = input.schedule.map((instalment, i) => ({
    ...instalment,
    id: `${sequence}.${i + 1}`,
    number: i + 1,
  }));
  const events: FundingEventDraft[] = [
    {
      type: FundingEventType.CommitmentRecorded,
      data: { commitment: sequence, organisationId, kind: input.contribution.kind, amount: value },
    },
  ];
  if (state.commitments.size === 0)
    events.push({
      type: FundingEventType.PlanCommitted,
      data: { commitment: sequence, planVersion: state.plan!.plan.version },
    });
  return {
    entry: {
      ...base(state, ctx),
      kind: 'commitment',
      organisationId,
      contribution: input.contribution,
      schedule,
      ...(input.note ? { note: input.note } : {}),
    },
    events,
  };
}

function findCommitment(state: FundingState, sequence: number): CommitmentState {
  const commitment = state.commitments.get(sequence);
  if (!commitment) throw MitraError.notFound('The commitment');
  if (commitment.reversed)
    throw conflict(
      'funding.commitment_reversed',
      { commitment: sequence },
      `Commitment ${sequence} was reversed.`,
    );
  return commitment;
}

/** Cash that may be received against a commitment: its tranches not tied to results, and those released. */
export const releasableAmount = (commitment: CommitmentState) =>
  commitment.entry.schedule
    .filter((t) => !t.resultsGate || commitment.releases.has(t.id))
    .reduce((sum, t) => sum + t.amount, 0);

// ---------------------------------------------------------------- money in

/** Money arriving against a commitment: into the common fund, or made available by the partner itself. */
export function recordReceipt(
  state: FundingState,
  input: ReceiptInput,
  ctx: FundingContext,
): FundingDecision {
  const plan = requirePlan(state);
  const commitment = findCommitment(state, input.commitment);
  const { contribution, organisationId: payer } = commitment.entry;
  if (contribution.kind !== 'cash')
    throw conflict(
      'funding.in_kind_not_received',
      undefined,
      'An in-kind contribution is not received as money.',
    );
  const receiver = plan.mechanism === 'common_fund' ? plan.fundHolderOrganisationId! : payer;
  assertActsFor(ctx.actor, receiver, 'record money it received');
  const outstanding = contribution.amount - commitment.received;
  if (input.amount > outstanding) {
    throw conflict(
      'funding.receipt_exceeds_commitment',
      { outstanding },
      `The receipt exceeds what remains of the commitment (${rupiah(outstanding)}).`,
      [{ field: 'receipt.amount', reason: `must be at most ${rupiah(outstanding)}` }],
    );
  }
  const released = releasableAmount(commitment) - commitment.received;
  if (input.amount > released) {
    const waiting = commitment.entry.schedule
      .filter((t) => t.resultsGate && !commitment.releases.has(t.id))
      .map((t) => `${t.id} (period ${t.resultsGate!.periodNumber})`);
    throw conflict(
      'funding.receipt_awaits_release',
      { released: Math.max(released, 0), tranches: waiting },
      `Only ${rupiah(Math.max(released, 0))} of the commitment is released; tranches ${waiting.join(', ')} wait for approved monitoring reports.`,
      [
        {
          field: 'receipt.amount',
          reason: `must be at most ${rupiah(Math.max(released, 0))} until the next tranche is released`,
        },
      ],
    );
  }
  const pot: Pot = plan.mechanism === 'common_fund' ? 'common' : potOf(payer);
  const sequence = state.sequence + 1;
  return {
    entry: {
      ...base(state, ctx),
      kind: 'receipt',
      ...input,
      pot,
      payerOrganisationId: payer,
      receiverOrganisationId: receiver,
    },
    events: [
      {
        type: FundingEventType.ReceiptRecorded,
        data: {
          receipt: sequence,
          commitment: input.commitment,
          amount: input.amount,
          organisationId: payer,
        },
      },
    ],
  };
}

// ---------------------------------------------------------------- money out

function payerFor(plan: FundingPlan, line: BudgetLine, named: string | undefined): string {
  const field = 'request.payingOrganisationId';
  switch (plan.mechanism) {
    case 'common_fund':
      if (named && named !== plan.fundHolderOrganisationId)
        throw refuseInput(
          field,
          'funding.payer_not_fund_holder',
          'must be the fund holder: a common fund pays from the pooled money',
        );
      return plan.fundHolderOrganisationId!;
    case 'separate':
      if (named && named !== line.responsibleOrganisationId)
        throw refuseInput(
          field,
          'funding.payer_not_line_organisation',
          "must be the line's organisation: in separate funding each partner pays its own activities",
        );
      return line.responsibleOrganisationId;
    case 'co_funding':
      if (!named)
        throw refuseInput(
          field,
          'funding.payer_required_in_co_funding',
          'is required in co-funding: name the partner whose share pays',
        );
      if (!plan.shares?.some((s) => s.organisationId === named))
        throw refuseInput(field, 'funding.payer_has_no_share', 'has no share in the co-funding');
      return named;
  }
}

/**
 * A request reserves its money at once, from the oldest receipts of the pot that pays: never more than
 * the pot holds, nor than the budget line has left. Of two requests racing for the last Rupiah, the
 * first recorded wins and the other finds the pot empty.
 */
export function requestDisbursement(
  state: FundingState,
  input: DisbursementRequestInput,
  ctx: FundingContext,
): FundingDecision {
  const plan = requirePlan(state);
  const line = plan.lines.find((l) => l.id === input.lineId);
  if (!line)
    throw refuseInput('request.lineId', 'funding.not_a_budget_line', 'is not a budget line of the plan');
  const requester = actingOrganisation(
    ctx.actor,
    input.requestingOrganisationId,
    'request.requestingOrganisationId',
  );
  requireRegistered(ctx, [
    { field: 'request.requestingOrganisationId', id: requester },
    { field: 'request.receivingOrganisationId', id: input.receivingOrganisationId },
  ]);
  const payer = payerFor(plan, line, input.payingOrganisationId);
  const receiverSector = ctx.sectors.get(input.receivingOrganisationId)!;
  const noCash = plan.ceilings.find((c) => c.sector === receiverSector && !c.cashAllowed);
  if (noCash)
    throw refuseInput(
      'request.receivingOrganisationId',
      'funding.no_cash_to_sector',
      `is a ${receiverSector} organisation: the plan funds its activities, never with cash paid to it`,
      { sector: receiverSector },
    );

  const remaining = line.amount - lineUsage(state, line.id);
  if (input.amount > remaining) {
    throw conflict(
      'funding.request_exceeds_budget_line',
      { lineId: line.id, remaining },
      `The request exceeds what remains of budget line ${line.id} (${rupiah(remaining)}).`,
      [{ field: 'request.amount', reason: `must be at most ${rupiah(remaining)}` }],
    );
  }
  const cap = plan.mechanism === 'co_funding' ? shareCap(plan, line, payer)! : undefined;
  if (cap !== undefined) {
    const left = cap - requestedBy(liveRequests(state), line.id, payer);
    if (input.amount > left)
      throw conflict(
        'funding.request_exceeds_share',
        { lineId: line.id, remaining: left },
        `The request exceeds what remains of the payer's share of line ${line.id} (${rupiah(left)}).`,
        [{ field: 'request.amount', reason: `must be at most ${rupiah(left)}` }],
      );
  }
  const pot: Pot = plan.mechanism === 'common_fund' ? 'common' : potOf(payer);
  const available = potAvailable(state, pot);
  if (input.amount > available) {
    throw conflict(
      'funding.request_exceeds_fund',
      { available },
      `The request exceeds what the fund holds (${rupiah(available)} available).`,
      [{ field: 'request.amount', reason: `must be at most ${rupiah(available)}` }],
    );
  }

  const sequence = state.sequence + 1;
  return {
    entry: {
      ...base(state, ctx),
      kind: 'disbursement_request',
      lineId: line.id,
      amount: input.amount,
      purpose: input.purpose,
      requestingOrganisationId: requester,
      pot,
      payerOrganisationId: payer,
      receiverOrganisationId: input.receivingOrganisationId,
      allocations: allocate(state, pot, input.amount),
    },
    events: [
      {
        type: FundingEventType.DisbursementRequested,
        data: {
          request: sequence,
          lineId: line.id,
          amount: input.amount,
          payerOrganisationId: payer,
          receiverOrganisationId: input.receivingOrganisationId,
        },
      },
    ],
  };
}

/** First in, first out: the oldest receipts with money left pay first. */
function allocate(state: FundingState, pot: Pot, amount: number): Allocation[] {
  const allocations: Allocation[] = [];
  let left = amount;
  for (const receipt of liveReceipts(state)) {
    if (left === 0) break;
    if (receipt.entry.pot !== pot) continue;
    const take = Math.min(left, receipt.entry.amount - receipt.allocated);
    if (take > 0) {
      allocations.push({ receipt: receipt.entry.sequence, amount: take });
      left -= take;
    }
  }
  return allocations;
}

export interface ApprovalStatus {
  approvals: number;
  /** Approving organisations other than the requester's. */
  organisations: number;
  satisfied: boolean;
}

/** Approvals by distinct people; for the organisations rule the requester's own organisation does not count. */
export function approvalStatus(governance: Governance, request: RequestState): ApprovalStatus {
  const approvals = new Set(request.approvals.map((a) => a.actor.userId)).size;
  const organisations = new Set(
    request.approvals.flatMap((a) =>
      a.organisationId && a.organisationId !== request.entry.requestingOrganisationId
        ? [a.organisationId]
        : [],
    ),
  ).size;
  return {
    approvals,
    organisations,
    satisfied: approvals >= governance.approvalsRequired && organisations >= governance.distinctOrganisations,
  };
}

function findRequest(state: FundingState, sequence: number): RequestState {
  const request = state.requests.get(sequence);
  if (!request) throw MitraError.notFound('The disbursement request');
  if (request.reversed)
    throw conflict(
      'funding.request_reversed',
      { request: sequence },
      `Disbursement request ${sequence} was reversed.`,
    );
  if (request.payment)
    throw conflict(
      'funding.request_already_paid',
      { request: sequence, payment: request.payment.sequence },
      `Disbursement request ${sequence} is already paid (entry ${request.payment.sequence}).`,
    );
  return request;
}

export function approveDisbursement(
  state: FundingState,
  requestSequence: number,
  input: ApprovalInput,
  ctx: FundingContext,
): FundingDecision {
  const plan = requirePlan(state);
  assertCoordinating(ctx.actor, 'approve disbursements');
  const request = findRequest(state, requestSequence);
  if (request.entry.actor.userId === ctx.actor.userId)
    throw MitraError.refused(
      ErrorCode.Forbidden,
      'funding.requester_may_not_approve',
      undefined,
      'The requester may not approve its own request.',
    );
  if (request.approvals.some((a) => a.actor.userId === ctx.actor.userId))
    throw conflict('funding.already_approved', undefined, 'You have already approved this request.');
  const entry: LedgerEntry = {
    ...base(state, ctx),
    kind: 'approval',
    request: requestSequence,
    ...(ctx.actor.organisationId ? { organisationId: ctx.actor.organisationId } : {}),
    ...(input.note ? { note: input.note } : {}),
  };
  const before = approvalStatus(plan.governance, request);
  const after = approvalStatus(plan.governance, { ...request, approvals: [...request.approvals, entry] });
  const events: FundingEventDraft[] =
    !before.satisfied && after.satisfied
      ? [
          {
            type: FundingEventType.DisbursementApproved,
            data: {
              request: requestSequence,
              approvers: [...request.approvals.map((a) => a.actor.userId), ctx.actor.userId],
            },
          },
        ]
      : [];
  return { entry, events };
}

export function payDisbursement(
  state: FundingState,
  requestSequence: number,
  input: PaymentInput,
  ctx: FundingContext,
): FundingDecision {
  const plan = requirePlan(state);
  const request = findRequest(state, requestSequence);
  assertActsFor(ctx.actor, request.entry.payerOrganisationId, 'pay a disbursement');
  const status = approvalStatus(plan.governance, request);
  if (!status.satisfied) {
    const { approvalsRequired, distinctOrganisations } = plan.governance;
    throw conflict(
      'funding.request_needs_approvals',
      {
        approvalsRequired,
        distinctOrganisations,
        approvals: status.approvals,
        organisations: status.organisations,
      },
      `The request needs ${approvalsRequired} approval(s)` +
        (distinctOrganisations > 0
          ? ` from ${distinctOrganisations} organisation(s) other than the requester's`
          : '') +
        `; it has ${status.approvals} from ${status.organisations}.`,
    );
  }
  const sequence = state.sequence + 1;
  const { amount, payerOrganisationId, receiverOrganisationId } = request.entry;
  return {
    entry: {
      ...base(state, ctx),
      kind: 'payment',
      request: requestSequence,
      amount,
      ...input,
      payerOrganisationId,
      receiverOrganisationId,
    },
    events: [
      {
        type: FundingEventType.DisbursementPaid,
        data: {
          payment: sequence,
          request: requestSequence,
          amount,
          payerOrganisationId,
          receiverOrganisationId,
        },
      },
    ],
  };
}

export function recordExpenditure(
  state: FundingState,
  input: ExpenditureInput,
  ctx: FundingContext,
): FundingDecision {
  requirePlan(state);
  const requestSequence = state.paidRequest.get(input.payment);
  if (requestSequence === undefined) throw MitraError.notFound('The payment');
  if (state.reversedBy.has(input.payment))
    throw conflict(
      'funding.payment_reversed',
      { payment: input.payment },
      `Payment ${input.payment} was reversed.`,
    );
  const request = state.requests.get(requestSequence)!;
  const payment = request.payment!;
  assertActsFor(ctx.actor, payment.receiverOrganisationId, 'record what it spent');
  requireRegistered(ctx, [
    { field: 'expenditure.receivingOrganisationId', id: input.receivingOrganisationId },
  ]);
  const left = payment.amount - request.spent;
  if (input.amount > left) {
    throw conflict(
      'funding.expenditure_exceeds_payment',
      { remaining: left },
      `The expenditure exceeds what remains of the payment (${rupiah(left)}).`,
      [{ field: 'expenditure.amount', reason: `must be at most ${rupiah(left)}` }],
    );
  }
  const sequence = state.sequence + 1;
  return {
    entry: {
      ...base(state, ctx),
      kind: 'expenditure',
      payment: input.payment,
      lineId: request.entry.lineId,
      amount: input.amount,
      spentOn: input.spentOn,
      payerOrganisationId: payment.receiverOrganisationId,
      receiverOrganisationId: input.receivingOrganisationId,
      evidence: input.evidence,
    },
    events: [
      {
        type: FundingEventType.ExpenditureRecorded,
        data: {
          expenditure: sequence,
          payment: input.payment,
          lineId: request.entry.lineId,
          amount: input.amount,
        },
      },
    ],
  };
}

// ---------------------------------------------------------------- corrections

/**
 * A correction never edits or deletes: it is a new entry that undoes one earlier entry, after
 * whatever was built on that entry has been undone first.
 */
export function reverseEntry(
  state: FundingState,
  sequence: number,
  input: ReversalInput,
  ctx: FundingContext,
): FundingDecision {
  assertCoordinating(ctx.actor, 'reverse ledger entries');
  const target = state.entries[sequence - 1];
  if (!target) throw MitraError.notFound('The ledger entry');
  if (state.reversedBy.has(sequence))
    throw conflict(
      'funding.entry_already_reversed',
      { entry: sequence, reversal: state.reversedBy.get(sequence)! },
      `Entry ${sequence} is already reversed by entry ${state.reversedBy.get(sequence)}.`,
    );
  const blocked = (code: FundingRefusal, message: string) =>
    conflict(
      code,
      { entry: sequence, kind: target.kind },
      `Entry ${sequence} cannot be reversed: ${message}`,
    );
  let amount: number | undefined;
  let flow: { payerOrganisationId: string; receiverOrganisationId: string } | undefined;
  switch (target.kind) {
    case 'plan_set':
    case 'reversal':
    case 'tranche_release':
      throw blocked(
        'funding.entry_not_reversible',
        `a ${target.kind} entry is not reversible (set the plan again, or record the entry anew).`,
      );
    case 'commitment':
      if (state.commitments.get(sequence)!.received > 0)
        throw blocked('funding.reverse_receipts_first', 'reverse the receipts against it first.');
      amount = contributionValue(target.contribution);
      break;
    case 'receipt':
      if (state.receipts.get(sequence)!.allocated > 0)
        throw blocked(
          'funding.reverse_requests_first',
          'reverse the disbursement requests drawing on it first.',
        );
      amount = target.amount;
      flow = {
        payerOrganisationId: target.receiverOrganisationId,
        receiverOrganisationId: target.payerOrganisationId,
      };
      break;
    case 'disbursement_request':
      if (state.requests.get(sequence)!.payment)
        throw blocked('funding.reverse_payment_first', 'reverse its payment first.');
      amount = target.amount;
      break;
    case 'approval':
      if (state.requests.get(target.request)!.payment)
        throw blocked('funding.approved_request_paid', 'the request it approved is paid.');
      break;
    case 'payment':
      if (state.requests.get(target.request)!.expenditures.length > 0)
        throw blocked('funding.reverse_expenditures_first', 'reverse the expenditures from it first.');
      amount = target.amount;
      flow = {
        payerOrganisationId: target.receiverOrganisationId,
        receiverOrganisationId: target.payerOrganisationId,
      };
      break;
    case 'expenditure':
      amount = target.amount;
      flow = {
        payerOrganisationId: target.receiverOrganisationId,
        receiverOrganisationId: target.payerOrganisationId,
      };
      break;
  }
  return {
    entry: {
      ...base(state, ctx),
      kind: 'reversal',
      reverses: sequence,
      reversedKind: target.kind,
      ...(amount !== undefined ? { amount } : {}),
      ...flow,
      reason: input.reason,
    },
    events: [
      {
        type: FundingEventType.EntryReversed,
        data: {
          reversal: state.sequence + 1,
          reverses: sequence,
          kind: target.kind,
          ...(amount !== undefined ? { amount } : {}),
        },
      },
    ],
  };
}

// ---------------------------------------------------------------- results-gated tranches

export function trancheOf(state: FundingState, trancheId: string) {
  const [commitmentSequence, number] = trancheId.split('.').map(Number);
  const commitment = state.commitments.get(commitmentSequence);
  const tranche = commitment?.entry.schedule.find((t) => t.number === number);
  if (!commitment || !tranche) throw MitraError.notFound('The tranche');
  return { commitment, tranche };
}

/** A results-gated tranche is released once monitoring has approved its period's report. */
export function releaseTranche(
  state: FundingState,
  trancheId: string,
  reports: readonly ProgressReport[],
  ctx: FundingContext,
): FundingDecision {
  assertCoordinating(ctx.actor, 'release tranches');
  const { commitment, tranche } = trancheOf(state, trancheId);
  if (commitment.reversed)
    throw conflict(
      'funding.commitment_reversed',
      { commitment: commitment.entry.sequence },
      `Commitment ${commitment.entry.sequence} was reversed.`,
    );
  const gate = tranche.resultsGate;
  if (!gate)
    throw conflict(
      'funding.tranche_not_results_based',
      { tranche: trancheId },
      `Tranche ${trancheId} is not tied to results: it may be received by its schedule.`,
    );
  const released = commitment.releases.get(trancheId);
  if (released)
    throw conflict(
      'funding.tranche_already_released',
      { tranche: trancheId, entry: released.sequence },
      `Tranche ${trancheId} was already released (entry ${released.sequence}).`,
    );
  const approved = reports.filter(
    (r) =>
      r.status === 'approved' &&
      r.periodNumber === gate.periodNumber &&
      (!gate.organisationId || r.organisationId === gate.organisationId),
  );
  if (approved.length === 0) {
    throw conflict(
      'funding.tranche_awaits_report',
      {
        tranche: trancheId,
        period: gate.periodNumber,
        ...(gate.organisationId ? { organisationId: gate.organisationId } : {}),
      },
      `Tranche ${trancheId} waits for monitoring to approve the report of period ${gate.periodNumber}${gate.organisationId ? ` by ${gate.organisationId}` : ''}.`,
    );
  }
  const reportIds = approved.map((r) => r.id);
  return {
    entry: {
      ...base(state, ctx),
      kind: 'tranche_release',
      trancheId,
      commitment: commitment.entry.sequence,
      periodNumber: gate.periodNumber,
      reportIds,
    },
    events: [
      {
        type: FundingEventType.TrancheReleased,
        data: {
          trancheId,
          commitment: commitment.entry.sequence,
          amount: tranche.amount,
          periodNumber: gate.periodNumber,
          reportIds,
        },
      },
    ],
  };
}
