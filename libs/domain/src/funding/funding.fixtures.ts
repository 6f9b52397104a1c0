// Test data for the funding rules' unit tests (imported by *.spec.ts only).
import {
  commitmentInputSchema,
  fundingPlanInputSchema,
  type Actor,
  type ErrorCode,
  type FundingPlanInput,
  type Instalment,
  type LedgerEntry,
  type MitraError,
  type Sector,
} from '@mitra/contracts';
import { emptyFundingState, applyEntry, type FundingState } from './funding-state';
import {
  recordCommitment,
  recordReceipt,
  setPlan,
  type FundingContext,
  type FundingDecision,
} from './funding-rules';

export const org = {
  city: '64f000000000000000000001',
  company: '64f000000000000000000002',
  donor: '64f000000000000000000003',
  rw: '64f000000000000000000004',
  vendor: '64f000000000000000000005',
  cso: '64f000000000000000000006',
} as const;

export const sectorsOf = new Map<string, Sector>([
  [org.city, 'government_regency'],
  [org.company, 'business'],
  [org.donor, 'international_donor'],
  [org.rw, 'community'],
  [org.vendor, 'business'],
  [org.cso, 'cso'],
]);

export const coordinator: Actor = { userId: 'koordinator', role: 'coordinator', organisationId: org.city };
export const secondCoordinator: Actor = {
  userId: 'koordinator-csr',
  role: 'coordinator',
  organisationId: org.company,
};
export const admin: Actor = { userId: 'admin', role: 'admin' };
export const auditor: Actor = { userId: 'auditor', role: 'auditor' };
export const partnerOf = (organisationId: string, userId = `wakil-${organisationId.slice(-1)}`): Actor => ({
  userId,
  role: 'partner',
  organisationId,
});

export const ctx = (actor: Actor, now = '2026-03-02T03:00:00.000Z'): FundingContext => ({
  actor,
  now,
  sectors: sectorsOf,
});

export function codeOf(fn: () => unknown): ErrorCode | undefined {
  try {
    fn();
  } catch (error) {
    return (error as { code?: ErrorCode }).code;
  }
  return undefined;
}

export function errorOf(fn: () => unknown): MitraError {
  try {
    fn();
  } catch (error) {
    return error as MitraError;
  }
  throw new Error('expected a refusal');
}

/** Applies a decision to the state, as the service does after storing it, and returns the entry. */
export function record(state: FundingState, decision: FundingDecision): LedgerEntry {
  applyEntry(state, decision.entry);
  return decision.entry;
}

export const line = (
  id: string,
  overrides: Partial<FundingPlanInput['lines'][number]> = {},
): FundingPlanInput['lines'][number] => ({
  id,
  activity: `Kegiatan ${id}`,
  amount: 100_000_000,
  year: 2026,
  sdgTargets: ['3.2'],
  responsibleOrganisationId: org.city,
  source: { kind: 'apbd' },
  ...overrides,
});

export const planInput = (overrides: Partial<FundingPlanInput> = {}) =>
  fundingPlanInputSchema.parse({
    mechanism: 'common_fund',
    fundHolderOrganisationId: org.cso,
    lines: [line('L1'), line('L2', { amount: 50_000_000 })],
    ...overrides,
  });

export const cash = (
  organisationId: string,
  amount: number,
  schedule: Instalment[] = [{ dueOn: '2026-02-01', amount }],
) => commitmentInputSchema.parse({ organisationId, contribution: { kind: 'cash', amount }, schedule });

/** A common fund with the given cash commitments, each received in full. */
export function fundedCommonFund(commitments: Array<[string, number]>, plan = planInput()): FundingState {
  const state = emptyFundingState('0123456789abcdef0123');
  record(state, setPlan(state, plan, ctx(coordinator)));
  for (const [organisationId, amount] of commitments) {
    const commitment = record(state, recordCommitment(state, cash(organisationId, amount), ctx(coordinator)));
    record(
      state,
      recordReceipt(
        state,
        {
          commitment: commitment.sequence,
          amount,
          receivedOn: '2026-02-10',
          reference: `TRF-${commitment.sequence}`,
        },
        ctx(coordinator),
      ),
    );
  }
  return state;
}
