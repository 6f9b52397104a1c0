/** Formats a latency in milliseconds with the locale's digits and separators: `12,3 ms` in `id`, `12.3 ms` in `en`. */
export function formatLatency(latencyMs: number, locale: string): string {
  return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(latencyMs)} ms`;
}

export const jakartaTimeZone = 'Asia/Jakarta';

/**
 * Formats an ISO instant as a date and time in Western Indonesia Time (WIB); the caller adds the WIB label.
 * Returns the input unchanged if it is not a valid date.
 */
export function formatJakartaDateTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    timeZone: jakartaTimeZone,
    dateStyle: 'medium',
    timeStyle: 'medium',
  }).format(date);
}

/** Dependencies whose names are translated; any other name is shown as the api sends it. */
export const translatedDependencyNames = [
  'temporal',
  'nats',
  'database',
  'stakeholders',
  'agreements',
  'funding',
  'monitoring',
  'worker',
] as const;
export type TranslatedDependencyName = (typeof translatedDependencyNames)[number];

export function isTranslatedDependencyName(name: string): name is TranslatedDependencyName {
  return (translatedDependencyNames as readonly string[]).includes(name);
}
