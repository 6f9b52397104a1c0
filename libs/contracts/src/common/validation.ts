import type { z } from 'zod';
import type { FieldError } from '../errors/error-code';
import { MitraError } from '../errors/mitra-error';
import {
  allRefusalCodes,
  fieldErrorCodes,
  type FieldErrorCode,
  type RefusalCode,
  type RefusalParams,
} from '../errors/refusal';

const joinPath = (path: PropertyKey[]) => (path.length > 0 ? path.map(String).join('.') : '(root)');

/** zod keeps the input out of its issues: the message tells a missing value from a wrong one. */
const isMissing = (issue: z.core.$ZodIssue) =>
  issue.code === 'invalid_type' && issue.message.endsWith('received undefined');

/** A bound the value may not reach (`positive()`: more than 0) is said so; an inclusive one is the default. */
const boundOf = (issue: { inclusive?: boolean }): RefusalParams =>
  issue.inclusive === false ? { bound: 'exclusive' } : {};

/** Our refinements name a field error code, or a rule's refusal code when the rule is the subdomain's own. */
const isOwnCode = (code: unknown): code is FieldErrorCode | RefusalCode =>
  (fieldErrorCodes as readonly unknown[]).includes(code) ||
  (allRefusalCodes as readonly unknown[]).includes(code);

/** The code and parameters a screen words the issue with (`too_small` of a `string` with `minimum` 3). */
function codeOf(issue: z.core.$ZodIssue): Pick<FieldError, 'code' | 'params'> {
  switch (issue.code) {
    case 'invalid_type':
      return isMissing(issue)
        ? { code: 'required' }
        : { code: 'invalid_type', params: { expected: issue.expected } };
    case 'too_small':
      // Our texts are trimmed first: an empty one is missing, not short.
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return { code: 'required' };
      return {
        code: 'too_small',
        params: { origin: issue.origin, minimum: Number(issue.minimum), ...boundOf(issue) },
      };
    case 'too_big':
      return {
        code: 'too_big',
        params: { origin: issue.origin, maximum: Number(issue.maximum), ...boundOf(issue) },
      };
    case 'invalid_format':
      return { code: 'invalid_format', params: { format: issue.format } };
    case 'not_multiple_of':
      return { code: 'not_multiple_of', params: { divisor: Number(issue.divisor) } };
    case 'invalid_value':
      return { code: 'invalid_value', params: { options: issue.values.map(String) } };
    case 'custom': {
      // Our refinements name their rule in `params.code` (see `textSchema`), with what the sentence needs.
      const { code, ...params } = (issue.params ?? {}) as { code?: unknown } & RefusalParams;
      return isOwnCode(code)
        ? { code, ...(Object.keys(params).length > 0 ? { params } : {}) }
        : { code: 'custom' };
    }
    case 'unrecognized_keys':
      return { code: 'not_allowed' };
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
      return { code: issue.code };
  }
}

export function toFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: joinPath([...issue.path, key]),
        reason: 'is not an allowed field',
        code: 'not_allowed',
      }));
    }
    return [
      {
        field: joinPath(issue.path),
        reason: isMissing(issue) ? 'is required' : issue.message,
        ...codeOf(issue),
      },
    ];
  });
}

/** Parses input against a contract; throws a VALIDATION_FAILED MitraError naming every bad field. */
export function parseContract<S extends z.ZodType>(schema: S, input: unknown, prefix?: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors = toFieldErrors(result.error);
  throw MitraError.validation(
    prefix
      ? errors.map((e) => ({ ...e, field: e.field === '(root)' ? prefix : `${prefix}.${e.field}` }))
      : errors,
  );
}
