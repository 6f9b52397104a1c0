import { type Actor, type LedgerEntry, type Sector } from '@mitra/contracts';
import {
  applyEntry,
  approveDisbursement,
  emptyFundingState,
  payDisbursement,
  recordCommitment,
  recordExpenditure,
  recordReceipt,
  requestDisbursement,
  setPlan,
  type FundingDecision,
  type FundingState,
} from '@mitra/domain';
import {
  mayApprove,
  mayCoordinate,
  mayPay,
  mayReceive,
  mayRecord,
  maySpend,
  reversalRefusal,
  actingOrganisation,
} from './permissions';
import { disbursementRequests, paymentsToAccountFor, receivableCommitments } from './requests';

// A common fund held by the Forum CSR, as the funding service would build it entry by entry.
const org = {
  city: '64f000000000000000000001',
  forum: '64f000000000000000000002',
  lpm: '64f000000000000000000004',
  vendor: '64f000000000000000000005',
};
const sectors = new Map<string, Sector>([
  [org.city, 'government_regency'],
  [org.forum, 'business'],
  [org.lpm, 'community'],
  [org.vendor, 'business'],
]);
const user = (id: string, role: Actor['role'], organisationId?: string) => ({ id, role, organisationId });
const coordinator = user('koordinator', 'coordinator', org.city);
const treasurer = user('bendahara-forum', 'coordinator', org.forum);
const forumRep = user('wakil-forum', 'partner', org.forum);
const lpmRep = user('wakil-lpm', 'partner', org.lpm);
const auditor = user('auditor', 'auditor');

const ctx = (who: { id: string; role: Actor['role']; organisationId?: string }) => ({
  actor: {
    userId: who.id,
    role: who.role,
    ...(who.organisationId ? { organisationId: who.organisationId } : {}),
  },
  now: '2026-11-03T03:00:00.000Z',
  sectors,
});
const record = (state: FundingState, decision: FundingDecision): LedgerEntry => {
  applyEntry(state, decision.entry);
  return decision.entry;
};

function fundedCommonFund() {
  const state = emptyFundingState('0123456789abcdef0123');
  record(
    state,
    setPlan(
      state,
      {
        mechanism: 'common_fund',
        fundHolderOrganisationId: org.forum,
        ceilings: [],
        lines: [
          {
            id: 'bank-sampah',
            activity: 'Bank sampah di setiap RW',
            amount: 450_000_000,
            year: 2026,
            sdgTargets: ['11.6'],
            responsibleOrganisationId: org.lpm,
            source: { kind: 'csr', field: 'lingkungan' },
          },
        ],
      },
      ctx(coordinator),
    ),
  );
  const cash = record(
    state,
    recordCommitment(
      state,
      {
        contribution: { kind: 'cash', amount: 300_000_000 },
        schedule: [{ dueOn: '2026-11-01', amount: 300_000_000 }],
      },
      ctx(forumRep),
    ),
  );
  record(
    state,
    recordCommitment(
      state,
      {
        contribution: { kind: 'in_kind', description: 'Kader lingkungan', valueEstimate: 50_000_000 },
        schedule: [{ dueOn: '2026-11-01', amount: 50_000_000 }],
      },
      ctx(lpmRep),
    ),
  );
  const receipt = record(
    state,
    recordReceipt(
      state,
      { commitment: cash.sequence, amount: 200_000_000, receivedOn: '2026-11-03', reference: 'TRF-1' },
      ctx(coordinator),
    ),
  );
  return { state, cash: cash.sequence, receipt: receipt.sequence };
}

const requestBy = (state: FundingState, who: typeof coordinator, amount = 75_000_000) =>
  record(
    state,
    requestDisbursement(
      state,
      {
        lineId: 'bank-sampah',
        amount,
        purpose: 'Timbangan dan gerobak',
        receivingOrganisationId: org.vendor,
      },
      ctx(who),
    ),
  ).sequence;

