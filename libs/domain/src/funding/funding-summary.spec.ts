import { commitmentInputSchema } from '@mitra/contracts';
import {
  cash,
  coordinator,
  ctx,
  line,
  org,
  partnerOf,
  planInput,
  record,
  secondCoordinator,
} from './funding.fixtures';
import {
  approveDisbursement,
  payDisbursement,
  recordCommitment,
  recordExpenditure,
  recordReceipt,
  requestDisbursement,
  reverseEntry,
  setPlan,
} from './funding-rules';
import { emptyFundingState, type FundingState } from './funding-state';
import { fundingSummary } from './funding-summary';
import { fundingBalance, fundingTrace } from './funding-views';

const evidence = { reference: 'Kuitansi 017/2026', description: 'Pembayaran beasiswa' };

/**
 * A common fund of Rp 100 juta (PT Rp 60 juta, donor Rp 40 juta, an NGO's experts in kind), three lines,
 * two paid requests on the CSR education line, one request held, one reversed.
 */
function scenario(): FundingState {
  const state = emptyFundingState('0123456789abcdef0123');
  const plan = planInput({
    lines: [
      line('L1', { activity: 'Kelas gizi balita', amount: 100_000_000, sdgTargets: ['2.2', '3.2'] }),
      line('L2', {
        activity: 'Beasiswa SMA',
        amount: 80_000_000,
        sdgTargets: ['4.1'],
        responsibleOrganisationId: org.company,
        source: { kind: 'csr', field: 'pendidikan' },
      }),
      line('L3', {
        activity: 'Sanitasi sekolah',
        amount: 80_000_000,
        year: 2027,
        sdgTargets: ['6.2'],
        responsibleOrganisationId: org.company,
        source: { kind: 'csr', field: 'lingkungan' },
      }),
    ],
  });
  record(state, setPlan(state, plan, ctx(coordinator))); // 1
  const schedule = [
    { dueOn: '2026-02-01', amount: 30_000_000 },
    { dueOn: '2027-02-01', amount: 30_000_000 },
  ];
  record(state, recordCommitment(state, cash(org.company, 60_000_000, schedule), ctx(coordinator))); // 2
  record(state, recordCommitment(state, cash(org.donor, 40_000_000), ctx(coordinator))); // 3
  const inKind = {
    organisationId: org.cso,
    contribution: { kind: 'in_kind', description: 'Tenaga ahli', valueEstimate: 10_000_000 },
    schedule: [{ dueOn: '2026-05-01', amount: 10_000_000 }],
  };
  record(state, recordCommitment(state, commitmentInputSchema.parse(inKind), ctx(coordinator))); // 4
  record(
    state,
    recordReceipt(
      state,
      { commitment: 2, amount: 60_000_000, receivedOn: '2026-02-10', reference: 'TRF-PT' },
      ctx(coordinator),
    ),
  ); // 5
  record(
    state,
    recordReceipt(
      state,
      { commitment: 3, amount: 40_000_000, receivedOn: '2026-02-12', reference: 'TRF-DONOR' },
      ctx(coordinator),
    ),
  ); // 6

  const paidRequest = (lineId: string, amount: number, paidOn: string) => {
    const requested = record(
      state,
      requestDisbursement(
        state,
        { lineId, amount, purpose: 'Pembayaran', receivingOrganisationId: org.vendor },
        ctx(partnerOf(org.cso)),
      ),
    );
    record(state, approveDisbursement(state, requested.sequence, {}, ctx(coordinator)));
    record(state, approveDisbursement(state, requested.sequence, {}, ctx(secondCoordinator)));
    return record(
      state,
      payDisbursement(state, requested.sequence, { paidOn, reference: 'SP2D' }, ctx(coordinator)),
    ).sequence;
  };
  const spend = (payment: number, amount: number, spentOn: string) =>
    record(
      state,
      recordExpenditure(
        state,
        { payment, amount, spentOn, receivingOrganisationId: org.rw, evidence },
        ctx(coordinator),
      ),
    );

  const a = paidRequest('L2', 50_000_000, '2026-03-01'); // 7–10
  spend(a, 20_000_000, '2026-03-10'); // 11
  spend(a, 10_000_000, '2027-01-05'); // 12
  const b = paidRequest('L2', 30_000_000, '2026-04-01'); // 13–16
  spend(b, 25_000_000, '2026-04-10'); // 17
  record(
    state,
    requestDisbursement(
      state,
      { lineId: 'L3', amount: 5_000_000, purpose: 'Uang muka', receivingOrganisationId: org.vendor },
      ctx(partnerOf(org.cso)),
    ),
  ); // 18
  const wrong = record(
    state,
    requestDisbursement(
      state,
      { lineId: 'L1', amount: 8_000_000, purpose: 'Salah', receivingOrganisationId: org.vendor },
      ctx(partnerOf(org.cso)),
    ),
  ); // 19
  record(
    state,
    reverseEntry(state, wrong.sequence, { reason: 'Diajukan pada baris yang salah' }, ctx(coordinator)),
  ); // 20
  return state;
}

