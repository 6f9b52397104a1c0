import { fieldErrorsOf, type ApiFieldError } from '#shared/api';
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
export interface SubmissionOptions<Values> {
  /** The wrapper the api puts in front of the form's fields (`indicator.` for `indicator.name`). */
  fieldPrefix?: string;
  /** The api's field errors by form path, in the user's words, where the form translates them. */
  fieldErrors?: (error: unknown) => Record<string, string>;
  /** A field error in the user's words (`useErrorWords().field`), for the api's field errors the form places itself. */
  wordField: (fieldError: ApiFieldError) => string;
  /** What is sent when it is more than the values (the version an edit is based on): a new key when it changes. */
  sentWith?: (values: Values) => unknown;
  keys?: CommandKeys;
}

export function commandSubmission<Values, Result>(
  send: (values: Values, idempotencyKey: string) => Promise<Result>,
  options: SubmissionOptions<Values>,
): CommandSubmission<Values, Result> {
  const { fieldPrefix, wordField, keys = commandKeys() } = options;
  const fieldErrorsIn =
    options.fieldErrors ?? ((error: unknown) => fieldErrorsOf(error, wordField, fieldPrefix));
  let sending = false;
  return {
    get sending() {
      return sending;
    },
    async submit(values) {
      if (sending) return { kind: 'ignored' };
      sending = true;
      try {
        const result = await send(values, keys.keyFor(options.sentWith?.(values) ?? values));
        keys.succeeded();
        return { kind: 'stored', result };
      } catch (error) {
        const fieldErrors = fieldErrorsIn(error);
        const placed = Object.keys(fieldErrors).length > 0;
        return { kind: 'refused', error, fieldErrors, ...(placed ? {} : { refusal: error }) };
      } finally {
        sending = false;
      }
    },
  };
}
