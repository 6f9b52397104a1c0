import { List, Stack } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { LedgerEntry } from '@mitra/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf } from '#shared/api';
import { useErrorWords } from '#shared/errors';
import { numberRules } from '#shared/format';
import { NumberField, type NumberFieldProps } from '#shared/forms';
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

/**
 * Sends a form's command. The api's field errors go under the inputs they concern; those the form has
 * no input for are listed with the general error.
 */
export function useCommandForm(partnershipId: string, toFormPath: (apiField: string) => string | undefined) {
  const command = useFundingCommand(partnershipId);
  const words = useErrorWords();
  const [unplaced, setUnplaced] = useState<Array<{ field: string; reason: string }>>([]);
  function send<Values>(
    form: Pick<UseFormReturnType<Values>, 'setErrors'>,
    body: FundingCommand,
    onSuccess: (entry: LedgerEntry) => void,
  ) {
    setUnplaced([]);
    command.mutate(
      { command: body },
      {
        onSuccess,
        onError: (error) => {
          const placement = placeFieldErrors(fieldErrorsOf(error, words.field), toFormPath);
          form.setErrors(placement.placed);
          setUnplaced(placement.unplaced);
        },
      },
    );
  }
  return { send, command, unplaced };
}

export function CommandError({
  error,
  unplaced,
}: {
  error: unknown;
  unplaced: Array<{ field: string; reason: string }>;
}) {
  if (!error) return null;
  return (
    <Stack gap={4} data-testid="command-error">
      <ApiErrorAlert error={error} />
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
