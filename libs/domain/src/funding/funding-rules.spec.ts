import {
  commitmentInputSchema,
  ErrorCode,
  FundingEventType,
  type ProgressReport,
  type RequestDisbursementCommand,
} from '@mitra/contracts';
import {
  admin,
  auditor,
  cash,
  codeOf,
  coordinator,
  ctx,
  errorOf,
  fundedCommonFund,
  line,
  org,
  partnerOf,
  planInput,
  record,
  secondCoordinator,
} from './funding.fixtures';
import {
  approvalStatus,
  approveDisbursement,
  payDisbursement,
  recordCommitment,
  recordExpenditure,
  recordReceipt,
  releaseTranche,
  requestDisbursement,
  reverseEntry,
  setPlan,
} from './funding-rules';
import { emptyFundingState, potAvailable, type FundingState } from './funding-state';
import { fundingBalance } from './funding-views';

const request = (overrides: Partial<RequestDisbursementCommand['request']> = {}) => ({
  lineId: 'L1',
  amount: 10_000_000,
  purpose: 'Kelas gizi balita di 12 posyandu',
  receivingOrganisationId: org.vendor,
  ...overrides,
});
const payment = { paidOn: '2026-03-05', reference: 'SP2D-001' };
const evidence = {
  link: 'https://example.org/kuitansi-1.pdf',
  description: 'Kuitansi pembelian makanan tambahan',
};

/** A common fund request approved by two coordinators of two organisations. */
function approvedRequest(state: FundingState, amount = 10_000_000): number {
  const requested = record(state, requestDisbursement(state, request({ amount }), ctx(partnerOf(org.cso))));
  record(state, approveDisbursement(state, requested.sequence, {}, ctx(coordinator)));
  record(state, approveDisbursement(state, requested.sequence, {}, ctx(secondCoordinator)));
  return requested.sequence;
}

describe('the funding plan', () => {
  it('sets a common fund whose disbursements need two approvers from two organisations by default', () => {
    const state = emptyFundingState('p');
    const decision = setPlan(state, planInput(), ctx(coordinator));

    expect(decision.entry).toMatchObject({
      sequence: 1,
      kind: 'plan_set',
      plan: { version: 1, governance: { approvalsRequired: 2, distinctOrganisations: 2 } },
    });
    expect(decision.entry.kind === 'plan_set' && decision.entry.plan.organisationSectors).toEqual({
      [org.cso]: 'cso',
      [org.city]: 'government_regency',
    });
    expect(decision.events).toEqual([
      {
        type: FundingEventType.PlanSet,
        data: { version: 1, mechanism: 'common_fund', lines: 2, planned: 150_000_000 },
      },
    ]);
  });

  it('is set by coordinators only', () => {
    expect(codeOf(() => setPlan(emptyFundingState('p'), planInput(), ctx(partnerOf(org.city))))).toBe(
      ErrorCode.Forbidden,
    );
    expect(codeOf(() => setPlan(emptyFundingState('p'), planInput(), ctx(auditor)))).toBe(
      ErrorCode.Forbidden,
    );
    expect(errorOf(() => setPlan(emptyFundingState('p'), planInput(), ctx(auditor))).refusal).toEqual({
      code: 'access.coordinators_only',
    });
  });

  it('refuses an organisation the stakeholders registry does not know, naming the field', () => {
    const unknown = '64f0000000000000000000ff';
    const error = errorOf(() =>
      setPlan(
        emptyFundingState('p'),
        planInput({ lines: [line('L1'), line('L2', { responsibleOrganisationId: unknown })] }),
        ctx(coordinator),
      ),
    );
    expect(error).toMatchObject({
      code: ErrorCode.ValidationFailed,
      errors: [
        {
          field: 'plan.lines.1.responsibleOrganisationId',
          reason: 'is not an organisation in the stakeholders registry',
        },
      ],
    });
  });

  it('refuses lines that take one community institution past the PIPPK ceiling in a year, and allows the same in another year', () => {
    const ceilings = [{ sector: 'community' as const, maxPerOrganisationPerYear: 100_000_000 }];
    const rwLine = (id: string, amount: number, year = 2026) =>
      line(id, { amount, year, responsibleOrganisationId: org.rw });
    const over = errorOf(() =>
      setPlan(
        emptyFundingState('p'),
        planInput({ ceilings, lines: [rwLine('A', 60_000_000), rwLine('B', 40_000_001)] }),
        ctx(coordinator),
      ),
    );
    expect(over).toMatchObject({
      code: ErrorCode.ValidationFailed,
      errors: [{ field: 'plan.lines.1.amount' }],
    });
    expect((over.errors as Array<{ reason: string }>)[0].reason).toContain(
      'Rp 100.000.001, above the ceiling of Rp 100.000.000',
    );

    const spread = setPlan(
      emptyFundingState('p'),
      planInput({
        ceilings,
        lines: [rwLine('A', 60_000_000), rwLine('B', 60_000_000, 2027), line('C', { amount: 500_000_000 })],
      }),
      ctx(coordinator),
    );
    expect(spread.entry.kind).toBe('plan_set');
  });

  it('keeps the mechanism once money is received, and a line at least at what requests hold on it', () => {
    const state = fundedCommonFund([[org.company, 30_000_000]]);
    expect(
      codeOf(() =>
        setPlan(
          state,
          planInput({ mechanism: 'separate', fundHolderOrganisationId: undefined }),
          ctx(coordinator),
        ),
      ),
    ).toBe(ErrorCode.Conflict);

    record(state, requestDisbursement(state, request({ amount: 20_000_000 }), ctx(partnerOf(org.cso))));
    const cut = errorOf(() =>
      setPlan(state, planInput({ lines: [line('L1', { amount: 19_999_999 })] }), ctx(coordinator)),
    );
    expect(cut).toMatchObject({
      code: ErrorCode.Conflict,
      errors: [
        {
          field: 'plan.lines.0.amount',
          reason: 'must be at least Rp 20.000.000, already requested on the line',
        },
      ],
    });
    const dropped = errorOf(() => setPlan(state, planInput({ lines: [line('L2')] }), ctx(coordinator)));
    expect(dropped.errors).toEqual([
      {
        field: 'plan.lines',
        reason: 'must keep line L1: disbursements of Rp 20.000.000 were requested on it',
        code: 'funding.plan_drops_requested_line',
        params: { lineId: 'L1', used: 20_000_000 },
      },
    ]);

    const raised = setPlan(
      state,
      planInput({ lines: [line('L1', { amount: 200_000_000 })] }),
      ctx(coordinator),
    );
    expect(raised.entry).toMatchObject({ kind: 'plan_set', plan: { version: 2 } });
  });
});

