/** Formats a latency in milliseconds with the locale's digits and separators: `12,3 ms` in `id`, `12.3 ms` in `en`. */
export function formatLatency(latencyMs: number, locale: string): string {
  return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(latencyMs)} ms`;
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
