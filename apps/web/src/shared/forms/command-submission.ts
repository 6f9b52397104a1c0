import { fieldErrorsOf } from '#shared/api';
import { commandKeys, type CommandKeys } from './command-keys';

export type SubmissionOutcome<Result> =
  | { kind: 'stored'; result: Result }
  /** `fieldErrors` by form path; `refusal` is the error when none of it names a field. */
  | { kind: 'refused'; error: unknown; fieldErrors: Record<string, string>; refusal?: unknown }
  /** Another submission of this form was still on its way: nothing was sent. */
  | { kind: 'ignored' };

export interface CommandSubmission<Values, Result> {
  submit(values: Values): Promise<SubmissionOutcome<Result>>;
  readonly sending: boolean;
}

/**
 * What a command form does on submit, apart from React: one submission at a time (a second click while
 * the first is on its way sends nothing), the same idempotency key for a resend of the same values, a
 * new one after a success, and a refusal split into field errors and what no field can show.
 */
export function commandSubmission<Values, Result>(
  send: (values: Values, idempotencyKey: string) => Promise<Result>,
  { fieldPrefix, keys = commandKeys() }: { fieldPrefix?: string; keys?: CommandKeys } = {},
): CommandSubmission<Values, Result> {
  let sending = false;
  return {
    get sending() {
      return sending;
    },
    async submit(values) {
      if (sending) return { kind: 'ignored' };
      sending = true;
      try {
        const result = await send(values, keys.keyFor(values));
        keys.succeeded();
        return { kind: 'stored', result };
      } catch (error) {
        const fieldErrors = fieldErrorsOf(error, fieldPrefix);
        const placed = Object.keys(fieldErrors).length > 0;
        return { kind: 'refused', error, fieldErrors, ...(placed ? {} : { refusal: error }) };
      } finally {
        sending = false;
      }
    },
  };
}
