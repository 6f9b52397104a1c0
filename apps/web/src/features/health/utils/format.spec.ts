import { formatLatency, isTranslatedDependencyName } from './format';

// Intl may put narrow no-break spaces where a plain space is expected.
const plain = (text: string) => text.replace(/\s/g, ' ');

describe('formatLatency', () => {
  it('uses Indonesian separators in id', () => {
    expect(plain(formatLatency(1234.567, 'id'))).toBe('1.234,6 ms');
    expect(plain(formatLatency(3, 'id'))).toBe('3,0 ms');
  });

  it('uses English separators in en', () => {
    expect(plain(formatLatency(1234.567, 'en'))).toBe('1,234.6 ms');
    expect(plain(formatLatency(0.42, 'en'))).toBe('0.4 ms');
  });
});

describe('isTranslatedDependencyName', () => {
  it('knows the dependencies of the health report', () => {
    expect(
      ['temporal', 'nats', 'database', 'stakeholders', 'agreements', 'funding', 'monitoring', 'worker'].every(
        isTranslatedDependencyName,
      ),
    ).toBe(true);
    expect(isTranslatedDependencyName('cache')).toBe(false);
  });
});
