import type { z } from 'zod';
import type { FieldError } from '../errors/error-code';
import { MitraError } from '../errors/mitra-error';

const joinPath = (path: PropertyKey[]) => (path.length > 0 ? path.map(String).join('.') : '(root)');

export function toFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: joinPath([...issue.path, key]), reason: 'is not an allowed field' }));
    }
    const missing = issue.code === 'invalid_type' && issue.message.endsWith('received undefined');
    return [{ field: joinPath(issue.path), reason: missing ? 'is required' : issue.message }];
  });
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