describe('commitments', () => {
  const planned = () => {
    const state = emptyFundingState('p');
    record(state, setPlan(state, planInput(), ctx(coordinator)));
    return state;
  };

  it('are refused before there is a plan', () => {
    expect(
      codeOf(() => recordCommitment(emptyFundingState('p'), cash(org.company, 1), ctx(coordinator))),
    ).toBe(ErrorCode.Conflict);
  });

  it('are made by a partner only for its own organisation, never by an auditor', () => {
    const state = planned();
    const own = recordCommitment(
      state,
      { ...cash(org.company, 5_000_000), organisationId: undefined },
      ctx(partnerOf(org.company)),
    );
    expect(own.entry).toMatchObject({
      kind: 'commitment',
      organisationId: org.company,
      schedule: [{ id: '2.1', number: 1, amount: 5_000_000 }],
    });
    expect(
      codeOf(() => recordCommitment(state, cash(org.donor, 5_000_000), ctx(partnerOf(org.company)))),
    ).toBe(ErrorCode.Forbidden);
    expect(codeOf(() => recordCommitment(state, cash(org.company, 5_000_000), ctx(auditor)))).toBe(
      ErrorCode.Forbidden,
    );
  });

  it('raise funding.plan.committed with the first commitment only, for the Formation gate', () => {
    const state = planned();
    const first = recordCommitment(state, cash(org.company, 5_000_000), ctx(coordinator));
    expect(first.events.map((e) => e.type)).toEqual([
      FundingEventType.CommitmentRecorded,
      FundingEventType.PlanCommitted,
    ]);
    record(state, first);
    expect(
      recordCommitment(state, cash(org.donor, 5_000_000), ctx(coordinator)).events.map((e) => e.type),
    ).toEqual([FundingEventType.CommitmentRecorded]);
  });

  it('may be in kind, with a value estimate that is never received as money', () => {
    const state = planned();
    const inKind = commitmentInputSchema.parse({
      organisationId: org.cso,
      contribution: {
        kind: 'in_kind',
        description: 'Tenaga ahli gizi 2 orang selama 6 bulan',
        valueEstimate: 60_000_000,
      },
      schedule: [{ dueOn: '2026-06-30', amount: 60_000_000 }],
    });
    const entry = record(state, recordCommitment(state, inKind, ctx(coordinator)));
    expect(
      codeOf(() =>
        recordReceipt(
          state,
          { commitment: entry.sequence, amount: 1, receivedOn: '2026-07-01', reference: 'x' },
          ctx(coordinator),
        ),
      ),
    ).toBe(ErrorCode.Conflict);
  });
});

