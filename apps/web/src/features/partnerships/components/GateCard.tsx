import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  Modal,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import type { LifecycleState, StageId } from '@mitra/contracts';
import {
  findQuestion,
  findTask,
  gateReadiness,
  isTerminal,
  preconditions,
  stageDefinition,
  type GateReadiness,
} from '@mitra/domain';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrentUser } from '#shared/auth';
import { formatDate, formatRelativeDay } from '#shared/format';
import { FormRefusal, useCommandForm } from '#shared/forms';
import { useLanguage } from '#shared/i18n';
import { useDecision } from '../api/partnerships-api';
import { minimumReasonLength } from '../decision-bodies';
import { preconditionLink, questionAnchor, taskAnchor } from '../model/gate-links';
import { refusalFor } from '../permissions';

function ApproveModal({ state, onClose }: { state: LifecycleState; onClose: () => void }) {
  const { t } = useTranslation('partnerships');
  const { t: common } = useTranslation();
  const language = useLanguage();
  const approve = useDecision<{ stage: StageId; comment?: string }>(state.partnershipId, 'approveGate');
  const stage = stageDefinition(state.stage).title[language];
  const { form, formProps, pending, refusal } = useCommandForm({
    initialValues: { comment: '' },
    send: ({ comment }, idempotencyKey) =>
      approve.mutateAsync({
        body: { stage: state.stage, ...(comment.trim() ? { comment: comment.trim() } : {}) },
        idempotencyKey,
      }),
    savedMessage: t('gate.approved'),
    savedColor: 'green',
    onSaved: onClose,
  });

  return (
    <Modal opened onClose={onClose} title={t('gate.approveTitle', { stage })}>
      <form {...formProps}>
        <Stack>
          <FormRefusal error={refusal} />
          <Text size="sm" data-testid="gate-approve-help">
            {state.stage === 'maturation' && state.maturation
              ? t(`gate.approveMaturation.${state.maturation.outcome}`, { next: state.cycle + 1 })
              : t('gate.approveHelp')}
          </Text>
          <Textarea
            label={t('gate.comment')}
            autosize
            minRows={2}
            data-testid="gate-comment"
            {...form.getInputProps('comment')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {common('actions.cancel')}
            </Button>
            <Button type="submit" color="green" loading={pending} data-testid="gate-approve-submit">
              {t('gate.approve')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ReturnModal({ state, onClose }: { state: LifecycleState; onClose: () => void }) {
  const { t } = useTranslation('partnerships');
  const { t: common } = useTranslation();
  const language = useLanguage();
  const giveBack = useDecision<{ stage: StageId; reason: string }>(state.partnershipId, 'returnGate');
  const { form, formProps, pending, refusal } = useCommandForm({
    initialValues: { reason: '' },
    validate: ({ reason }) =>
      reason.trim().length >= minimumReasonLength ? {} : { reason: t('gate.reasonTooShort') },
    send: ({ reason }, idempotencyKey) =>
      giveBack.mutateAsync({ body: { stage: state.stage, reason: reason.trim() }, idempotencyKey }),
    savedMessage: t('gate.returnedNotice'),
    savedColor: 'orange',
    onSaved: onClose,
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('gate.returnTitle', { stage: stageDefinition(state.stage).title[language] })}
    >
      <form {...formProps}>
        <Stack>
          <FormRefusal error={refusal} />
          <Textarea
            label={t('gate.reason')}
            description={t('gate.reasonHelp')}
            required
            autosize
            minRows={3}
            data-testid="gate-reason"
            {...form.getInputProps('reason')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {common('actions.cancel')}
            </Button>
            <Button type="submit" color="orange" loading={pending} data-testid="gate-return-submit">
              {t('gate.return')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Why the gate cannot be decided now, in words, for the disabled buttons to point to. */
function whyUndecidable(state: LifecycleState, readiness: GateReadiness, t: TFunction<'partnerships'>) {
  if (state.status !== 'active') return t('gate.why.status', { status: t(`status.${state.status}`) });
  if (state.gate.returned) return t('gate.why.returned');
  const missing = [
    [readiness.missingTasks.length, 'gate.why.tasks'],
    [readiness.unansweredQuestions.length, 'gate.why.questions'],
    [readiness.unmetPreconditions.length, 'gate.why.preconditions'],
  ] as const;
  return t('gate.why.notReady', {
    missing: missing
      .filter(([count]) => count > 0)
      .map(([count, key]) => t(key, { count }))
      .join(', '),
  });
}

const blockedReasonId = 'gate-blocked-reason';

/**
 * What the current stage's gate still waits for, each item a link to where it is done, and the
 * coordinator's approve or return; a disabled button says why (tooltip and `aria-describedby`).
 */
export function GateCard({ state }: { state: LifecycleState }) {
  const { t } = useTranslation('partnerships');
  const language = useLanguage();
  const user = useCurrentUser();
  const [dialog, setDialog] = useState<'approve' | 'return'>();
  const now = new Date();
  const readiness = gateReadiness(state, now.toISOString());
  const unmet = preconditions(state, now.toISOString()).filter((precondition) =>
    readiness.unmetPreconditions.includes(precondition.id),
  );
  const due = state.pending.find((item) => item.kind === 'gateApproval');
  const approveRefusal = refusalFor(state, user, { kind: 'approveGate', stage: state.stage }, now);
  const decides = approveRefusal?.code !== 'FORBIDDEN' && !isTerminal(state);
  const stage = stageDefinition(state.stage).title[language];
  const status = state.gate.returned ? 'returned' : readiness.ready ? 'ready' : 'notReady';
  const blocked = approveRefusal !== undefined ? whyUndecidable(state, readiness, t) : undefined;
  const explained = (disabled: boolean) =>
    disabled && blocked ? { title: blocked, 'aria-describedby': blockedReasonId } : {};

  return (
    <Card
      withBorder
      padding="md"
      id="gate"
      data-testid="gate-card"
      data-ready={readiness.ready}
      data-status={status}
    >
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h4">
            {t('gate.title', { stage })}
          </Title>
          <Badge
            color={status === 'ready' ? 'green' : status === 'returned' ? 'orange' : 'gray'}
            data-testid="gate-status"
          >
            {t(`gate.${status}`)}
          </Badge>
        </Group>
        {isTerminal(state) && (
          <Alert color="gray">{t('gate.closed', { status: t(`status.${state.status}`) })}</Alert>
        )}
        {state.gate.returned && (
          <Alert color="orange" data-testid="gate-returned">
            {t('gate.returnedReason', { reason: state.gate.returned.reason })}
          </Alert>
        )}
        {due && (
          <Text size="sm" data-testid="gate-due">
            {t('gate.dueBy', {
              date: formatDate(due.dueAt, language),
              relative: formatRelativeDay(due.dueAt, language, now),
            })}
          </Text>
        )}
        {readiness.missingTasks.length > 0 && (
          <div data-testid="gate-missing-tasks">
            <Text size="sm" fw={600}>
              {t('gate.missingTasks')}
            </Text>
            <List size="sm">
              {readiness.missingTasks.map((id) => (
                <List.Item key={id}>
                  <Anchor href={`#${taskAnchor(id)}`}>
                    {id} {findTask(id)?.task.title[language]}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          </div>
        )}
        {readiness.unansweredQuestions.length > 0 && (
          <div data-testid="gate-unanswered-questions">
            <Text size="sm" fw={600}>
              {t('gate.unansweredQuestions')}
            </Text>
            <List size="sm">
              {readiness.unansweredQuestions.map((id) => (
                <List.Item key={id}>
                  <Anchor href={`#${questionAnchor(id)}`}>
                    {id}. {findQuestion(id)?.question.text[language]}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          </div>
        )}
        {unmet.length > 0 && (
          <div data-testid="gate-unmet-preconditions">
            <Text size="sm" fw={600}>
              {t('gate.unmetPreconditions')}
            </Text>
            <List size="sm">
              {unmet.map((precondition) => (
                <List.Item key={precondition.id}>
                  <Anchor
                    component={Link}
                    to={preconditionLink(state.partnershipId, precondition.id)}
                    data-testid={`gate-precondition-link-${precondition.id}`}
                  >
                    {precondition.text[language]}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          </div>
        )}
        {readiness.ready && <Text size="sm">{t('gate.allMet')}</Text>}
        {decides && blocked && (
          <Text size="sm" c="dimmed" id={blockedReasonId} data-testid="gate-blocked-reason">
            {blocked}
          </Text>
        )}
        {decides && (
          <Group>
            <Button
              color="green"
              disabled={approveRefusal !== undefined}
              onClick={() => setDialog('approve')}
              data-testid="gate-approve"
              {...explained(approveRefusal !== undefined)}
            >
              {t('gate.approve')}
            </Button>
            <Button
              color="orange"
              variant="light"
              disabled={!readiness.ready}
              onClick={() => setDialog('return')}
              data-testid="gate-return"
              {...explained(!readiness.ready)}
            >
              {t('gate.return')}
            </Button>
          </Group>
        )}
      </Stack>
      {dialog === 'approve' && <ApproveModal state={state} onClose={() => setDialog(undefined)} />}
      {dialog === 'return' && <ReturnModal state={state} onClose={() => setDialog(undefined)} />}
    </Card>
  );
}
