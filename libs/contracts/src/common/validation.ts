import type { z } from 'zod';
import type { FieldError } from '../errors/error-code';
import { MitraError } from '../errors/mitra-error';

export function toFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)',
    reason: issue.message,
  }));
}

/** Parses input against a contract; throws a VALIDATION_FAILED MitraError naming every bad field. */
export function parseContract<S extends z.ZodType>(schema: S, input: unknown, prefix?: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors = toFieldErrors(result.error);
  throw MitraError.validation(
    prefix ? errors.map((e) => ({ ...e, field: e.field === '(root)' ? prefix : `${prefix}.${e.field}` })) : errors,
  );
}
