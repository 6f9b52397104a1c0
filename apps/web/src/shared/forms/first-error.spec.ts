import { errorSelector, focusFirstError, type FocusableElement } from './first-error';

/** A stand-in element: what it matches, what focusing it did. */
function element(
  matches: string[],
  inWrapper?: FocusableElement,
): FocusableElement & { focused: boolean; tabindex?: string } {
  const node = {
    focused: false,
    tabindex: undefined as string | undefined,
    focus() {
      node.focused = true;
    },
    hasAttribute: (name: string) => name === 'tabindex' && node.tabindex !== undefined,
    setAttribute(name: string, value: string) {
      if (name === 'tabindex') node.tabindex = value;
    },
    matches: (selector: string) => matches.some((candidate) => selector.includes(candidate)),
    closest: () => (inWrapper ? { querySelector: () => inWrapper } : null),
  };
  return node;
}
const formShowing = (first: FocusableElement | null) => ({
  querySelector: (selector: string) => (selector === errorSelector ? first : null),
});

describe('focusFirstError', () => {
  it('focuses the first invalid input', () => {
    const input = element(['[aria-invalid="true"]', 'input:not']);
    expect(focusFirstError(formShowing(input))).toBe(true);
    expect(input.focused).toBe(true);
    expect(input.tabindex).toBeUndefined();
  });

  it('leads from a checkbox group error to the group first input', () => {
    const checkbox = element(['input:not']);
    const groupError = element(['.mantine-InputWrapper-error'], checkbox);
    focusFirstError(formShowing(groupError));
    expect(checkbox.focused).toBe(true);
    expect(groupError.focused).toBe(false);
  });

  it('makes an error text focusable before focusing it', () => {
    const listError = element(['[data-form-error]']);
    focusFirstError(formShowing(listError));
    expect(listError).toMatchObject({ focused: true, tabindex: '-1' });
  });

  it('says so when the form shows no error', () => {
    expect(focusFirstError(formShowing(null))).toBe(false);
    expect(focusFirstError(null)).toBe(false);
  });
});
