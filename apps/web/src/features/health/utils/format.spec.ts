import { formatJakartaDateTime, formatLatency, isTranslatedDependencyName } from './format';

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

describe('formatJakartaDateTime', () => {
  // 08:04:05 UTC is 15:04:05 in Jakarta (UTC+7, no daylight saving).
  const instant = '2026-01-05T08:04:05.000Z';

  it('formats in the Asia/Jakarta time zone for id', () => {
    expect(plain(formatJakartaDateTime(instant, 'id'))).toBe('5 Jan 2026, 15.04.05');
  });

  it('formats in the Asia/Jakarta time zone for en', () => {
    expect(plain(formatJakartaDateTime(instant, 'en'))).toBe('Jan 5, 2026, 3:04:05 PM');
  });

  it('moves to the next day in Jakarta when it is still the evening before in UTC', () => {
    expect(plain(formatJakartaDateTime('2025-12-31T20:00:00Z', 'id'))).toBe('1 Jan 2026, 03.00.00');
  });

  it('returns an invalid date unchanged', () => {
    expect(formatJakartaDateTime('not a date', 'id')).toBe('not a date');
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
