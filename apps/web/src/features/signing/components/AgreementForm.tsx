import type { PartnershipAccount } from '#shared/partnerships';
import {
  Alert,
  Button,
  Group,
  List,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { decisionRules, frequencies, fundingMechanisms, type AgreementKind } from '@mitra/contracts';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiFieldError } from '#shared/api';
import { useErrorWords, wordedFieldErrors } from '#shared/errors';
import { numberRules } from '#shared/format';
import { NumberField, refusedNumberErrors, useCommandForm } from '#shared/forms';
import { ApiErrorAlert } from '#shared/ui';
import { useSigningTranslation } from '../i18n';
import { toAgreementFields, type AgreementFieldsDraft, type DraftFormValues } from '../model/draft-form';
import { draftErrorPlaces, placeFieldErrors } from '../model/field-errors';
import { choices } from './form-choices';
import { PartyFields } from './PartyFields';

/** The api's field errors of a signing form under its inputs, in the reader's words; those no input stands for apart. */
export function placedReasons(
  word: (fieldError: ApiFieldError) => string,
  error: unknown,
  places: Parameters<typeof placeFieldErrors>[1],
) {
  return placeFieldErrors(wordedFieldErrors(error, word), places);
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

/**
 * The fields of an MoU or PKS (`AgreementFields`). The api's contract is the judge of what is complete:
 * whatever it refuses is shown at its input, and what no input stands for is listed under the form.
 */
export function AgreementForm<Result>({
  kind,
  initial,
  submitLabel,
  send,
  savedMessage,
  onSaved,
  onCancel,
  renderError,
  accounts = [],
}: {
  kind: AgreementKind;
  initial: DraftFormValues;
  submitLabel: string;
  /** Sends the fields with the submission's idempotency key. */
  send: (fields: AgreementFieldsDraft, idempotencyKey: string) => Promise<Result>;
  savedMessage: (result: Result) => string;
  onSaved: (result: Result) => void;
  onCancel: () => void;
  /** Shows a refusal the caller explains itself (e.g. a conflict); the generic alert otherwise. */
  renderError?: (error: unknown) => ReactNode | undefined;
  /** Who may sign for each party: the partnership's partner accounts. */
  accounts?: readonly PartnershipAccount[];
}) {
  const { t } = useSigningTranslation();
  const words = useErrorWords();
  const { t: common } = useTranslation();
  const [unplaced, setUnplaced] = useState<ApiFieldError[]>([]);
  const { form, formProps, pending, refusal } = useCommandForm<DraftFormValues, Result>({
    initialValues: initial,
    validate: (values) => refusedNumberErrors(values, common('numbers.refused')),
    // The kind decides what is sent of the values: another kind is another submission.
    sentWith: (values) => ({ kind, fields: toAgreementFields(kind, values) }),
    send: (values, idempotencyKey) => {
      setUnplaced([]);
      return send(toAgreementFields(kind, values), idempotencyKey);
    },
    fieldErrors: (error) => {
      const { placed, unplaced: elsewhere } = placedReasons(words.field, error, draftErrorPlaces);
      setUnplaced(elsewhere);
      return placed;
    },
    savedMessage,
    onSaved,
  });

  const text = (path: string, label: string, testId: string, props: object = {}) => (
    <TextInput {...form.getInputProps(path)} label={label} data-testid={testId} {...props} />
  );
  const area = (path: string, label: string, testId: string, props: object = {}) => (
    <Textarea
      {...form.getInputProps(path)}
      label={label}
      autosize
      minRows={3}
      data-testid={testId}
      {...props}
    />
  );

  return (
    <form {...formProps} data-testid="agreement-form" data-kind={kind}>
      <Stack gap="md">
        <Section title={t('form.sections.document')}>
          {text('title', t('form.title'), 'draft-title', { description: t('form.titleHelp') })}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {text('place', t('form.place'), 'draft-place')}
            {kind === 'pks' && text('mouReference', t('form.mouReference'), 'draft-mou-reference')}
          </SimpleGrid>
        </Section>

        <Section title={t('form.sections.parties')}>
          {form.errors.parties && (
            <Text size="sm" c="red" data-testid="parties-error">
              {form.errors.parties}
            </Text>
          )}
          {form.values.parties.map((party, index) => (
            <PartyFields key={party.key} form={form} index={index} accounts={accounts} />
          ))}
        </Section>

        <Section title={t('form.sections.substance')}>
          {area('background', t('form.background'), 'draft-background')}
          {area('purpose', t('form.purpose'), 'draft-purpose')}
          {area('scope', t('form.scope'), 'draft-scope', { description: t('form.linesHelp') })}
          <TagsInput
            {...form.getInputProps('sdgTargets')}
            label={t('form.sdgTargets')}
            description={t('form.sdgTargetsHelp')}
            data-testid="draft-sdg-targets"
            wrapperProps={{
              'data-testid': 'draft-sdg-targets-field',
              'data-values': form.values.sdgTargets.join(' '),
            }}
          />
        </Section>

        <Section title={t('form.sections.governance')}>
          {area('governance.body', t('form.governanceBody'), 'draft-governance-body', { minRows: 2 })}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              {...form.getInputProps('governance.decisionRule')}
              label={t('form.decisionRule')}
              data={choices(t, decisionRules, (value) => t(`labels.decisionRule.${value}`))}
              data-testid="draft-decision-rule"
            />
            <NativeSelect
              {...form.getInputProps('governance.meetingFrequency')}
              label={t('form.meetingFrequency')}
              data={choices(t, frequencies, (value) => t(`labels.frequency.${value}`))}
              data-testid="draft-meeting-frequency"
            />
          </SimpleGrid>
          {area('communication', t('form.communication'), 'draft-communication', { minRows: 2 })}
        </Section>

        <Section title={t('form.sections.funding')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              {...form.getInputProps('funding.mechanism')}
              label={t('form.fundingMechanism')}
              data={choices(t, fundingMechanisms, (value) => t(`labels.funding.${value}`))}
              data-testid="draft-funding-mechanism"
            />
            <NativeSelect
              {...form.getInputProps('reporting.frequency')}
              label={t('form.reportingFrequency')}
              data={choices(t, frequencies, (value) => t(`labels.frequency.${value}`))}
              data-testid="draft-reporting-frequency"
            />
          </SimpleGrid>
          {area('funding.notes', t('form.fundingNotes'), 'draft-funding-notes', { minRows: 2 })}
          {area('reporting.notes', t('form.reportingNotes'), 'draft-reporting-notes', { minRows: 2 })}
        </Section>

        <Section title={t('form.sections.term')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {text('startDate', t('form.startDate'), 'draft-start-date', { type: 'date' })}
            <NumberField
              {...form.getInputProps('durationMonths')}
              rule={numberRules.whole(1, 120)}
              label={t('form.durationMonths')}
              data-testid="draft-duration"
            />
          </SimpleGrid>
          {area('confidentiality', t('form.confidentiality'), 'draft-confidentiality', { minRows: 2 })}
          {text('disputeVenue', t('form.disputeVenue'), 'draft-dispute-venue')}
        </Section>

        {(Boolean(refusal) || unplaced.length > 0) && (
          <Stack gap={4} data-form-error tabIndex={-1} data-testid="draft-failure">
            {Boolean(refusal) && (renderError?.(refusal) ?? <ApiErrorAlert error={refusal} />)}
            {unplaced.length > 0 && (
              <Alert color="red" variant="outline" title={t('form.unplaced')}>
                <List size="xs">
                  {unplaced.map((error) => (
                    <List.Item key={`${error.field}:${error.reason}`} data-testid="unplaced-error">
                      {error.field}: {error.reason}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            )}
          </Stack>
        )}
        <Group>
          <Button type="submit" loading={pending} data-testid="draft-submit">
            {submitLabel}
          </Button>
          <Button variant="subtle" onClick={onCancel} disabled={pending}>
            {t('form.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
