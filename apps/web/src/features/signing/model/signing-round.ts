import type { SigningMode } from '@mitra/contracts';

/** Western Indonesia Time is UTC+7 all year (no daylight saving). */
const wibOffsetMs = 7 * 3_600_000;
const localInput = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * A `datetime-local` value (`2026-12-05T17:00`) read as a time in Jakarta, whatever the browser's own
 * time zone; undefined when it is no such value.
 */
export function fromJakartaInput(value: string): string | undefined {
  const match = localInput.exec(value.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, minute] = match.map(Number);
  const instant = new Date(Date.UTC(year, month - 1, day, hour, minute) - wibOffsetMs).toISOString();
  // Date.UTC rolls 31 February over into March: such a value was never a time.
  return toJakartaInput(instant) === value.trim() ? instant : undefined;
}

/** An instant as the `datetime-local` value that shows it in Jakarta. */
export const toJakartaInput = (instant: Date | string): string =>
  new Date(new Date(instant).getTime() + wibOffsetMs).toISOString().slice(0, 16);

/** `days` calendar days after `now` in Jakarta, at `hour`:00 WIB, as a `datetime-local` value. */
export function jakartaDayAt(now: Date, days: number, hour: number): string {
  const day = toJakartaInput(new Date(now.getTime() + days * 86_400_000)).slice(0, 10);
  return `${day}T${String(hour).padStart(2, '0')}:00`;
}

export interface OpenSigningValues {
  mode: SigningMode;
  /** `datetime-local` values in WIB. */
  dueAt: string;
  expiresAt: string;
}

/** A week to sign, reminders after it, and a second week before the round lapses; at close of office hours. */
export const defaultSigningValues = (now: Date): OpenSigningValues => ({
  mode: 'parallel',
  dueAt: jakartaDayAt(now, 7, 17),
  expiresAt: jakartaDayAt(now, 14, 17),
});

/**
 * The body of `POST /agreements/:id/signing-rounds`. An empty or unreadable time is left out, so the
 * api names it; no due date means due at the expiry.
 */
export function toOpenSigningInput(versionNumber: number, values: OpenSigningValues) {
  const expiresAt = fromJakartaInput(values.expiresAt);
  const dueAt = fromJakartaInput(values.dueAt);
  return {
    versionNumber,
    mode: values.mode,
    ...(expiresAt ? { expiresAt } : {}),
    ...(dueAt ? { dueAt } : {}),
  };
}
