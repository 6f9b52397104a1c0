import type { Actor } from '@mitra/contracts';
import { approvalStatus, liveRequests, releasableAmount, type FundingState } from '@mitra/domain';

export type RequestStatus = 'awaiting' | 'approved' | 'paid' | 'reversed';

export interface ApprovalSummary {
  sequence: number;
  by: Actor;
  /** The approver's organisation, when the approver has one. */
  organisationId?: string;
  at: string;
  note?: string;
}

/** A disbursement request as the screens show it: who asked, who approved, what the rule still needs. */
export interface RequestSummary {
  sequence: number;
  at: string;
  requestedBy: Actor;
  lineId: string;
  amount: number;
  purpose: string;
  requestingOrganisationId: string;
  payerOrganisationId: string;
  receiverOrganisationId: string;
  status: RequestStatus;
  approvals: ApprovalSummary[];
  /** Approvals the plan's rule still asks for (0 once met). */
  approvalsMissing: number;
  /** Organisations other than the requester's still to approve (0 once met). */
  organisationsMissing: number;
  payment?: { sequence: number; paidOn: string; reference: string };
  spent: number;
}

/** Every disbursement request of the ledger, the newest first. */
export function disbursementRequests(state: FundingState): RequestSummary[] {
  const governance = state.plan?.plan.governance;
  return [...state.requests.values()]
    .map((request): RequestSummary => {
      const { entry, approvals, payment } = request;
      const status = governance ? approvalStatus(governance, request) : undefined;
      return {
        sequence: entry.sequence,
        at: entry.at,
        requestedBy: entry.actor,
        lineId: entry.lineId,
        amount: entry.amount,
        purpose: entry.purpose,
        requestingOrganisationId: entry.requestingOrganisationId,
        payerOrganisationId: entry.payerOrganisationId,
        receiverOrganisationId: entry.receiverOrganisationId,
        status: request.reversed
          ? 'reversed'
          : payment
            ? 'paid'
            : status?.satisfied
              ? 'approved'
              : 'awaiting',
        approvals: approvals.map((approval) => ({
          sequence: approval.sequence,
          by: approval.actor,
          ...(approval.organisationId ? { organisationId: approval.organisationId } : {}),
          at: approval.at,
          ...(approval.note ? { note: approval.note } : {}),
        })),
        approvalsMissing: Math.max(0, (governance?.approvalsRequired ?? 0) - (status?.approvals ?? 0)),
        organisationsMissing: Math.max(
          0,
          (governance?.distinctOrganisations ?? 0) - (status?.organisations ?? 0),
        ),
        ...(payment
          ? { payment: { sequence: payment.sequence, paidOn: payment.paidOn, reference: payment.reference } }
          : {}),
        spent: request.spent,
      };
    })
    .sort((a, b) => b.sequence - a.sequence);
}

export interface PaymentSummary {
  /** The payment's ledger sequence: expenditures name it. */
  sequence: number;
  request: number;
  lineId: string;
  amount: number;
  /** Paid but not yet accounted for by expenditures. */
  left: number;
  receiverOrganisationId: string;
}

/** Payments whose money is not all accounted for by expenditures yet, the oldest first. */
export function paymentsToAccountFor(state: FundingState): PaymentSummary[] {
  return liveRequests(state)
    .flatMap((request) => {
      const payment = request.payment;
      if (!payment) return [];
      return [
        {
          sequence: payment.sequence,
          request: request.entry.sequence,
          lineId: request.entry.lineId,
          amount: payment.amount,
          left: payment.amount - request.spent,
          receiverOrganisationId: payment.receiverOrganisationId,
        },
      ];
    })
    .filter((payment) => payment.left > 0)
    .sort((a, b) => a.sequence - b.sequence);
}

export interface ReceivableCommitment {
  sequence: number;
  organisationId: string;
  /** Cash that may still be received against it now (released tranches less what came in). */
  receivable: number;
}

/** Cash commitments that may still receive money, the oldest first. */
export function receivableCommitments(state: FundingState): ReceivableCommitment[] {
  return [...state.commitments.values()]
    .filter((commitment) => !commitment.reversed && commitment.entry.contribution.kind === 'cash')
    .map((commitment) => ({
      sequence: commitment.entry.sequence,
      organisationId: commitment.entry.organisationId,
      receivable: releasableAmount(commitment) - commitment.received,
    }))
    .filter((commitment) => commitment.receivable > 0)
    .sort((a, b) => a.sequence - b.sequence);
}