describe('receipts into the common fund', () => {
  it('are held by the fund holder, recorded by a coordinator or the fund holder but no other partner', () => {
    const state = emptyFundingState('p');
    record(state, setPlan(state, planInput(), ctx(coordinator)));
    const commitment = record(
      state,
      recordCommitment(state, cash(org.company, 50_000_000), ctx(coordinator)),
    );
    const receipt = {
      commitment: commitment.sequence,
      amount: 20_000_000,
      receivedOn: '2026-02-10',
      reference: 'TRF-1',
    };

    expect(codeOf(() => recordReceipt(state, receipt, ctx(partnerOf(org.company))))).toBe(
      ErrorCode.Forbidden,
    );
    const entry = record(state, recordReceipt(state, receipt, ctx(partnerOf(org.cso))));
    expect(entry).toMatchObject({
      pot: 'common',
      payerOrganisationId: org.company,
      receiverOrganisationId: org.cso,
    });
    expect(potAvailable(state, 'common')).toBe(20_000_000);
  });

  it('never exceed the commitment', () => {
    const state = fundedCommonFund([[org.company, 50_000_000]]);
    const error = errorOf(() =>
      recordReceipt(
        state,
        { commitment: 2, amount: 1, receivedOn: '2026-02-11', reference: 'TRF-2' },
        ctx(coordinator),
      ),
    );
    expect(error).toMatchObject({
      code: ErrorCode.Conflict,
      errors: [{ field: 'receipt.amount', reason: 'must be at most Rp 0' }],
    });
  });
});

describe('results-gated tranches', () => {
  const gated = () => {
    const state = emptyFundingState('p');
    record(state, setPlan(state, planInput(), ctx(coordinator)));
    const commitment = record(
      state,
      recordCommitment(
        state,
        cash(org.donor, 100_000_000, [
          { dueOn: '2026-01-15', amount: 40_000_000 },
          { dueOn: '2026-07-15', amount: 60_000_000, resultsGate: { periodNumber: 2 } },
        ]),
        ctx(coordinator),
      ),
    );
    return { state, commitment: commitment.sequence };
  };
  const report = (periodNumber: number, status: ProgressReport['status']): ProgressReport => ({
    id: `r${periodNumber}${status}`,
    periodNumber,
    organisationId: org.cso,
    revision: 1,
    status,
    values: [],
    narrative: 'Laporan',
    evidenceLinks: [],
    submittedAt: '2026-07-01T00:00:00.000Z',
    submittedBy: 'wakil',
  });

  it('hold back their money until monitoring has approved the period', () => {
    const { state, commitment } = gated();
    record(
      state,
      recordReceipt(
        state,
        { commitment, amount: 40_000_000, receivedOn: '2026-01-20', reference: 'A' },
        ctx(coordinator),
      ),
    );
    const early = errorOf(() =>
      recordReceipt(
        state,
        { commitment, amount: 60_000_000, receivedOn: '2026-07-20', reference: 'B' },
        ctx(coordinator),
      ),
    );
    expect(early.code).toBe(ErrorCode.Conflict);
    expect(early.message).toContain('tranches 2.2 (period 2)');

    expect(
      errorOf(() =>
        releaseTranche(state, '2.2', [report(2, 'submitted'), report(1, 'approved')], ctx(coordinator)),
      ).message,
    ).toContain('period 2');
    const released = releaseTranche(state, '2.2', [report(2, 'approved')], ctx(coordinator));
    expect(released.entry).toMatchObject({
      kind: 'tranche_release',
      trancheId: '2.2',
      periodNumber: 2,
      reportIds: ['r2approved'],
    });
    expect(released.events[0]).toMatchObject({
      type: FundingEventType.TrancheReleased,
      data: { amount: 60_000_000 },
    });
    record(state, released);
    expect(
      recordReceipt(
        state,
        { commitment, amount: 60_000_000, receivedOn: '2026-07-20', reference: 'B' },
        ctx(coordinator),
      ).entry.kind,
    ).toBe('receipt');
  });

  it('are released once, by a coordinator, and only when tied to results', () => {
    const { state } = gated();
    expect(
      codeOf(() => releaseTranche(state, '2.2', [report(2, 'approved')], ctx(partnerOf(org.donor)))),
    ).toBe(ErrorCode.Forbidden);
    expect(codeOf(() => releaseTranche(state, '2.1', [report(2, 'approved')], ctx(coordinator)))).toBe(
      ErrorCode.Conflict,
    );
    expect(codeOf(() => releaseTranche(state, '2.3', [], ctx(coordinator)))).toBe(ErrorCode.NotFound);
    record(state, releaseTranche(state, '2.2', [report(2, 'approved')], ctx(coordinator)));
    expect(codeOf(() => releaseTranche(state, '2.2', [report(2, 'approved')], ctx(coordinator)))).toBe(
      ErrorCode.Conflict,
    );
  });

  it('may name whose report releases them', () => {
    const state = emptyFundingState('p');
    record(state, setPlan(state, planInput(), ctx(coordinator)));
    record(
      state,
      recordCommitment(
        state,
        cash(org.donor, 10, [
          { dueOn: '2026-07-15', amount: 10, resultsGate: { periodNumber: 1, organisationId: org.city } },
        ]),
        ctx(coordinator),
      ),
    );
    expect(codeOf(() => releaseTranche(state, '2.1', [report(1, 'approved')], ctx(coordinator)))).toBe(
      ErrorCode.Conflict,
    );
  });
});

