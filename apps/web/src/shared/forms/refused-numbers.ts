/**
 * The form paths (`entries.2.interest`) holding a number its NumberField refused (NaN). A form's
 * `validate` adds them, so a refused value blocks sending whatever else the form checks; the field
 * itself says why.
 */
export function refusedNumberPaths(values: unknown, prefix = ''): string[] {
  if (typeof values === 'number') return Number.isNaN(values) ? [prefix] : [];
  if (values === null || typeof values !== 'object') return [];
  return Object.entries(values).flatMap(([key, value]) =>
    refusedNumberPaths(value, prefix ? `${prefix}.${key}` : key),
  );
}

/** `validate` errors for every refused number, with one message (the field shows its own hint in its place). */
export const refusedNumberErrors = (values: unknown, message: string): Record<string, string> =>
  Object.fromEntries(refusedNumberPaths(values).map((path) => [path, message]));
