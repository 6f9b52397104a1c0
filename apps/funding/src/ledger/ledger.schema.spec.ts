import { ledgerCollectionName } from './ledger.schema';

describe('ledgerCollectionName', () => {
  it('names a partnership’s own ledger collection', () => {
    expect(ledgerCollectionName('0123456789abcdef0123')).toBe('ledger_0123456789abcdef0123');
  });

  it('refuses anything but a partnership id, since the name comes from a request', () => {
    for (const bad of ['', 'outbox', '0123456789abcdef012', '0123456789abcdef0123.$cmd', '../system.users']) {
      expect(() => ledgerCollectionName(bad)).toThrow('not a partnership id');
    }
  });
});