describe('disbursement requests', () => {
  it('never ask for more than the fund holds', () => {
    const state = fundedCommonFund([[org.company, 30_000_000]]);
    const error = errorOf(() =>
      requestDisbursement(state, request({ amount: 30_000_001 }), ctx(partnerOf(org.cso))),
    );
    expect(error).toMatchObject({
      code: ErrorCode.Conflict,
      message: 'The request exceeds what the fund holds (Rp 30.000.000 available).',
    });
  });

  it('never ask for more than the budget line has left, counting earlier requests', () => {
    const state = fundedCommonFund([[org.company, 300_000_000]]);
    record(
      state,
      requestDisbursement(state, request({ lineId: 'L2', amount: 30_000_000 }), ctx(partnerOf(org.cso))),
    );
    const error = errorOf(() =>
      requestDisbursement(state, request({ lineId: 'L2', amount: 20_000_001 }), ctx(partnerOf(org.cso))),
    );
    expect(error).toMatchObject({
      code: ErrorCode.Conflict,
      errors: [{ field: 'request.amount', reason: 'must be at most Rp 20.000.000' }],
    });
  });

  it('lose the race for the last Rupiah when decided again on the ledger the winner extended', () => {
    const state = fundedCommonFund([[org.company, 10_000_000]]);
    const first = requestDisbursement(state, request(), ctx(partnerOf(org.cso)));
    const second = requestDisbursement(state, request(), ctx(partnerOf(org.cso, 'wakil-lain')));
    expect(second.entry.sequence).toBe(first.entry.sequence);
    record(state, first);
    expect(codeOf(() => requestDisbursement(state, request(), ctx(partnerOf(org.cso, 'wakil-lain'))))).toBe(
      ErrorCode.Conflict,
    );
  });

  it('draw the oldest receipts first, so each Rupiah knows where it came from', () => {
    const state = fundedCommonFund([
      [org.company, 6_000_000],
      [org.donor, 8_000_000],
    ]);
    const first = record(
      state,
      requestDisbursement(state, request({ amount: 5_000_000 }), ctx(partnerOf(org.cso))),
    );
    const second = record(
      state,
      requestDisbursement(state, request({ amount: 4_000_000 }), ctx(partnerOf(org.cso))),
    );
    expect(first).toMatchObject({ allocations: [{ receipt: 3, amount: 5_000_000 }] });
    expect(second).toMatchObject({
      allocations: [
        { receipt: 3, amount: 1_000_000 },
        { receipt: 5, amount: 3_000_000 },
      ],
    });
  });

  it('are made by a partner only for its own organisation; a coordinator names the requesting organisation', () => {
    const state = fundedCommonFund([[org.company, 30_000_000]]);
    expect(
      codeOf(() =>
        requestDisbursement(state, request({ requestingOrganisationId: org.city }), ctx(partnerOf(org.cso))),
      ),
    ).toBe(ErrorCode.Forbidden);
    expect(codeOf(() => requestDisbursement(state, request(), ctx(auditor)))).toBe(ErrorCode.Forbidden);
    expect(errorOf(() => requestDisbursement(state, request(), ctx(admin))).errors).toEqual([
      { field: 'request.requestingOrganisationId', reason: 'is required', code: 'required' },
    ]);
    expect(requestDisbursement(state, request(), ctx(coordinator)).entry).toMatchObject({
      requestingOrganisationId: org.city,
      payerOrganisationId: org.cso,
    });
  });

  it('never pay cash to a community institution when the plan forbids it', () => {
    const state = fundedCommonFund(
      [[org.company, 30_000_000]],
      planInput({ ceilings: [{ sector: 'community', maxPerOrganisationPerYear: 100_000_000 }] }),
    );
    const error = errorOf(() =>
      requestDisbursement(state, request({ receivingOrganisationId: org.rw }), ctx(coordinator)),
    );
    expect(error).toMatchObject({
      code: ErrorCode.ValidationFailed,
      errors: [{ field: 'request.receivingOrganisationId' }],
    });
  });

  it("in separate funding are paid by the line's own organisation, from its own money", () => {
    const plan = planInput({
      mechanism: 'separate',
      fundHolderOrganisationId: undefined,
      lines: [line('L1', { responsibleOrganisationId: org.company })],
    });
    const state = emptyFundingState('p');
    record(state, setPlan(state, plan, ctx(coordinator)));
    const commitment = record(
      state,
      recordCommitment(state, cash(org.company, 20_000_000), ctx(coordinator)),
    );
    const receipt = record(
      state,
      recordReceipt(
        state,
        { commitment: commitment.sequence, amount: 20_000_000, receivedOn: '2026-02-01', reference: 'R' },
        ctx(partnerOf(org.company)),
      ),
    );
    expect(receipt).toMatchObject({ pot: `org:${org.company}`, receiverOrganisationId: org.company });
    expect(
      errorOf(() => requestDisbursement(state, request({ payingOrganisationId: org.city }), ctx(coordinator)))
        .errors,
    ).toMatchObject([{ field: 'request.payingOrganisationId' }]);
    expect(requestDisbursement(state, request(), ctx(partnerOf(org.company))).entry).toMatchObject({
      pot: `org:${org.company}`,
      payerOrganisationId: org.company,
    });
  });

  it("in co-funding draw each partner's money up to its agreed share of the line", () => {
    const plan = planInput({
      mechanism: 'co_funding',
      fundHolderOrganisationId: undefined,
      shares: [
        { organisationId: org.company, percent: 60 },
        { organisationId: org.city, percent: 40 },
      ],
    });
    const state = emptyFundingState('p');
    record(state, setPlan(state, plan, ctx(coordinator)));
    for (const organisationId of [org.company, org.city]) {
      const commitment = record(
        state,
        recordCommitment(state, cash(organisationId, 100_000_000), ctx(coordinator)),
      );
      record(
        state,
        recordReceipt(
          state,
          { commitment: commitment.sequence, amount: 100_000_000, receivedOn: '2026-02-01', reference: 'R' },
          ctx(coordinator),
        ),
      );
    }
    expect(errorOf(() => requestDisbursement(state, request(), ctx(coordinator))).errors).toMatchObject([
      { field: 'request.payingOrganisationId', reason: expect.stringContaining('required') },
    ]);
    const over = errorOf(() =>
      requestDisbursement(
        state,
        request({ payingOrganisationId: org.city, amount: 40_000_001 }),
        ctx(coordinator),
      ),
    );
    expect(over).toMatchObject({
      code: ErrorCode.Conflict,
      errors: [{ field: 'request.amount', reason: 'must be at most Rp 40.000.000' }],
    });
    expect(
      requestDisbursement(
        state,
        request({ payingOrganisationId: org.company, amount: 60_000_000 }),
        ctx(coordinator),
      ).entry,
    ).toMatchObject({ pot: `org:${org.company}` });
  });
});

