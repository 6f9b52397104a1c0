import {
  ErrorCode,
  FundingEventType,
  MitraError,
  type Allocation,
  type ApprovalInput,
  type BudgetLine,
  type DisbursementRequestInput,
  type ExpenditureInput,
  type FundingPlan,
  type Governance,
  type LedgerEntry,
  type PaymentInput,
  type Pot,
} from '@mitra/contracts';
import { actingOrganisation, assertActsFor, assertCoordinating } from './funding-access';
import {
  lineUsage,
  liveReceipts,
  liveRequests,
  potAvailable,
  potOf,
  type FundingState,
  type RequestState,
} from './funding-state';
import {
  type FundingContext,
  type FundingDecision,
  type FundingEventDraft,
  base,
  conflict,
  refuseInput,
  requestedBy,
  requirePlan,
  requireRegistered,
  rupiah,
  shareCap,
} from './funding-decision';

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
      [
        {
          field: 'request.amount',
          reason: `must be at most ${rupiah(remaining)}`,
          code: 'funding.request_exceeds_budget_line',
          params: { lineId: line.id, remaining },
        },
      ],
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
        [
          {
            field: 'request.amount',
            reason: `must be at most ${rupiah(left)}`,
            code: 'funding.request_exceeds_share',
            params: { lineId: line.id, remaining: left },
          },
        ],
      );
  }
  const pot: Pot = plan.mechanism === 'common_fund' ? 'common' : potOf(payer);
  const available = potAvailable(state, pot);
  if (input.amount > available) {
    throw conflict(
      'funding.request_exceeds_fund',
      { available },
      `The request exceeds what the fund holds (${rupiah(available)} available).`,
      [
        {
          field: 'request.amount',
          reason: `must be at most ${rupiah(available)}`,
          code: 'funding.request_exceeds_fund',
          params: { available },
        },
      ],
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
      [
        {
          field: 'expenditure.amount',
          reason: `must be at most ${rupiah(left)}`,
          code: 'funding.expenditure_exceeds_payment',
          params: { remaining: left },
        },
      ],
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
