import { Alert, Button, CloseButton, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { LifecycleState } from '@mitra/contracts';
import { preconditions, type TaskDefinition } from '@mitra/domain';
import { useTranslation } from 'react-i18next';
import { FormRefusal, useCommandForm } from '#shared/forms';
import { useLanguage } from '#shared/i18n';
import { useDecision } from '../api/partnerships-api';
import { completeTaskBody, evidenceChecks, type CompleteTaskValues } from '../decision-bodies';
import { unmetFactsRefused } from '../model/task-refusal';

export function CompleteTaskModal({
  state,
  task,
  onClose,
}: {
  state: LifecycleState;
  task: TaskDefinition;
  onClose: () => void;
}) {
  const { t } = useTranslation('partnerships');
  const { t: common } = useTranslation();
  const language = useLanguage();
  const complete = useDecision<ReturnType<typeof completeTaskBody>>(state.partnershipId, 'completeTask');

  const { form, formProps, pending, refusal } = useCommandForm<CompleteTaskValues>({
    initialValues: { note: '', evidence: [{ label: '', url: '' }] },
    validate: {
      evidence: {
        label: (value) => {
          const key = evidenceChecks.label(value);
          return key && t(key);
        },
        url: (value) => {
          const key = evidenceChecks.url(value);
          return key && t(key);
        },
      },
    },
    send: (values, idempotencyKey) =>
      complete.mutateAsync({ body: completeTaskBody(task.id, values), idempotencyKey }),
    savedMessage: t('completeTask.done'),
    savedColor: 'green',
    onSaved: onClose,
  });

  const waitsFor = unmetFactsRefused(refusal);
  const preconditionText = (id: string) =>
    preconditions(state, new Date().toISOString()).find((p) => p.id === id)?.text[language] ?? id;

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('completeTask.title', { task: `${task.id} ${task.title[language]}` })}
      size="lg"
    >
      <form {...formProps} data-testid="complete-task-form">
        <Stack>
          {waitsFor ? (
            <Alert
              color="orange"
              role="alert"
              data-form-error
              tabIndex={-1}
              data-testid="complete-task-waits-for"
            >
              {t('tasks.waitsFor')} {waitsFor.map(preconditionText).join('; ')}
            </Alert>
          ) : (
            <FormRefusal error={refusal} />
          )}
          <div>
            <Text fw={500} size="sm">
              {t('completeTask.evidence')}
            </Text>
            <Text size="xs" c="dimmed" mb="xs">
              {t('completeTask.evidenceHelp')}
            </Text>
            <Stack gap="xs">
              {form.values.evidence.map((_, index) => (
                <Group key={index} align="flex-start" wrap="nowrap">
                  <TextInput
                    flex={1}
                    label={t('completeTask.evidenceLabel')}
                    data-testid={`evidence-label-${index}`}
                    {...form.getInputProps(`evidence.${index}.label`)}
                  />
                  <TextInput
                    flex={1}
                    label={t('completeTask.evidenceUrl')}
                    type="url"
                    data-testid={`evidence-url-${index}`}
                    {...form.getInputProps(`evidence.${index}.url`)}
                  />
                  <CloseButton
                    mt={28}
                    aria-label={t('completeTask.removeEvidence')}
                    onClick={() => form.removeListItem('evidence', index)}
                  />
                </Group>
              ))}
            </Stack>
            <Button
              variant="subtle"
              size="xs"
              mt="xs"
              onClick={() => form.insertListItem('evidence', { label: '', url: '' })}
              data-testid="evidence-add"
            >
              {t('completeTask.addEvidence')}
            </Button>
          </div>
          <Textarea
            label={t('completeTask.note')}
            autosize
            minRows={2}
            data-testid="complete-task-note"
            {...form.getInputProps('note')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {common('actions.cancel')}
            </Button>
            <Button type="submit" loading={pending} data-testid="complete-task-submit">
              {t('completeTask.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
