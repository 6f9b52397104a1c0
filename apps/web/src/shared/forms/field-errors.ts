import { fieldErrorsOf, type ApiFieldError } from '#shared/api';

/**
 * Puts the api's field errors under the form's fields (Mantine form paths are dotted like the api's), in
 * the user's words (`word`, from `useErrorWords`). Returns whether there were any, so the caller shows a
 * general error otherwise.
 */
export function showFieldErrors(
  form: { setErrors(errors: Record<string, string>): void },
  error: unknown,
  word: (fieldError: ApiFieldError) => string,
  prefix?: string,
): boolean {
  const errors = fieldErrorsOf(error, word, prefix);
  if (Object.keys(errors).length === 0) return false;
  form.setErrors(errors);
  return true;
}