describe('fundingSummary', () => {
  const summary = fundingSummary(scenario());

  it('adds up committed, received, held, disbursed and spent, leaving reversed entries out', () => {
    expect(summary.sequence).toBe(20);
    expect(summary.totals).toEqual({
      planned: 260_000_000,
      committed: 100_000_000,
      committedInKind: 10_000_000,
      received: 100_000_000,
      reserved: 5_000_000,
      disbursed: 80_000_000,
      available: 15_000_000,
      spent: 55_000_000,
    });
  });

  it('traces disbursed and spent money to the partner whose receipt paid it, oldest receipt first', () => {
    expect(summary.byPartner).toEqual([
      {
        organisationId: org.city,
        planned: 100_000_000,
        committed: 0,
        committedInKind: 0,
        received: 0,
        disbursed: 0,
        spent: 0,
      },
      {
        organisationId: org.company,
        planned: 160_000_000,
        committed: 60_000_000,
        committedInKind: 0,
        received: 60_000_000,
        disbursed: 60_000_000,
        spent: 40_000_000,
      },
      {
        organisationId: org.donor,
        planned: 0,
        committed: 40_000_000,
        committedInKind: 0,
        received: 40_000_000,
        disbursed: 20_000_000,
        spent: 15_000_000,
      },
      {
        organisationId: org.cso,
        planned: 0,
        committed: 0,
        committedInKind: 10_000_000,
        received: 0,
        disbursed: 0,
        spent: 0,
      },
    ]);
  });

  it('counts a line toward each SDG target it serves', () => {
    expect(summary.bySdgTarget).toEqual([
      { target: '2.2', planned: 100_000_000, reserved: 0, disbursed: 0, spent: 0 },
      { target: '3.2', planned: 100_000_000, reserved: 0, disbursed: 0, spent: 0 },
      { target: '4.1', planned: 80_000_000, reserved: 0, disbursed: 80_000_000, spent: 55_000_000 },
      { target: '6.2', planned: 80_000_000, reserved: 5_000_000, disbursed: 0, spent: 0 },
    ]);
  });

  it('puts money in the year of its date: lines by budget year, commitments by instalment, the rest when it moved', () => {
    expect(summary.byYear).toEqual([
      {
        year: 2026,
        planned: 180_000_000,
        committed: 70_000_000,
        received: 100_000_000,
        disbursed: 80_000_000,
        spent: 45_000_000,
      },
      {
        year: 2027,
        planned: 80_000_000,
        committed: 30_000_000,
        received: 0,
        disbursed: 0,
        spent: 10_000_000,
      },
    ]);
  });

  it('summarises CSR realisation per field and year with the number of distinct contributors', () => {
    expect(summary.csr).toEqual([
      { field: 'pendidikan', year: 2026, planned: 80_000_000, spent: 45_000_000, companies: 2 },
      { field: 'lingkungan', year: 2027, planned: 80_000_000, spent: 0, companies: 0 },
      { field: 'pendidikan', year: 2027, planned: 0, spent: 10_000_000, companies: 1 },
    ]);
  });

  it('gives the deviation of actual spending from the plan, per line and in total', () => {
    expect(summary.deviation).toMatchObject({
      planned: 260_000_000,
      spent: 55_000_000,
      deviation: -205_000_000,
      deviationRate: -0.7885,
    });
    expect(summary.deviation.lines.find((l) => l.lineId === 'L2')).toEqual({
      lineId: 'L2',
      activity: 'Beasiswa SMA',
      year: 2026,
      planned: 80_000_000,
      disbursed: 80_000_000,
      spent: 55_000_000,
      deviation: -25_000_000,
      deviationRate: -0.3125,
    });
  });

  it('is empty before a plan exists', () => {
    expect(fundingSummary(emptyFundingState('p')).deviation).toEqual({
      planned: 0,
      spent: 0,
      deviation: 0,
      deviationRate: null,
      lines: [],
    });
  });
});

describe('fundingTrace', () => {
  const state = scenario();

  it('follows every Rupiah of each receipt to where it is now', () => {
    const { flows } = fundingTrace(state);
    for (const receipt of [5, 6]) {
      const amount = flows.filter((f) => f.receipt === receipt).reduce((sum, f) => sum + f.amount, 0);
      expect(amount).toBe(receipt === 5 ? 60_000_000 : 40_000_000);
    }
    expect(flows.filter((f) => f.stage === 'held')).toEqual([
      {
        stage: 'held',
        amount: 15_000_000,
        organisationId: org.donor,
        commitment: 3,
        receipt: 6,
        holderOrganisationId: org.cso,
      },
    ]);
    expect(flows.some((f) => f.request === 19)).toBe(false);
  });

  it('shows the chain commitment → receipt → request → payment → expenditure behind one expenditure', () => {
    expect(fundingTrace(state, 17).flows).toEqual([
      {
        stage: 'spent',
        amount: 10_000_000,
        organisationId: org.company,
        commitment: 2,
        receipt: 5,
        request: 13,
        payment: 16,
        expenditure: 17,
        lineId: 'L2',
        holderOrganisationId: org.rw,
      },
      {
        stage: 'spent',
        amount: 15_000_000,
        organisationId: org.donor,
        commitment: 3,
        receipt: 6,
        request: 13,
        payment: 16,
        expenditure: 17,
        lineId: 'L2',
        holderOrganisationId: org.rw,
      },
    ]);
  });

  it('shows committed money not yet received', () => {
    const partly = emptyFundingState('p');
    record(partly, setPlan(partly, planInput(), ctx(coordinator)));
    record(partly, recordCommitment(partly, cash(org.company, 9_000_000), ctx(coordinator)));
    record(
      partly,
      recordReceipt(
        partly,
        { commitment: 2, amount: 4_000_000, receivedOn: '2026-02-01', reference: 'R' },
        ctx(coordinator),
      ),
    );
    expect(fundingTrace(partly).flows.map((f) => [f.stage, f.amount])).toEqual([
      ['committed', 5_000_000],
      ['held', 4_000_000],
    ]);
  });

  it('agrees with the balance of the pots', () => {
    expect(fundingBalance(state)).toMatchObject({
      pots: [
        {
          pot: 'common',
          holderOrganisationId: org.cso,
          received: 100_000_000,
          reserved: 5_000_000,
          disbursed: 80_000_000,
          available: 15_000_000,
        },
      ],
    });
  });
});
