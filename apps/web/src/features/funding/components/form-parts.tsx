import { List, Stack } from '@mantine/core';
import type { LedgerEntry } from '@mitra/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf } from '#shared/api';
import { useErrorWords } from '#shared/errors';
import { numberRules } from '#shared/format';
import {
  NumberField,
  useCommandForm,
  type CommandForm,
  type CommandFormOptions,
  type NumberFieldProps,
} from '#shared/forms';
import { ApiErrorAlert } from '#shared/ui';
import type { FundingCommand } from '../api/funding-api';
import { useFundingCommand } from '../hooks/useFunding';
import { placeFieldErrors, type RequiredErrors } from '../model/form-rows';

/** Rupiah as whole numbers, never negative: `Rp 1.250.000` (read in the UI language's way of writing numbers). */
export function RupiahInput(props: Omit<NumberFieldProps, 'rule'>) {
  return <NumberField rule={numberRules.money} {...props} />;
}

/** Field checks of the web (a field left empty) in the user's language. */
export function useRequiredMessages() {
  const { t } = useTranslation('funding');
  return (errors: RequiredErrors): Record<string, string> =>
    Object.fromEntries(Object.keys(errors).map((path) => [path, t('form.required')]));
}

interface FundingFormOptions<Values> extends Omit<
  CommandFormOptions<Values, LedgerEntry>,
  'send' | 'fieldErrors' | 'fieldPrefix'
> {
  /** The ledger command the values make. */
  command: (values: Values) => FundingCommand;
  /** The form's input for a field the api refused; undefined for one the form has no input for. */
  toFormPath: (apiField: string) => string | undefined;
}

/**
 * A funding form on the web's one command form (`useCommandForm`). The api's field errors go under the
 * inputs they concern; those the form has no input for are listed with the refusal (`unplaced`).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Mantine's own bound for form values
export function useFundingForm<Values extends Record<string, any>>(
  partnershipId: string,
  { command, toFormPath, ...options }: FundingFormOptions<Values>,
): CommandForm<Values> & { unplaced: Array<{ field: string; reason: string }> } {
  const ledger = useFundingCommand(partnershipId);
  const words = useErrorWords();
  const [unplaced, setUnplaced] = useState<Array<{ field: string; reason: string }>>([]);
  const commandForm = useCommandForm<Values, LedgerEntry>({
    ...options,
    send: (values, key) => {
      setUnplaced([]);
      return ledger.mutateAsync({ command: command(values), key });
    },
    fieldErrors: (error) => {
      const placement = placeFieldErrors(fieldErrorsOf(error, words.field), toFormPath);
      setUnplaced(placement.unplaced);
      return placement.placed;
    },
  });
  return { ...commandForm, unplaced };
}

/** The refusal of a funding form that no input shows, with the api's reasons for fields the form lacks. */
export function CommandError({
  error,
  unplaced,
}: {
  error: unknown;
  unplaced: Array<{ field: string; reason: string }>;
}) {
  if (!error && unplaced.length === 0) return null;
  return (
    <Stack gap={4} data-form-error tabIndex={-1} data-testid="command-error">
      {Boolean(error) && <ApiErrorAlert error={error} />}
      {unplaced.length > 0 && (
        <List size="xs" c="red">
          {unplaced.map(({ field, reason }) => (
            <List.Item key={field}>
              {field}: {reason}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
