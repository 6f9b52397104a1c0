import { useForm, type FormValidateInput, type UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useErrorWords } from '#shared/errors';
import { commandSubmission, type SubmissionOptions } from './command-submission';
import { focusFirstError } from './first-error';

export interface CommandFormOptions<Values, Result> extends Omit<
  SubmissionOptions<Values>,
  'keys' | 'wordField'
> {
  initialValues: Values;
  /** Translated errors by form path (or Mantine's rules per field); a refused number (NaN) should be among them. */
  validate?: FormValidateInput<Values>;
  /** Sends the command with the submission's idempotency key. */
  send: (values: Values, idempotencyKey: string) => Promise<Result>;
  /** Shown as a notification once the command is stored. */
  savedMessage?: string | ((result: Result, values: Values) => string | undefined);
  /** The notification's colour when teal does not fit what was done (a termination, a return). */
  savedColor?: string;
  onSaved?: (result: Result, values: Values) => void;
}

export interface CommandForm<Values> {
  form: UseFormReturnType<Values>;
  /** Spread on the `<form>`: its ref (to find the first error), submit handler and `noValidate`. */
  formProps: {
    ref: RefObject<HTMLFormElement | null>;
    onSubmit: (event?: FormEvent<HTMLFormElement>) => void;
    noValidate: true;
  };
  /** For a submit button outside the `<form>` (a modal's footer). */
  submit: () => void;
  pending: boolean;
  /** The refusal to show with `FormRefusal` inside the form: one the api did not tie to a field. */
  refusal: unknown;
  /** Forgets the refusal once the user acted on it (reloaded what changed meanwhile). */
  clearRefusal: () => void;
}

/** Focuses the first error once rendered, looking again for a few frames (a field may render its error late). */
function focusWhenShown(formRef: RefObject<HTMLFormElement | null>, frames = 10): void {
  requestAnimationFrame(() => {
    if (!focusFirstError(formRef.current) && frames > 0) focusWhenShown(formRef, frames - 1);
  });
}

/**
 * The one way the web sends a command from a form (see `commandSubmission`): validates, sends with one
 * idempotency key per intended submission, notifies on success, puts the api's field errors under their
 * fields, and after any refusal moves the focus to the first error — never a silent failure.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Mantine's own bound for form values
export function useCommandForm<Values extends Record<string, any>, Result = unknown>(
  options: CommandFormOptions<Values, Result>,
): CommandForm<Values> {
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: options.initialValues,
    validate: options.validate,
  });
  const latest = useRef(options);
  latest.current = options;
  const words = useErrorWords();
  const latestWords = useRef(words);
  latestWords.current = words;
  const [submission] = useState(() =>
    commandSubmission<Values, Result>((values, key) => latest.current.send(values, key), {
      fieldPrefix: options.fieldPrefix,
      wordField: (fieldError) => latestWords.current.field(fieldError),
      fieldErrors: options.fieldErrors && ((error) => latest.current.fieldErrors?.(error) ?? {}),
      sentWith: options.sentWith && ((values) => latest.current.sentWith?.(values)),
    }),
  );
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, setPending] = useState(false);
  const [refusal, setRefusal] = useState<unknown>();
  const [refused, setRefused] = useState<{ unshown?: unknown }>();

  // Once the errors are rendered, focus the first: after the event that submitted, whose own handling
  // (a click on the submit button) would otherwise keep the focus there. A refusal the form shows
  // nowhere (its field is not on screen) is then shown as a whole, and focused on the next round.
  useEffect(() => {
    if (!refused) return;
    const timer = setTimeout(() => {
      if (focusFirstError(formRef.current) || !refused.unshown) return;
      setRefusal(refused.unshown);
      setRefused({});
    });
    return () => clearTimeout(timer);
  }, [refused]);

  const sendValues = async (values: Values) => {
    if (submission.sending) return;
    setPending(true);
    setRefusal(undefined);
    const outcome = await submission.submit(values);
    setPending(false);
    if (outcome.kind === 'stored') {
      const { savedMessage, savedColor = 'teal', onSaved } = latest.current;
      const message =
        typeof savedMessage === 'function' ? savedMessage(outcome.result, values) : savedMessage;
      if (message) notifications.show({ color: savedColor, message });
      onSaved?.(outcome.result, values);
    } else if (outcome.kind === 'refused') {
      form.setErrors(outcome.fieldErrors);
      setRefusal(outcome.refusal);
      setRefused({ unshown: outcome.error });
    }
  };

  const onSubmit = form.onSubmit(
    (values) => sendValues(values),
    // Refused by the form itself: the focus follows once the errors are on screen.
    () => focusWhenShown(formRef),
  );
  return {
    form,
    formProps: { ref: formRef, onSubmit, noValidate: true },
    submit: () => onSubmit(),
    pending,
    refusal,
    clearRefusal: () => setRefusal(undefined),
  };
}