describe('approvals and payments', () => {
  it('refuse the requester approving its own request, and a partner approving at all', () => {
    const state = fundedCommonFund([[org.company, 30_000_000]]);
    const requested = record(state, requestDisbursement(state, request(), ctx(coordinator)));
    expect(errorOf(() => approveDisbursement(state, requested.sequence, {}, ctx(coordinator)))).toMatchObject(
      { code: ErrorCode.Forbidden, message: 'The requester may not approve its own request.' },
    );
    expect(
      codeOf(() => approveDisbursement(state, requested.sequence, {}, ctx(partnerOf(org.company)))),
    ).toBe(ErrorCode.Forbidden);
    expect(codeOf(() => approveDisbursement(state, requested.sequence, {}, ctx(auditor)))).toBe(
      ErrorCode.Forbidden,
    );
  });

  it("count, for the two-organisation rule, neither the requester's organisation nor one person twice", () => {
    const state = fundedCommonFund([[org.company, 30_000_000]]);
    const requested = record(state, requestDisbursement(state, request(), ctx(partnerOf(org.company))));
    const sameOrg = {
      userId: 'koordinator-csr-2',
      role: 'coordinator' as const,
      organisationId: org.company,
    };
    const first = approveDisbursement(state, requested.sequence, {}, ctx(sameOrg));
    expect(first.events).toEqual([]);
    record(state, first);
    record(state, approveDisbursement(state, requested.sequence, {}, ctx(coordinator)));
    expect(codeOf(() => approveDisbursement(state, requested.sequence, {}, ctx(coordinator)))).toBe(
      ErrorCode.Conflict,
    );
    const governance = { approvalsRequired: 2, distinctOrganisations: 2 };
    expect(approvalStatus(governance, state.requests.get(requested.sequence)!)).toEqual({
      approvals: 2,
      organisations: 1,
      satisfied: false,
    });
    expect(errorOf(() => payDisbursement(state, requested.sequence, payment, ctx(admin))).message).toBe(
      "The request needs 2 approval(s) from 2 organisation(s) other than the requester's; it has 2 from 1.",
    );

    const third = approveDisbursement(
      state,
      requested.sequence,
      {},
      ctx({ userId: 'lsm', role: 'coordinator', organisationId: org.donor }),
    );
    expect(third.events).toEqual([
      {
        type: FundingEventType.DisbursementApproved,
        data: { request: requested.sequence, approvers: ['koordinator-csr-2', 'koordinator', 'lsm'] },
      },
    ]);
    record(state, third);
    expect(payDisbursement(state, requested.sequence, payment, ctx(admin)).entry).toMatchObject({
      kind: 'payment',
      amount: 10_000_000,
      payerOrganisationId: org.cso,
      receiverOrganisationId: org.vendor,
    });
  });

  it('pay a request once, by a coordinator or the paying organisation', () => {
    const state = fundedCommonFund([[org.company, 30_000_000]]);
    const sequence = approvedRequest(state);
    expect(codeOf(() => payDisbursement(state, sequence, payment, ctx(partnerOf(org.company))))).toBe(
      ErrorCode.Forbidden,
    );
    record(state, payDisbursement(state, sequence, payment, ctx(partnerOf(org.cso))));
    expect(codeOf(() => payDisbursement(state, sequence, payment, ctx(coordinator)))).toBe(
      ErrorCode.Conflict,
    );
    expect(fundingBalance(state).total).toEqual({
      received: 30_000_000,
      reserved: 0,
      disbursed: 10_000_000,
      available: 20_000_000,
    });
  });
});

