import { fieldErrorsOf } from '#shared/api';

/**
 * Puts the api's field errors under the form's fields (Mantine form paths are dotted like the api's).
 * Returns whether there were any, so the caller shows a general error otherwise.
 */
export function showFieldErrors(
  form: { setErrors(errors: Record<string, string>): void },
  error: unknown,
  prefix?: string,
): boolean {
  const errors = fieldErrorsOf(error, prefix);
  if (Object.keys(errors).length === 0) return false;
  form.setErrors(errors);
  return true;
}
