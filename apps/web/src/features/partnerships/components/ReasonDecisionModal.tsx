import { Alert, Button, Checkbox, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import type { DecisionKind } from '@mitra/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { FormRefusal, useCommandForm } from '#shared/forms';
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
  const decide = useDecision<Record<string, unknown>>(partnershipId, kind);
  const check = contractCheck(reasonRule, translate);
  const { form, formProps, pending, refusal } = useCommandForm({
    initialValues: { reason: '', understood: false },
    validate: ({ reason, understood }) => {
      const reasonError = check(reason);
      return {
        ...(reasonError ? { reason: reasonError } : {}),
        ...(confirmation && !understood ? { understood: translate('fieldErrors.confirm') } : {}),
      };
    },
    send: ({ reason }, idempotencyKey) =>
      decide.mutateAsync({
        body: { ...body, ...(reason.trim() ? { reason: reason.trim() } : {}) },
        idempotencyKey,
      }),
    savedMessage: doneMessage,
    savedColor: color,
    onSaved: onClose,
  });

  return (
    <Modal opened onClose={onClose} title={title} data-testid={`${testId}-modal`}>
      <form {...formProps}>
        <Stack>
          <FormRefusal error={refusal} />
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
            <Button type="submit" color={color} loading={pending} data-testid={`${testId}-submit`}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
