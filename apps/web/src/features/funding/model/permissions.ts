import { MitraError, type Actor } from '@mitra/contracts';
import {
  approveDisbursement,
  isCoordinating,
  payDisbursement,
  recordExpenditure,
  recordReceipt,
  reverseEntry,
  type FundingContext,
  type FundingState,
} from '@mitra/domain';
import type { SessionUser } from '#shared/auth';

/**
 * What the signed-in user may do with the partnership's money, by the very rules the funding service
 * applies (`@mitra/domain`): the screens offer only what will be accepted. The api still decides.
 */

export const fundingActor = (user: Pick<SessionUser, 'id' | 'role' | 'organisationId'>): Actor => ({
  userId: user.id,
  role: user.role,
  ...(user.organisationId ? { organisationId: user.organisationId } : {}),
});

type User = Pick<SessionUser, 'id' | 'role' | 'organisationId'>;

// The decisions below never read the clock; sectors matter only where noted.
const context = (user: User, sectors: FundingContext['sectors'] = new Map()): FundingContext => ({
  actor: fundingActor(user),
  now: new Date(0).toISOString(),
  sectors,
});

/** The rule's refusal of a decision, or undefined when it would be accepted. */
function refusal(decide: () => unknown): MitraError | undefined {
  try {
    decide();
    return undefined;
  } catch (error) {
    if (error instanceof MitraError) return error;
    throw error;
  }
}

/** Setting the plan, approving and reversing are a coordinator's (or an administrator's). */
export const mayCoordinate = (user: User) => isCoordinating(fundingActor(user));

/** Auditors only read; partners act for their own organisation, coordinators for any. */
export const mayRecord = (user: User) =>
  isCoordinating(fundingActor(user)) || (user.role === 'partner' && user.organisationId !== undefined);

/**
 * The organisation a commitment or a request is made for: a partner's own, which it cannot change, or
 * any the coordinator picks.
 */
export function actingOrganisation(user: User): { fixed: string } | { choose: true } | undefined {
  if (isCoordinating(fundingActor(user))) return { choose: true };
  if (user.role === 'partner' && user.organisationId) return { fixed: user.organisationId };
  return undefined;
}

export const mayApprove = (state: FundingState, user: User, request: number) =>
  refusal(() => approveDisbursement(state, request, {}, context(user))) === undefined;

export const mayPay = (state: FundingState, user: User, request: number) =>
  refusal(() => payDisbursement(state, request, { paidOn: '2000-01-01', reference: '-' }, context(user))) ===
  undefined;

export const mayReceive = (state: FundingState, user: User, commitment: number) =>
  refusal(() =>
    recordReceipt(state, { commitment, amount: 1, receivedOn: '2000-01-01', reference: '-' }, context(user)),
  ) === undefined;

// The service checks the supplier against the registry; any registered one tells whether this user may spend.
const registeredSupplier = 'registered-supplier';
export const maySpend = (state: FundingState, user: User, payment: number) =>
  refusal(() =>
    recordExpenditure(
      state,
      {
        payment,
        amount: 1,
        spentOn: '2000-01-01',
        receivingOrganisationId: registeredSupplier,
        evidence: { reference: '-', description: '-' },
      },
      context(user, new Map([[registeredSupplier, 'business']])),
    ),
  ) === undefined;

/** Why an entry cannot be reversed now (e.g. money was drawn on it), or undefined when it can. */
export const reversalRefusal = (state: FundingState, user: User, entry: number) =>
  refusal(() => reverseEntry(state, entry, { reason: 'checked by the web before asking' }, context(user)));
