import { Alert, Button, Checkbox, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { DecisionKind } from '@mitra/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { useErrorWords } from '#shared/errors';
import { showFieldErrors } from '#shared/forms';
import { ApiErrorAlert } from '#shared/ui';
import { useDecision } from '../api/partnerships-api';
import { contractCheck } from '../model/field-errors';
import { usePartnershipsT } from './use-partnerships-t';

/**
 * A decision whose substance is a reason (pause, resume, terminate, withdraw a partner, waive the
 * inclusiveness check). The reason is checked by the contract's own rule; `confirmation` asks the user
 * to tick that they understand before an irreversible decision.
 */
export function ReasonDecisionModal({
  partnershipId,
  kind,
  body = {},
  reasonRule,
  title,
  help,
  warning,
  confirmation,
  reasonLabel,
  submitLabel,
  doneMessage,
  color,
  testId,
  onClose,
}: {
  partnershipId: string;
  kind: DecisionKind;
  /** What the decision carries besides the reason (e.g. the organisation withdrawn). */
  body?: Record<string, unknown>;
  /** The contract's schema of the reason; an optional one leaves an empty reason out. */
  reasonRule: z.ZodType;
  title: string;
  help?: ReactNode;
  warning?: ReactNode;
  confirmation?: string;
  reasonLabel: string;
  submitLabel: string;
  doneMessage: string;
  color: string;
  testId: string;
  onClose: () => void;
}) {
  const { t: common } = useTranslation();
  const translate = usePartnershipsT();
  const words = useErrorWords();
  const decide = useDecision<Record<string, unknown>>(partnershipId, kind);
  const check = contractCheck(reasonRule, translate);
  const form = useForm({
    initialValues: { reason: '', understood: false },
    validate: {
      reason: (value) => check(value),
      understood: (value) => (confirmation && !value ? translate('fieldErrors.confirm') : null),
    },
  });

  const submit = form.onSubmit(({ reason }) =>
    decide.mutate(
      { ...body, ...(reason.trim() ? { reason: reason.trim() } : {}) },
      {
        onSuccess: () => {
          notifications.show({ color, message: doneMessage });
          onClose();
        },
        onError: (error) => showFieldErrors(form, error, words.field),
      },
    ),
  );

  return (
    <Modal opened onClose={onClose} title={title} data-testid={`${testId}-modal`}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {decide.isError && <ApiErrorAlert error={decide.error} />}
          {warning && (
            <Alert color="red" variant="light">
              {warning}
            </Alert>
          )}
          {help && <Text size="sm">{help}</Text>}
          <Textarea
            label={reasonLabel}
            autosize
            minRows={3}
            data-testid={`${testId}-reason`}
            {...form.getInputProps('reason')}
          />
          {confirmation && (
            <Checkbox
              label={confirmation}
              data-testid={`${testId}-confirm`}
              {...form.getInputProps('understood', { type: 'checkbox' })}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {common('actions.cancel')}
            </Button>
            <Button type="submit" color={color} loading={decide.isPending} data-testid={`${testId}-submit`}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
