import { commandPath, type FundingCommand } from './funding-api';

describe('the funding commands', () => {
  it('go to the api routes of the partnership’s funding', () => {
    const commands: Array<[FundingCommand, string]> = [
      [{ kind: 'plan', body: { mechanism: 'separate', lines: [] } }, 'plan'],
      [
        { kind: 'commitment', body: { contribution: { kind: 'cash', amount: 1 }, schedule: [] } },
        'commitments',
      ],
      [
        { kind: 'receipt', body: { commitment: 2, amount: 1, receivedOn: '2026-01-01', reference: 'x' } },
        'receipts',
      ],
      [
        {
          kind: 'request',
          body: { lineId: 'a', amount: 1, purpose: 'x', receivingOrganisationId: '64f000000000000000000001' },
        },
        'disbursements',
      ],
      [{ kind: 'approval', request: 5, body: {} }, 'disbursements/5/approvals'],
      [
        { kind: 'payment', request: 5, body: { paidOn: '2026-01-01', reference: 'x' } },
        'disbursements/5/payment',
      ],
      [
        {
          kind: 'expenditure',
          body: {
            payment: 8,
            amount: 1,
            spentOn: '2026-01-01',
            receivingOrganisationId: '64f000000000000000000001',
            evidence: { reference: 'x', description: 'y' },
          },
        },
        'expenditures',
      ],
      [{ kind: 'reversal', entry: 9, body: { reason: 'salah catat sekali' } }, 'entries/9/reversal'],
      [{ kind: 'release', trancheId: '4.2' }, 'tranches/4.2/release'],
    ];
    for (const [command, route] of commands)
      expect(commandPath('p/1', command)).toBe(`/partnerships/p%2F1/funding/${route}`);
  });
});