describe('who may do what with the money, by the service’s own rules', () => {
  it('lets coordinators set the plan and approve, partners record for their own organisation, auditors nothing', () => {
    expect([coordinator, forumRep, auditor].map(mayCoordinate)).toEqual([true, false, false]);
    expect([coordinator, forumRep, auditor].map(mayRecord)).toEqual([true, true, false]);
    expect(actingOrganisation(forumRep)).toEqual({ fixed: org.forum });
    expect(actingOrganisation(coordinator)).toEqual({ choose: true });
    expect(actingOrganisation(auditor)).toBeUndefined();
    expect(actingOrganisation(user('x', 'partner'))).toBeUndefined();
  });

  it('offers receipts into the common fund to coordinators and the fund holder, for cash still receivable', () => {
    const { state, cash } = fundedCommonFund();
    expect(receivableCommitments(state)).toEqual([
      { sequence: cash, organisationId: org.forum, receivable: 100_000_000 },
    ]);
    expect([coordinator, forumRep, lpmRep, auditor].map((who) => mayReceive(state, who, cash))).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('needs two approvers of two organisations besides the requester’s, and shows who approved', () => {
    const { state } = fundedCommonFund();
    const request = requestBy(state, lpmRep);
    expect(disbursementRequests(state)[0]).toMatchObject({
      sequence: request,
      status: 'awaiting',
      requestingOrganisationId: org.lpm,
      payerOrganisationId: org.forum,
      approvalsMissing: 2,
      organisationsMissing: 2,
      approvals: [],
    });
    expect(
      [lpmRep, forumRep, auditor, coordinator, treasurer].map((who) => mayApprove(state, who, request)),
    ).toEqual([false, false, false, true, true]);
    expect(mayPay(state, coordinator, request)).toBe(false);

    record(state, approveDisbursement(state, request, {}, ctx(coordinator)));
    expect(mayApprove(state, coordinator, request)).toBe(false);
    expect(mayApprove(state, treasurer, request)).toBe(true);
    expect(disbursementRequests(state)[0]).toMatchObject({
      status: 'awaiting',
      approvalsMissing: 1,
      organisationsMissing: 1,
      approvals: [{ by: { userId: coordinator.id }, organisationId: org.city }],
    });

    record(state, approveDisbursement(state, request, {}, ctx(treasurer)));
    expect(disbursementRequests(state)[0]).toMatchObject({
      status: 'approved',
      approvalsMissing: 0,
      organisationsMissing: 0,
    });
    expect(disbursementRequests(state)[0].approvals.map((a) => a.organisationId)).toEqual([
      org.city,
      org.forum,
    ]);
    // The fund holder pays, or a coordinator; not the requesting partner.
    expect([coordinator, forumRep, lpmRep].map((who) => mayPay(state, who, request))).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('never offers approval to the one who requested', () => {
    const { state } = fundedCommonFund();
    const request = requestBy(state, coordinator);
    expect(mayApprove(state, coordinator, request)).toBe(false);
    expect(mayApprove(state, treasurer, request)).toBe(true);
  });

  it('follows a payment until its expenditures account for it, and reverses only what nothing builds on', () => {
    const { state, receipt } = fundedCommonFund();
    const request = requestBy(state, lpmRep);
    record(state, approveDisbursement(state, request, {}, ctx(coordinator)));
    record(state, approveDisbursement(state, request, {}, ctx(treasurer)));
    const payment = record(
      state,
      payDisbursement(state, request, { paidOn: '2026-11-20', reference: 'SP-1' }, ctx(coordinator)),
    ).sequence;
    expect(disbursementRequests(state)[0]).toMatchObject({
      status: 'paid',
      payment: { sequence: payment, reference: 'SP-1' },
    });
    expect(paymentsToAccountFor(state)).toEqual([
      {
        sequence: payment,
        request,
        lineId: 'bank-sampah',
        amount: 75_000_000,
        left: 75_000_000,
        receiverOrganisationId: org.vendor,
      },
    ]);
    expect([coordinator, lpmRep, auditor].map((who) => maySpend(state, who, payment))).toEqual([
      true,
      false,
      false,
    ]);

    const spent = record(
      state,
      recordExpenditure(
        state,
        {
          payment,
          amount: 75_000_000,
          spentOn: '2026-11-25',
          receivingOrganisationId: org.vendor,
          evidence: { reference: 'BAST 1', description: 'Serah terima timbangan' },
        },
        ctx(coordinator),
      ),
    ).sequence;
    expect(paymentsToAccountFor(state)).toEqual([]);
    expect(disbursementRequests(state)[0].spent).toBe(75_000_000);

    expect(reversalRefusal(state, coordinator, spent)).toBeUndefined();
    expect(reversalRefusal(state, coordinator, receipt)?.message).toMatch(
      /reverse the disbursement requests/,
    );
    expect(reversalRefusal(state, coordinator, payment)?.message).toMatch(/reverse the expenditures/);
    expect(reversalRefusal(state, treasurer, 1)?.message).toMatch(/not reversible/);
    expect(reversalRefusal(state, lpmRep, spent)?.code).toBe('FORBIDDEN');
  });
});
