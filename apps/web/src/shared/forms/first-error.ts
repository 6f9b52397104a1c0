/**
 * What shows an error inside a form, in the order looked for: an input Mantine marks invalid, the error
 * text of a group (checkboxes: no input carries the mark), and an error a form renders itself
 * (`data-form-error`: a list's error, a refusal of the whole form).
 */
export const errorSelector = [
  '[aria-invalid="true"]',
  '.mantine-InputWrapper-error',
  '[data-form-error]',
].join(', ');

/** The part of the DOM this needs, so it can be tested without a browser. */
export interface FocusableElement {
  focus(options?: FocusOptions): void;
  hasAttribute(name: string): boolean;
  setAttribute(name: string, value: string): void;
  matches(selector: string): boolean;
  closest(selector: string): { querySelector(selector: string): FocusableElement | null } | null;
}

const focusable = 'input:not([type="hidden"]), select, textarea, button';

/**
 * Moves focus to the first error in the form, in reading order, so keyboard and screen-reader users land
 * on what to correct. A group's error text leads to the group's first input. Returns false when the form
 * shows no error at all (the caller then shows the refusal itself).
 */
export function focusFirstError(
  container: {
    querySelector(selector: string): FocusableElement | null;
  } | null,
): boolean {
  const shown = container?.querySelector(errorSelector);
  if (!shown) return false;
  const groupInput = shown.matches('.mantine-InputWrapper-error')
    ? shown.closest('.mantine-InputWrapper-root')?.querySelector(focusable)
    : null;
  const target = groupInput ?? shown;
  if (!target.matches(focusable) && !target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus();
  return true;
}