describe('expenditures', () => {
  it('spend at most what was paid, recorded by the payee or a coordinator', () => {
    const state = fundedCommonFund([[org.company, 30_000_000]]);
    const paid = record(state, payDisbursement(state, approvedRequest(state), payment, ctx(coordinator)));
    const spend = (amount: number) => ({
      payment: paid.sequence,
      amount,
      spentOn: '2026-03-10',
      receivingOrganisationId: org.company,
      evidence,
    });

    expect(codeOf(() => recordExpenditure(state, spend(1), ctx(partnerOf(org.cso))))).toBe(
      ErrorCode.Forbidden,
    );
    record(state, recordExpenditure(state, spend(7_000_000), ctx(partnerOf(org.vendor))));
    expect(errorOf(() => recordExpenditure(state, spend(3_000_001), ctx(coordinator))).errors).toEqual([
      {
        field: 'expenditure.amount',
        reason: 'must be at most Rp 3.000.000',
        code: 'funding.expenditure_exceeds_payment',
        params: { remaining: 3_000_000 },
      },
    ]);
    expect(errorOf(() => recordExpenditure(state, spend(3_000_001), ctx(coordinator))).refusal).toEqual({
      code: 'funding.expenditure_exceeds_payment',
      params: { remaining: 3_000_000 },
    });
    expect(codeOf(() => recordExpenditure(state, { ...spend(1), payment: 3 }, ctx(coordinator)))).toBe(
      ErrorCode.NotFound,
    );
  });
});

