import {
  ActionIcon,
  Button,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import type { Evaluation } from '@mitra/contracts';
import { FormRefusal, useCommandForm, type CommandForm } from '#shared/forms';
import { useEvaluationCommands } from '../hooks/useMonitoringPlan';
import { useReportsTranslation } from '../i18n';
import {
  emptyCompletionForm,
  toCompletionInput,
  validateCompletionForm,
  type CompletionFormValues,
} from '../model/evaluation';
import { useEvaluationErrors } from './use-evaluation-labels';

function LessonList({
  form,
  kind,
}: {
  form: CommandForm<CompletionFormValues>['form'];
  kind: 'worked' | 'failed';
}) {
  const { t } = useReportsTranslation();
  return (
    <Stack gap={4} data-testid={`lessons-${kind}`}>
      <Text size="sm" fw={500}>
        {t(`evaluation.complete.${kind}`)}
      </Text>
      {form.values.lessons[kind].map((_, index) => (
        <Group key={index} gap="xs" wrap="nowrap" align="flex-start">
          <Textarea
            {...form.getInputProps(`lessons.${kind}.${index}`)}
            aria-label={t('evaluation.complete.lesson', { number: index + 1 })}
            autosize
            minRows={1}
            style={{ flex: 1 }}
            data-testid="lesson"
          />
          <ActionIcon
            variant="subtle"
            color="red"
            mt={4}
            aria-label={t('evaluation.complete.remove')}
            onClick={() => form.removeListItem(`lessons.${kind}`, index)}
            data-testid="remove-lesson"
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button
          size="xs"
          variant="light"
          onClick={() => form.insertListItem(`lessons.${kind}`, '')}
          data-testid={`add-lesson-${kind}`}
        >
          {t('evaluation.complete.addLesson')}
        </Button>
      </Group>
    </Stack>
  );
}

export function CompleteEvaluationForm({
  partnershipId,
  evaluation,
  owners,
}: {
  partnershipId: string;
  evaluation: Evaluation;
  owners: { value: string; label: string }[];
}) {
  const { t } = useReportsTranslation();
  const translate = useEvaluationErrors();
  const { complete } = useEvaluationCommands(partnershipId);
  const { form, formProps, pending, refusal } = useCommandForm<CompletionFormValues>({
    initialValues: emptyCompletionForm(),
    validate: (values) => translate(validateCompletionForm(values)),
    fieldPrefix: 'completion.',
    send: (values, idempotencyKey) =>
      complete.mutateAsync({ evaluationId: evaluation.id, input: toCompletionInput(values), idempotencyKey }),
    savedMessage: t('evaluation.complete.done'),
  });
  return (
    <Paper withBorder p="md" bg="gray.0">
      <form {...formProps} data-testid="completion-form">
        <Stack gap="sm">
          <Title order={4} size="h6">
            {t('evaluation.complete.title')}
          </Title>
          <Textarea
            {...form.getInputProps('findings')}
            label={t('evaluation.complete.findings')}
            autosize
            minRows={3}
            required
            data-testid="completion-findings"
          />
          <LessonList form={form} kind="worked" />
          <LessonList form={form} kind="failed" />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('evaluation.complete.actions')}
            </Text>
            {form.values.improvementActions.map((_, index) => (
              <Group key={index} gap="xs" align="flex-start" wrap="nowrap" data-testid="improvement-action">
                <TextInput
                  {...form.getInputProps(`improvementActions.${index}.action`)}
                  aria-label={t('evaluation.complete.action')}
                  placeholder={t('evaluation.complete.action')}
                  style={{ flex: 1 }}
                  data-testid="action-text"
                />
                <NativeSelect
                  {...form.getInputProps(`improvementActions.${index}.ownerOrganisationId`)}
                  aria-label={t('evaluation.complete.owner')}
                  data={[{ value: '', label: t('evaluation.complete.owner') }, ...owners]}
                  w={240}
                  data-testid="action-owner"
                />
                <TextInput
                  {...form.getInputProps(`improvementActions.${index}.dueDate`)}
                  type="date"
                  aria-label={t('evaluation.complete.dueDate')}
                  w={170}
                  data-testid="action-due"
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mt={4}
                  aria-label={t('evaluation.complete.remove')}
                  onClick={() => form.removeListItem('improvementActions', index)}
                >
                  ×
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button
                size="xs"
                variant="light"
                onClick={() =>
                  form.insertListItem('improvementActions', {
                    action: '',
                    ownerOrganisationId: '',
                    dueDate: '',
                  })
                }
                data-testid="add-action"
              >
                {t('evaluation.complete.addAction')}
              </Button>
            </Group>
          </Stack>
          <FormRefusal error={refusal} />
          <Group>
            <Button type="submit" loading={pending} data-testid="completion-submit">
              {t('evaluation.complete.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
