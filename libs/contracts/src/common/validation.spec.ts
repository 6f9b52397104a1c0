import { z } from 'zod';
import { textSchema } from './text';
import { toFieldErrors } from './validation';

const errorsOf = (schema: z.ZodType, input: unknown) => {
  const result = schema.safeParse(input);
  return result.success
    ? []
    : toFieldErrors(result.error).map(({ field, code, params }) => ({ field, code, params }));
};

describe('toFieldErrors', () => {
  const body = z.strictObject({
    name: textSchema({ max: 10, min: 3 }),
    amount: z.number().int().min(1).max(100),
    kind: z.enum(['cash', 'in_kind']),
    email: z.email().optional(),
  });

  it('names a missing value and a field the contract does not name', () => {
    expect(errorsOf(body, { amount: 1, kind: 'cash', extra: true })).toEqual([
      { field: 'name', code: 'required', params: undefined },
      { field: 'extra', code: 'not_allowed', params: undefined },
    ]);
  });

  it("gives zod's issue code with what its sentence needs", () => {
    expect(errorsOf(body, { name: 'ab', amount: 101, kind: 'loan', email: 'x' })).toEqual([
      { field: 'name', code: 'too_small', params: { origin: 'string', minimum: 3 } },
      { field: 'amount', code: 'too_big', params: { origin: 'number', maximum: 100 } },
      { field: 'kind', code: 'invalid_value', params: { options: ['cash', 'in_kind'] } },
      { field: 'email', code: 'invalid_format', params: { format: 'email' } },
    ]);
    expect(errorsOf(z.number().positive(), 0)).toEqual([
      { field: '(root)', code: 'too_small', params: { origin: 'number', minimum: 0, bound: 'exclusive' } },
    ]);
    expect(errorsOf(body, { name: 'abc', amount: 'ten', kind: 'cash' })).toEqual([
      { field: 'amount', code: 'invalid_type', params: { expected: 'number' } },
    ]);
  });

  it('calls an empty text missing, and gives our own refinements their code', () => {
    expect(errorsOf(textSchema({ max: 10 }), '   ')).toEqual([
      { field: '(root)', code: 'required', params: undefined },
    ]);
    expect(errorsOf(textSchema({ max: 10 }), 'a\u0007b')).toEqual([
      { field: '(root)', code: 'text.control_characters', params: undefined },
    ]);
    expect(errorsOf(textSchema({ max: 10 }), 'a\u202Eb')).toEqual([
      { field: '(root)', code: 'text.bidi_controls', params: undefined },
    ]);
  });
});