describe('reversals', () => {
  it('correct by a new entry that releases what the reversed request held', () => {
    const state = fundedCommonFund([[org.company, 30_000_000]]);
    const requested = record(
      state,
      requestDisbursement(state, request({ amount: 30_000_000 }), ctx(partnerOf(org.cso))),
    );
    expect(potAvailable(state, 'common')).toBe(0);
    const reversal = reverseEntry(
      state,
      requested.sequence,
      { reason: 'Salah baris anggaran' },
      ctx(coordinator),
    );
    expect(reversal.entry).toMatchObject({
      kind: 'reversal',
      reverses: requested.sequence,
      reversedKind: 'disbursement_request',
      amount: 30_000_000,
    });
    record(state, reversal);
    expect(potAvailable(state, 'common')).toBe(30_000_000);
    expect(
      codeOf(() =>
        reverseEntry(state, requested.sequence, { reason: 'Sekali lagi dibatalkan' }, ctx(coordinator)),
      ),
    ).toBe(ErrorCode.Conflict);
    expect(codeOf(() => approveDisbursement(state, requested.sequence, {}, ctx(secondCoordinator)))).toBe(
      ErrorCode.Conflict,
    );
  });

  it('undo the later entries first: a receipt a request draws on, a payment with expenditures', () => {
    const state = fundedCommonFund([[org.company, 30_000_000]]);
    const paid = record(state, payDisbursement(state, approvedRequest(state), payment, ctx(coordinator)));
    const spent = record(
      state,
      recordExpenditure(
        state,
        {
          payment: paid.sequence,
          amount: 1_000_000,
          spentOn: '2026-03-10',
          receivingOrganisationId: org.company,
          evidence,
        },
        ctx(coordinator),
      ),
    );
    expect(
      codeOf(() => reverseEntry(state, 3, { reason: 'Transfer salah rekening' }, ctx(coordinator))),
    ).toBe(ErrorCode.Conflict);
    expect(
      codeOf(() =>
        reverseEntry(state, paid.sequence, { reason: 'Transfer salah rekening' }, ctx(coordinator)),
      ),
    ).toBe(ErrorCode.Conflict);
    const undone = record(
      state,
      reverseEntry(state, spent.sequence, { reason: 'Kuitansi ganda tercatat' }, ctx(coordinator)),
    );
    expect(undone).toMatchObject({
      reversedKind: 'expenditure',
      amount: 1_000_000,
      payerOrganisationId: org.company,
      receiverOrganisationId: org.vendor,
    });
    expect(
      reverseEntry(state, paid.sequence, { reason: 'Transfer salah rekening' }, ctx(coordinator)).entry,
    ).toMatchObject({
      reversedKind: 'payment',
      payerOrganisationId: org.vendor,
      receiverOrganisationId: org.cso,
    });
  });

  it('are for coordinators, and never of a plan or of another reversal', () => {
    const state = fundedCommonFund([[org.company, 30_000_000]]);
    expect(codeOf(() => reverseEntry(state, 3, { reason: 'Transfer salah rekening' }, ctx(auditor)))).toBe(
      ErrorCode.Forbidden,
    );
    expect(codeOf(() => reverseEntry(state, 1, { reason: 'Rencana yang salah' }, ctx(coordinator)))).toBe(
      ErrorCode.Conflict,
    );
    expect(codeOf(() => reverseEntry(state, 99, { reason: 'Tidak ada entri ini' }, ctx(coordinator)))).toBe(
      ErrorCode.NotFound,
    );
    const reversal = record(
      state,
      reverseEntry(state, 3, { reason: 'Transfer salah rekening' }, ctx(coordinator)),
    );
    expect(
      codeOf(() =>
        reverseEntry(state, reversal.sequence, { reason: 'Membatalkan koreksi' }, ctx(coordinator)),
      ),
    ).toBe(ErrorCode.Conflict);
    expect(state.commitments.get(2)!.received).toBe(0);
  });
});
