/** Indonesia's users read every time in Western Indonesia Time (WIB). */
export const jakartaTimeZone = 'Asia/Jakarta';

const toDate = (value: string | Date) => (value instanceof Date ? value : new Date(value));

function formatIn(value: string | Date, locale: string, options: Intl.DateTimeFormatOptions): string {
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(locale, { timeZone: jakartaTimeZone, ...options }).format(date);
}

/** `5 Jan 2026, 15.04.05` (id) / `Jan 5, 2026, 3:04:05 PM` (en) in WIB; the caller adds the WIB label. An invalid date comes back unchanged. */
export const formatJakartaDateTime = (value: string | Date, locale: string) =>
  formatIn(value, locale, { dateStyle: 'medium', timeStyle: 'medium' });

/** `5 Jan 2026, 15.04` (id) / `Jan 5, 2026, 3:04 PM` (en) in WIB. */
export const formatDateTime = (value: string | Date, locale: string) =>
  formatIn(value, locale, { dateStyle: 'medium', timeStyle: 'short' });

/** `5 Jan 2026` (id) / `Jan 5, 2026` (en): the calendar day in Jakarta. */
export const formatDate = (value: string | Date, locale: string) =>
  formatIn(value, locale, { dateStyle: 'medium' });

/** The Jakarta calendar day of an instant as `YYYY-MM-DD`, the form of date inputs and of the api's dates. */
export function jakartaDateOf(value: string | Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: jakartaTimeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(toDate(value));
}

/** A calendar day `YYYY-MM-DD` as people read it: `5 Jan 2026` (id) / `Jan 5, 2026` (en). */
export const formatCalendarDay = (day: string, locale: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(day) ? formatDate(`${day}T12:00:00+07:00`, locale) : day;

/** The Jakarta calendar day of an instant, as days since 1970-01-01. */
function jakartaDay(date: Date): number {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: jakartaTimeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day')) / 86_400_000;
}

/** Calendar days from `now` to `value` in Jakarta: 0 today, 1 tomorrow, −2 the day before yesterday. */
export function jakartaDaysUntil(value: string | Date, now: Date = new Date()): number {
  return jakartaDay(toDate(value)) - jakartaDay(now);
}

/** `dalam 3 hari`, `hari ini`, `kemarin` / `in 3 days`, `today`, `yesterday`, counted in Jakarta calendar days. */
export function formatRelativeDay(value: string | Date, locale: string, now: Date = new Date()): string {
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(jakartaDaysUntil(date, now), 'day');
}
