import type { ChainVerification } from '@mitra/contracts';
import { chainVerdict, findingRows } from './chain-verification';

const clean: ChainVerification = {
  partnershipId: '0123456789abcdef0123',
  verifiedAt: '2026-03-01T02:00:00.000Z',
  intact: true,
  chain: { length: 3, head: 'h', checkpointed: 3, links: { decision: 1, ledgerEntry: 1, signature: 1 } },
  stored: { ledgerEntry: 1, signature: 1 },
  findings: [],
};

describe("the auditor's view of the chain check", () => {
  it('is intact only when every record is linked and every link checkpointed', () => {
    expect(chainVerdict(clean)).toBe('intact');
    expect(chainVerdict({ ...clean, chain: { ...clean.chain, checkpointed: 2 } })).toBe('pending');
    expect(
      chainVerdict({
        ...clean,
        findings: [{ problem: 'notYetLinked', kind: 'ledgerEntry', recordId: 'p:2' }],
      }),
    ).toBe('pending');
    expect(
      chainVerdict({
        ...clean,
        intact: false,
        findings: [{ problem: 'deleted', kind: 'ledgerEntry', recordId: 'p:1', seq: 2 }],
      }),
    ).toBe('tampered');
  });

  it('lists tampered records before those still waiting for their link', () => {
    const rows = findingRows({
      ...clean,
      intact: false,
      findings: [
        { problem: 'notYetLinked', kind: 'ledgerEntry', recordId: 'p:9' },
        { problem: 'edited', kind: 'signature', recordId: 'a:r1:o', seq: 3 },
        { problem: 'deleted', kind: 'ledgerEntry', recordId: 'p:1', seq: 2 },
      ],
    });
    expect(rows.map((row) => row.recordId)).toEqual(['a:r1:o', 'p:1', 'p:9']);
  });
});
