import { Button, Group, Paper, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { principles, type Evaluation, type Sector } from '@mitra/contracts';
import { FormRefusal, useCommandForm } from '#shared/forms';
import { useEvaluationCommands } from '../hooks/useMonitoringPlan';
import { useReportsTranslation } from '../i18n';
import {
  emptyAssessmentForm,
  toAssessmentInput,
  validateAssessmentForm,
  type AssessmentFormValues,
} from '../model/evaluation';
import { useEvaluationErrors, useSectorLabel } from './use-evaluation-labels';

const scores = ['1', '2', '3', '4', '5'];

function ScoreInput({
  label,
  value,
  onChange,
  error,
  testId,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  testId: string;
}) {
  return (
    <Stack gap={2} data-testid={testId}>
      <Text size="sm">{label}</Text>
      <SegmentedControl
        value={value}
        onChange={onChange}
        data={scores}
        size="xs"
        w={260}
        aria-label={label}
      />
      {error && (
        <Text size="xs" c="red" data-form-error>
          {error}
        </Text>
      )}
    </Stack>
  );
}

export function AssessmentForm({
  partnershipId,
  evaluation,
  seat,
  organisationName,
}: {
  partnershipId: string;
  evaluation: Evaluation;
  seat: { group: Sector };
  organisationName: string;
}) {
  const { t } = useReportsTranslation();
  const translate = useEvaluationErrors();
  const sectorLabel = useSectorLabel();
  const { assess } = useEvaluationCommands(partnershipId);
  const { form, formProps, pending, refusal } = useCommandForm<AssessmentFormValues>({
    initialValues: emptyAssessmentForm(),
    validate: (values) => translate(validateAssessmentForm(values)),
    fieldPrefix: 'assessment.',
    send: (values, idempotencyKey) =>
      assess.mutateAsync({ evaluationId: evaluation.id, input: toAssessmentInput(values), idempotencyKey }),
    savedMessage: t('evaluation.assess.sent'),
  });
  return (
    <Paper withBorder p="md" bg="blue.0">
      <form {...formProps} data-testid="assessment-form">
        <Stack gap="sm">
          <Title order={4} size="h6">
            {t('evaluation.assess.title')}
          </Title>
          <Text size="sm">
            {t('evaluation.assess.forOrganisation', {
              organisation: organisationName,
              group: sectorLabel(seat.group),
            })}
          </Text>
          <Text size="xs" c="dimmed">
            {t('evaluation.scoreHelp')}
          </Text>
          {principles.map((principle) => (
            <ScoreInput
              key={principle}
              label={t(`evaluation.principles.${principle}`)}
              value={form.values.principles[principle]}
              onChange={(value) => form.setFieldValue(`principles.${principle}`, value)}
              error={form.errors[`principles.${principle}`] as string | undefined}
              testId={`score-${principle}`}
            />
          ))}
          <ScoreInput
            label={t('evaluation.results')}
            value={form.values.results}
            onChange={(value) => form.setFieldValue('results', value)}
            error={form.errors.results as string | undefined}
            testId="score-results"
          />
          <Textarea
            {...form.getInputProps('comment')}
            label={t('evaluation.assess.comment')}
            description={t('evaluation.assess.commentHelp')}
            autosize
            minRows={3}
            required
            data-testid="assessment-comment"
          />
          <FormRefusal error={refusal} />
          <Group>
            <Button type="submit" loading={pending} data-testid="assessment-submit">
              {t('evaluation.assess.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
