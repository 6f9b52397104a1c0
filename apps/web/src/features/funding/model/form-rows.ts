let rowCounter = 0;
/** A stable React key for a row of a form list (rows are added and removed). */
export const rowKey = () => `row-${++rowCounter}`;

/** What a blank form field holds: Mantine's number inputs give '' when empty. */
export type Blankable<T> = T | '';

/** Also a number its field refused (NaN): not sent, and the field says why. */
export const isBlank = (value: unknown) =>
  value === '' ||
  value === undefined ||
  value === null ||
  (typeof value === 'string' && !value.trim()) ||
  (typeof value === 'number' && Number.isNaN(value));

/** The form errors the web finds itself (a field left empty); the rest is the api's to judge. */
export type RequiredErrors = Record<string, 'required'>;

/**
 * The api names a refused field by its path in the request body (`commitment.schedule.0.amount`);
 * the form names its inputs by its own paths. `toFormPath` maps one to the other and answers
 * undefined for a field the form has no input for, whose error is then shown with the form's others.
 */
export function placeFieldErrors(
  errors: Record<string, string>,
  toFormPath: (apiField: string) => string | undefined,
): { placed: Record<string, string>; unplaced: Array<{ field: string; reason: string }> } {
  const placed: Record<string, string> = {};
  const unplaced: Array<{ field: string; reason: string }> = [];
  for (const [field, reason] of Object.entries(errors)) {
    const path = toFormPath(field);
    if (path === undefined) unplaced.push({ field, reason });
    else placed[path] ??= reason;
  }
  return { placed, unplaced };
}

/** The api field with its body's wrapper (`plan.`, `commitment.`) taken off, or undefined when it has another. */
export const withinBody = (apiField: string, wrapper: string) =>
  apiField === wrapper
    ? ''
    : apiField.startsWith(`${wrapper}.`)
      ? apiField.slice(wrapper.length + 1)
      : undefined;
