import { toFieldErrors } from '../common/validation';
import { recordReceiptCommandSchema } from './commands';
import { commitmentInputSchema, evidenceSchema } from './ledger';
import { fundingPlanInputSchema, type FundingPlanInput } from './plan';

const holder = '64f000000000000000000001';
const partner = '64f000000000000000000002';
const line: FundingPlanInput['lines'][number] = {
  id: 'L1',
  activity: 'Kelas gizi',
  amount: 1_000_000,
  year: 2026,
  sdgTargets: ['3.2'],
  responsibleOrganisationId: holder,
  source: { kind: 'apbd' },
};
const fieldErrors = (result: { success: boolean; error?: Parameters<typeof toFieldErrors>[0] }) =>
  result.error ? toFieldErrors(result.error).map(({ field, reason }) => ({ field, reason })) : [];
const plan = (overrides: Partial<FundingPlanInput>) =>
  fundingPlanInputSchema.safeParse({
    mechanism: 'common_fund',
    fundHolderOrganisationId: holder,
    lines: [line],
    ...overrides,
  });

describe('the funding plan contract', () => {
  it('asks a common fund for its holder, and no other mechanism', () => {
    expect(fieldErrors(plan({ fundHolderOrganisationId: undefined }))).toEqual([
      { field: 'fundHolderOrganisationId', reason: 'is required for a common fund' },
    ]);
    expect(fieldErrors(plan({ mechanism: 'separate' }))).toEqual([
      { field: 'fundHolderOrganisationId', reason: 'is only for a common fund' },
    ]);
  });

  it('asks co-funding for shares that add up to exactly 100%, to two decimals', () => {
    const coFunding = (shares: FundingPlanInput['shares']) =>
      plan({ mechanism: 'co_funding', fundHolderOrganisationId: undefined, shares });
    expect(
      coFunding([
        { organisationId: holder, percent: 33.33 },
        { organisationId: partner, percent: 66.67 },
      ]).success,
    ).toBe(true);
    expect(
      fieldErrors(
        coFunding([
          { organisationId: holder, percent: 60 },
          { organisationId: partner, percent: 30 },
        ]),
      ),
    ).toEqual([{ field: 'shares', reason: 'must add up to 100%' }]);
    expect(
      fieldErrors(
        coFunding([
          { organisationId: holder, percent: 50.005 },
          { organisationId: partner, percent: 49.995 },
        ]),
      ).map((e) => e.reason),
    ).toContain('must have at most two decimals');
  });

  it('asks CSR lines for their field and blended lines for their instrument', () => {
    const errors = fieldErrors(
      plan({
        lines: [
          { ...line, source: { kind: 'csr' } },
          { ...line, id: 'L2', source: { kind: 'blended', instrument: 'equity' } },
        ] as never,
      }),
    );
    expect(errors.map((e) => e.field)).toEqual(['lines.0.source.field', 'lines.1.source.instrument']);
  });

  it('takes Rupiah as positive safe integers only', () => {
    for (const amount of [0, -5, 1.5, 2 ** 53, '1000']) {
      expect(fieldErrors(plan({ lines: [{ ...line, amount } as never] })).map((e) => e.field)).toEqual([
        'lines.0.amount',
      ]);
    }
    expect(
      fieldErrors(
        plan({
          lines: [
            { ...line, amount: Number.MAX_SAFE_INTEGER },
            { ...line, id: 'L2', amount: 1 },
          ],
        }),
      ),
    ).toEqual([{ field: 'lines', reason: 'must add up to at most 9,007,199,254,740,991 Rupiah' }]);
  });
});

describe('the commitment contract', () => {
  it('needs instalments that add up to the amount, and results gates on cash only', () => {
    const cash = (schedule: unknown[]) =>
      commitmentInputSchema.safeParse({ contribution: { kind: 'cash', amount: 100 }, schedule });
    expect(
      cash([
        { dueOn: '2026-01-01', amount: 60 },
        { dueOn: '2026-07-01', amount: 40, resultsGate: { periodNumber: 2 } },
      ]).success,
    ).toBe(true);
    expect(fieldErrors(cash([{ dueOn: '2026-01-01', amount: 60 }]))).toEqual([
      { field: 'schedule', reason: 'instalments must add up to the amount committed' },
    ]);
    const inKind = commitmentInputSchema.safeParse({
      contribution: { kind: 'in_kind', description: 'Tenaga ahli', valueEstimate: 100 },
      schedule: [{ dueOn: '2026-01-01', amount: 100, resultsGate: { periodNumber: 1 } }],
    });
    expect(fieldErrors(inKind)).toEqual([
      { field: 'schedule.0.resultsGate', reason: 'only cash can be released on results' },
    ]);
  });
});

describe('the movement contracts', () => {
  it('refuse operators where an id or a number belongs', () => {
    const command = recordReceiptCommandSchema.safeParse({
      idempotencyKey: 'key-12345678',
      actor: { userId: 'u', role: 'coordinator' },
      partnershipId: { $gt: '' },
      receipt: { commitment: { $gt: 0 }, amount: 1, receivedOn: '2026-01-01', reference: 'R' },
    });
    expect(fieldErrors(command).map((e) => e.field)).toEqual(['partnershipId', 'receipt.commitment']);
  });

  it('want evidence with a link or a reference, and a description', () => {
    expect(fieldErrors(evidenceSchema.safeParse({ description: 'Kuitansi' }))).toEqual([
      { field: 'link', reason: 'give a link or a reference' },
    ]);
    expect(evidenceSchema.safeParse({ link: 'javascript:alert(1)', description: 'x' }).success).toBe(false);
  });
});
