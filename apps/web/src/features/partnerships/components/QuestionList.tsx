import { Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import type { LifecycleState } from '@mitra/contracts';
import type { QuestionDefinition, StageDefinition } from '@mitra/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '#shared/auth';
import { formatDateTime } from '#shared/format';
import { FormRefusal, useCommandForm } from '#shared/forms';
import { useLanguage } from '#shared/i18n';
import { useDecision } from '../api/partnerships-api';
import { minimumAnswerLength } from '../decision-bodies';
import { questionAnchor } from '../model/gate-links';
import { mayDecide } from '../permissions';
import { useActorName } from './use-actor-name';

function AnswerForm({
  state,
  question,
  initial,
  onDone,
}: {
  state: LifecycleState;
  question: QuestionDefinition;
  initial: string;
  onDone: () => void;
}) {
  const { t } = useTranslation('partnerships');
  const { t: common } = useTranslation();
  const answer = useDecision<{ questionId: string; answer: string }>(state.partnershipId, 'answerQuestion');
  const { form, formProps, pending, refusal } = useCommandForm({
    initialValues: { answer: initial },
    validate: ({ answer: text }) =>
      text.trim().length >= minimumAnswerLength ? {} : { answer: t('questions.tooShort') },
    send: ({ answer: text }, idempotencyKey) =>
      answer.mutateAsync({ body: { questionId: question.id, answer: text.trim() }, idempotencyKey }),
    savedMessage: t('questions.saved'),
    savedColor: 'green',
    onSaved: onDone,
  });

  return (
    <form {...formProps}>
      <Stack gap="xs">
        <FormRefusal error={refusal} />
        <Textarea
          label={t('questions.answer')}
          autosize
          minRows={2}
          data-testid={`answer-input-${question.id}`}
          {...form.getInputProps('answer')}
        />
        <Group gap="xs">
          <Button type="submit" size="xs" loading={pending} data-testid={`answer-save-${question.id}`}>
            {t('questions.save')}
          </Button>
          {initial && (
            <Button size="xs" variant="default" onClick={onDone}>
              {common('actions.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

function QuestionItem({ state, question }: { state: LifecycleState; question: QuestionDefinition }) {
  const { t } = useTranslation('partnerships');
  const language = useLanguage();
  const user = useCurrentUser();
  const given = state.answers[question.id];
  const who = useActorName(state, given?.by ?? '');
  const mayAnswer = mayDecide(state, user, { kind: 'answerQuestion', questionId: question.id, answer: '…' });
  const [editing, setEditing] = useState(false);

  return (
    <Card
      withBorder
      padding="md"
      id={questionAnchor(question.id)}
      data-testid={`question-${question.id}`}
      data-answered={Boolean(given)}
    >
      <Text fw={500} mb="xs">
        {question.id}. {question.text[language]}
      </Text>
      {given && !editing && (
        <Stack gap={4}>
          <Text style={{ whiteSpace: 'pre-wrap' }} data-testid={`answer-text-${question.id}`}>
            {given.answer}
          </Text>
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t('questions.answeredBy', { who, date: formatDateTime(given.at, language) })}
            </Text>
            {mayAnswer && (
              <Button
                size="xs"
                variant="subtle"
                onClick={() => setEditing(true)}
                data-testid={`answer-edit-${question.id}`}
              >
                {t('questions.edit')}
              </Button>
            )}
          </Group>
        </Stack>
      )}
      {!given && !mayAnswer && (
        <Text size="sm" c="dimmed">
          {t('questions.unanswered')}
        </Text>
      )}
      {mayAnswer && (!given || editing) && (
        <AnswerForm
          state={state}
          question={question}
          initial={given?.answer ?? ''}
          onDone={() => setEditing(false)}
        />
      )}
    </Card>
  );
}

export function QuestionList({ state, stage }: { state: LifecycleState; stage: StageDefinition }) {
  const { t } = useTranslation('partnerships');
  return (
    <Stack gap="sm" component="section" aria-labelledby="questions-title">
      <div>
        <Title order={2} size="h3" id="questions-title">
          {t('questions.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('questions.description')}
        </Text>
      </div>
      {stage.questions.map((question) => (
        <QuestionItem key={question.id} state={state} question={question} />
      ))}
    </Stack>
  );
}
