import type { ChainVerification } from '@mitra/contracts';
import { parseArguments, progressBar, verificationLines } from './replay-partnerships';

describe('the replay command line', () => {
  it('takes --all or partnership ids, and a report file', () => {
    expect(parseArguments(['--all', '--json', 'laporan.json'])).toEqual({ all: true, ids: [], json: 'laporan.json' });
    expect(parseArguments(['0123456789abcdef0123'])).toEqual({ all: false, ids: ['0123456789abcdef0123'] });
    expect(parseArguments(['0123456789abcdef0123', '--verify'])).toEqual({ all: false, ids: ['0123456789abcdef0123'], verify: true });
    expect(() => parseArguments([])).toThrow('give --all or one or more partnership ids');
    expect(() => parseArguments(['--all', '0123456789abcdef0123'])).toThrow('give --all');
    expect(() => parseArguments(['$where'])).toThrow('not a partnership id or option: $where');
  });

  it('says whether the chain is intact and names each tampered record', () => {
    const verification: ChainVerification = {
      partnershipId: '0123456789abcdef0123',
      verifiedAt: '2026-03-01T00:00:00.000Z',
      intact: false,
      chain: { length: 3, head: 'h', checkpointed: 3, links: { decision: 1, ledgerEntry: 2, signature: 0 } },
      stored: { ledgerEntry: 2, signature: 0 },
      findings: [
        { problem: 'reordered', kind: 'ledgerEntry', recordId: 'p:1', seq: 2, linkedAs: 'p:2' },
        { problem: 'deleted', kind: 'ledgerEntry', recordId: 'p:3', seq: 3 },
      ],
    };
    expect(verificationLines(verification)).toEqual([
      '  chain TAMPERED  3 link(s) (1 decision(s), 2 ledger entr(ies), 0 signature(s)), 3 checkpointed',
      '  reordered ledgerEntry p:1 (link 2): holds what was linked as p:2',
      '  deleted ledgerEntry p:3 (link 3)',
    ]);
    expect(verificationLines({ ...verification, intact: true, findings: [] })[0]).toContain('chain intact');
  });

  it('draws the progress bar', () => {
    expect(progressBar(0, 4, 8)).toBe('[........] 0/4');
    expect(progressBar(2, 4, 8)).toBe('[####....] 2/4');
    expect(progressBar(4, 4, 8)).toBe('[########] 4/4');
  });
});
