import {
  formatCalendarDay,
  formatDate,
  formatDateTime,
  formatJakartaDateTime,
  formatRelativeDay,
  jakartaDateOf,
  jakartaDaysUntil,
} from './date';
import { formatRupiah } from './money';

// Intl may put narrow no-break spaces where a plain space is expected.
const plain = (text: string) => text.replace(/\s/g, ' ');

describe('formatRupiah', () => {
  it('writes Rupiah with dots between thousands and a no-break space after Rp', () => {
    expect(formatRupiah(1_250_000)).toBe('Rp\u00a01.250.000');
    expect(formatRupiah(0)).toBe('Rp\u00a00');
    expect(formatRupiah(999_999_999_999)).toBe('Rp\u00a0999.999.999.999');
  });

  it('shows no cents', () => {
    expect(formatRupiah(1_250_000.6)).toBe('Rp\u00a01.250.001');
  });

  it('writes a negative amount and a bigint', () => {
    expect(formatRupiah(-1_250_000)).toBe('-Rp\u00a01.250.000');
    expect(formatRupiah(12_000_000_000_000_000n)).toBe('Rp\u00a012.000.000.000.000.000');
  });
});

describe('Jakarta dates', () => {
  // 08:04:05 UTC is 15:04:05 in Jakarta (UTC+7, no daylight saving).
  const instant = '2026-01-05T08:04:05.000Z';

  it('formats date and time in WIB', () => {
    expect(plain(formatJakartaDateTime(instant, 'id'))).toBe('5 Jan 2026, 15.04.05');
    expect(plain(formatJakartaDateTime(instant, 'en'))).toBe('Jan 5, 2026, 3:04:05 PM');
    expect(plain(formatDateTime(instant, 'id'))).toBe('5 Jan 2026, 15.04');
    expect(plain(formatDateTime(instant, 'en'))).toBe('Jan 5, 2026, 3:04 PM');
  });

  it('moves to the next day in Jakarta when it is still the evening before in UTC', () => {
    expect(plain(formatJakartaDateTime('2025-12-31T20:00:00Z', 'id'))).toBe('1 Jan 2026, 03.00.00');
    expect(formatDate('2025-12-31T20:00:00Z', 'id')).toBe('1 Jan 2026');
    expect(formatDate('2025-12-31T20:00:00Z', 'en')).toBe('Jan 1, 2026');
  });

  it('gives the Jakarta calendar day of an instant, and reads a calendar day back in words', () => {
    expect(jakartaDateOf('2025-12-31T20:00:00Z')).toBe('2026-01-01');
    expect(formatCalendarDay('2026-01-01', 'id')).toBe('1 Jan 2026');
    expect(formatCalendarDay('2026-01-01', 'en')).toBe('Jan 1, 2026');
  });

  it('returns an invalid date unchanged', () => {
    expect(formatJakartaDateTime('not a date', 'id')).toBe('not a date');
    expect(formatRelativeDay('not a date', 'id')).toBe('not a date');
  });

  it('counts calendar days in Jakarta, not 24-hour spans', () => {
    const now = new Date('2026-01-05T16:30:00Z'); // 23:30 WIB on 5 January
    expect(jakartaDaysUntil('2026-01-05T17:30:00Z', now)).toBe(1); // 00:30 WIB on the 6th: tomorrow
    expect(jakartaDaysUntil('2026-01-04T17:00:00Z', now)).toBe(0); // 00:00 WIB on the 5th: today
    expect(jakartaDaysUntil('2026-01-02T10:00:00Z', now)).toBe(-3);
  });

  it('says when in words', () => {
    const now = new Date('2026-01-05T03:00:00Z');
    expect(formatRelativeDay('2026-01-08T03:00:00Z', 'id', now)).toBe('dalam 3 hari');
    expect(formatRelativeDay('2026-01-05T09:00:00Z', 'id', now)).toBe('hari ini');
    expect(formatRelativeDay('2026-01-04T03:00:00Z', 'id', now)).toBe('kemarin');
    expect(formatRelativeDay('2026-01-06T03:00:00Z', 'en', now)).toBe('tomorrow');
    expect(formatRelativeDay('2026-01-01T03:00:00Z', 'en', now)).toBe('4 days ago');
  });
});
