import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  NativeSelect,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm, type FormErrors, type UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import {
  principles,
  sectors,
  type Evaluation,
  type MonitoringPlan,
  type Organisation,
  type Sector,
} from '@mitra/contracts';
import { useState } from 'react';
import { fieldErrorsOf, newIdempotencyKey } from '#shared/api';
import { usePartnershipAccounts } from '#shared/partnerships';
import type { SessionUser } from '#shared/auth';
import { formatDate, formatDateTime } from '#shared/format';
import { showFieldErrors } from '#shared/forms';
import { ApiErrorAlert, LoadingState } from '#shared/ui';
import {
  useAgreementVersions,
  useEvaluationCommands,
  useLifecycleState,
  useOrganisations,
  useStakeholderMap,
} from '../hooks/useMonitoringPlan';
import { useReportsTranslation } from '../i18n';
import {
  assessmentSummary,
  awaitingAssessment,
  defaultStakeholderGroups,
  emptyAssessmentForm,
  emptyCompletionForm,
  evaluationsOf,
  panelCandidates,
  seatToAssess,
  toAssessmentInput,
  toCompletionInput,
  toOpenEvaluationInput,
  uncoveredGroups,
  validateAssessmentForm,
  validateCompletionForm,
  validateOpenEvaluation,
  type AssessmentFormValues,
  type CompletionFormValues,
  type EvaluationErrors,
  type OpenEvaluationFormValues,
  type PanelCandidate,
} from '../model/evaluation';

const scores = ['1', '2', '3', '4', '5'];

function useEvaluationErrors() {
  const { t } = useReportsTranslation();
  return (errors: EvaluationErrors) =>
    Object.fromEntries(Object.entries(errors).map(([path, key]) => [path, t(`evaluation.errors.${key}`)]));
}

const hasFieldErrors = (error: unknown) => Object.keys(fieldErrorsOf(error)).length > 0;

function useSectorLabel() {
  const { t } = useReportsTranslation();
  return (sector: Sector) => t(`sectors.${sector}`);
}

function OpenEvaluationForm({
  partnershipId,
  candidates,
  defaultGroups,
  user,
  onDone,
}: {
  partnershipId: string;
  candidates: (PanelCandidate & { organisationName: string })[];
  defaultGroups: Sector[];
  user: SessionUser;
  onDone: () => void;
}) {
  const { t } = useReportsTranslation();
  const translate = useEvaluationErrors();
  const sectorLabel = useSectorLabel();
  const { open } = useEvaluationCommands(partnershipId);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const form = useForm<OpenEvaluationFormValues>({
    mode: 'controlled',
    initialValues: { title: '', stakeholderGroups: defaultGroups, panel: [] },
    validate: (values) => translate(validateOpenEvaluation(values)),
  });
  const { panel, stakeholderGroups } = form.values;
  const uncovered = uncoveredGroups(
    stakeholderGroups,
    panel.flatMap((seat) => (seat.group ? [{ group: seat.group }] : [])),
  );
  const groupOptions = [
    { value: '', label: '—' },
    ...sectors.map((value) => ({ value, label: sectorLabel(value) })),
  ];

  const onSubmit = form.onSubmit((values) =>
    open.mutate(
      { input: toOpenEvaluationInput(values), idempotencyKey },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('evaluation.form.opened') });
          onDone();
        },
        onError: (error) => showFieldErrors(form, error, 'evaluation.'),
      },
    ),
  );

  return (
    <form onSubmit={onSubmit} noValidate data-testid="evaluation-form">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('evaluation.form.title')}
        </Title>
        <TextInput
          {...form.getInputProps('title')}
          label={t('evaluation.form.name')}
          placeholder={t('evaluation.form.namePlaceholder')}
          required
          data-testid="evaluation-title"
        />
        <Checkbox.Group
          {...form.getInputProps('stakeholderGroups')}
          label={t('evaluation.form.groups')}
          description={t('evaluation.form.groupsHelp')}
          data-testid="evaluation-groups"
        >
          <Group gap="md" mt={4}>
            {sectors.map((sector) => (
              <Checkbox key={sector} value={sector} label={sectorLabel(sector)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('evaluation.form.panel')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('evaluation.form.panelHelp')}
          </Text>
          {candidates.length === 0 ? (
            <Alert color="yellow">{t('evaluation.form.noCandidates')}</Alert>
          ) : (
            <Table verticalSpacing={4} data-testid="panel-candidates">
              <Table.Tbody>
                {candidates.map((candidate) => {
                  const index = panel.findIndex((seat) => seat.userId === candidate.userId);
                  return (
                    <Table.Tr key={candidate.userId} data-testid={`panel-candidate-${candidate.userId}`}>
                      <Table.Td>
                        <Checkbox
                          checked={index >= 0}
                          onChange={(event) =>
                            event.currentTarget.checked
                              ? form.insertListItem('panel', {
                                  userId: candidate.userId,
                                  organisationId: candidate.organisationId,
                                  group: candidate.sector ?? '',
                                })
                              : form.removeListItem('panel', index)
                          }
                          aria-label={t('evaluation.form.onPanel')}
                          data-testid="panel-member-toggle"
                        />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {candidate.userId === user.id
                            ? `${user.name} (${t('evaluation.form.you')})`
                            : (candidate.name ?? candidate.userId)}
                          {candidate.title && (
                            <Text span size="xs" c="dimmed">
                              {' '}
                              · {candidate.title}
                            </Text>
                          )}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {candidate.organisationName}
                        </Text>
                      </Table.Td>
                      <Table.Td w={260}>
                        {index >= 0 && (
                          <NativeSelect
                            {...form.getInputProps(`panel.${index}.group`)}
                            aria-label={t('evaluation.form.group')}
                            data={groupOptions}
                            size="xs"
                            data-testid="panel-member-group"
                          />
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )}
          {typeof form.errors.panel === 'string' && (
            <Text size="xs" c="red" data-testid="panel-error">
              {form.errors.panel}
            </Text>
          )}
        </Stack>
        <Alert
          color={uncovered.length === 0 ? 'teal' : 'yellow'}
          data-testid="panel-coverage"
          data-covered={uncovered.length === 0}
        >
          {uncovered.length === 0
            ? t('evaluation.form.covered')
            : t('evaluation.form.uncovered', { groups: uncovered.map(sectorLabel).join(', ') })}
        </Alert>
        {open.error && !hasFieldErrors(open.error) && <ApiErrorAlert error={open.error} />}
        <Group>
          <Button type="submit" loading={open.isPending} data-testid="evaluation-submit">
            {t('evaluation.form.submit')}
          </Button>
          <Button variant="subtle" onClick={onDone} disabled={open.isPending}>
            {t('evaluation.form.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Gathers who may sit on the panel (see `panelCandidates`) before the form starts. */
function StartEvaluation({
  partnershipId,
  plan,
  user,
  onDone,
}: {
  partnershipId: string;
  plan: MonitoringPlan;
  user: SessionUser;
  onDone: () => void;
}) {
  const state = useLifecycleState(partnershipId);
  const agreements = useAgreementVersions(partnershipId, true);
  const map = useStakeholderMap(partnershipId, true);
  const accounts = usePartnershipAccounts(partnershipId);
  const candidates = panelCandidates({
    self: { userId: user.id, organisationId: user.organisationId, name: user.name },
    accounts: accounts.data,
    agreements: agreements.data,
    reports: plan.reports,
    state: state.data,
  });
  const organisations = useOrganisations(candidates.map((candidate) => candidate.organisationId));
  const error = state.error ?? agreements.error ?? map.error;
  if (error) return <ApiErrorAlert error={error} />;
  if (
    state.isPending ||
    agreements.isPending ||
    map.isPending ||
    accounts.isPending ||
    !organisations.settled
  )
    return <LoadingState />;

  const resolved = candidates.map((candidate) => {
    const organisation: Organisation | undefined = organisations.byId.get(candidate.organisationId);
    return {
      ...candidate,
      sector: candidate.sector ?? organisation?.sector,
      organisationName: organisation?.name ?? candidate.organisationId,
    };
  });
  return (
    <OpenEvaluationForm
      partnershipId={partnershipId}
      candidates={resolved}
      defaultGroups={defaultStakeholderGroups(
        map.data,
        resolved.map((candidate) => candidate.sector),
      )}
      user={user}
      onDone={onDone}
    />
  );
}

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
        <Text size="xs" c="red">
          {error}
        </Text>
      )}
    </Stack>
  );
}

function AssessmentForm({
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
  const [idempotencyKey] = useState(newIdempotencyKey);
  const form = useForm<AssessmentFormValues>({
    mode: 'controlled',
    initialValues: emptyAssessmentForm(),
    validate: (values) => translate(validateAssessmentForm(values)),
  });
  const onSubmit = form.onSubmit((values) =>
    assess.mutate(
      { evaluationId: evaluation.id, input: toAssessmentInput(values), idempotencyKey },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: t('evaluation.assess.sent') }),
        onError: (error) => showFieldErrors(form, error, 'assessment.'),
      },
    ),
  );
  return (
    <Paper withBorder p="md" bg="blue.0">
      <form onSubmit={onSubmit} noValidate data-testid="assessment-form">
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
          {assess.error && !hasFieldErrors(assess.error) && <ApiErrorAlert error={assess.error} />}
          <Group>
            <Button type="submit" loading={assess.isPending} data-testid="assessment-submit">
              {t('evaluation.assess.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function LessonList({
  form,
  kind,
}: {
  form: UseFormReturnType<
    CompletionFormValues,
    CompletionFormValues,
    (values: CompletionFormValues) => FormErrors
  >;
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

function CompleteEvaluationForm({
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
  const [idempotencyKey] = useState(newIdempotencyKey);
  const form = useForm<CompletionFormValues>({
    mode: 'controlled',
    initialValues: emptyCompletionForm(),
    validate: (values) => translate(validateCompletionForm(values)),
  });
  const onSubmit = form.onSubmit((values) =>
    complete.mutate(
      { evaluationId: evaluation.id, input: toCompletionInput(values), idempotencyKey },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: t('evaluation.complete.done') }),
        onError: (error) => showFieldErrors(form, error, 'completion.'),
      },
    ),
  );
  return (
    <Paper withBorder p="md" bg="gray.0">
      <form onSubmit={onSubmit} noValidate data-testid="completion-form">
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
          {complete.error && !hasFieldErrors(complete.error) && <ApiErrorAlert error={complete.error} />}
          <Group>
            <Button type="submit" loading={complete.isPending} data-testid="completion-submit">
              {t('evaluation.complete.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function ScoreTable({ evaluation }: { evaluation: Evaluation }) {
  const { t, locale } = useReportsTranslation();
  const summary = assessmentSummary(evaluation);
  const score = (value: number | null) =>
    value === null
      ? t('evaluation.result.noScore')
      : t('evaluation.result.score', {
          score: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value),
        });
  return (
    <Table withTableBorder verticalSpacing={4} fz="sm" data-testid="evaluation-scores">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('evaluation.result.principle')}</Table.Th>
          <Table.Th ta="right">{t('evaluation.result.average')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {principles.map((principle) => (
          <Table.Tr key={principle} data-testid={`average-${principle}`}>
            <Table.Td>{t(`evaluation.principles.${principle}`)}</Table.Td>
            <Table.Td ta="right" data-testid="average">
              {score(summary.principles[principle])}
            </Table.Td>
          </Table.Tr>
        ))}
        <Table.Tr data-testid="average-results">
          <Table.Td fw={600}>{t('evaluation.results')}</Table.Td>
          <Table.Td ta="right" fw={600} data-testid="average">
            {score(summary.results)}
          </Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}

function Completion({ evaluation, names }: { evaluation: Evaluation; names: Map<string, string> }) {
  const { t, locale } = useReportsTranslation();
  const completion = evaluation.completion;
  if (!completion) return null;
  const lessons = (kind: 'worked' | 'failed') => (
    <Stack gap={2} data-testid={`result-${kind}`}>
      <Text size="sm" fw={500}>
        {t(`evaluation.result.${kind}`)}
      </Text>
      {completion.lessons[kind].length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('evaluation.result.none')}
        </Text>
      ) : (
        <List size="sm">
          {completion.lessons[kind].map((lesson, index) => (
            <List.Item key={index}>{lesson}</List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
  return (
    <Stack gap="sm" data-testid="evaluation-completion">
      <Text size="sm" fw={500}>
        {t('evaluation.result.findings')}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="result-findings">
        {completion.findings}
      </Text>
      {lessons('worked')}
      {lessons('failed')}
      <Stack gap={2} data-testid="result-actions">
        <Text size="sm" fw={500}>
          {t('evaluation.result.actions')}
        </Text>
        {completion.improvementActions.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('evaluation.result.none')}
          </Text>
        ) : (
          <List size="sm">
            {completion.improvementActions.map((action, index) => (
              <List.Item key={index}>
                {action.action} — {names.get(action.ownerOrganisationId) ?? action.ownerOrganisationId}
                {action.dueDate &&
                  `, ${t('evaluation.result.actionDue', { date: formatDate(action.dueDate, locale) })}`}
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Stack>
  );
}

function EvaluationCard({
  partnershipId,
  evaluation,
  user,
  mayCoordinate,
  owners,
}: {
  partnershipId: string;
  evaluation: Evaluation;
  user: SessionUser;
  mayCoordinate: boolean;
  owners: string[];
}) {
  const { t, locale } = useReportsTranslation();
  const sectorLabel = useSectorLabel();
  const organisations = useOrganisations([
    ...evaluation.panel.map((member) => member.organisationId),
    ...owners,
    ...(evaluation.completion?.improvementActions.map((action) => action.ownerOrganisationId) ?? []),
  ]);
  const names = new Map([...organisations.byId].map(([id, organisation]) => [id, organisation.name]));
  const nameOf = (organisationId: string) => names.get(organisationId) ?? organisationId;
  const uncovered = uncoveredGroups(evaluation.stakeholderGroups, evaluation.panel);
  const seat = seatToAssess(evaluation, user.id);
  const waiting = awaitingAssessment(evaluation);

  return (
    <Paper
      withBorder
      p="md"
      data-testid={`evaluation-${evaluation.id}`}
      data-status={evaluation.status}
      data-covers-all={evaluation.panelCoversAllGroups}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={3} size="h5" data-testid="evaluation-name">
              {evaluation.title}
            </Title>
            <Text size="xs" c="dimmed">
              {t('evaluation.opened', { time: formatDateTime(evaluation.openedAt, locale) })}
              {evaluation.completion &&
                ` · ${t('evaluation.completedAt', { time: formatDateTime(evaluation.completion.at, locale) })}`}
            </Text>
          </div>
          <Group gap="xs">
            <Badge
              color={evaluation.status === 'completed' ? 'teal' : 'blue'}
              data-testid="evaluation-status"
            >
              {t(`evaluation.status.${evaluation.status}`)}
            </Badge>
          </Group>
        </Group>
        <Alert
          color={evaluation.panelCoversAllGroups ? 'teal' : 'orange'}
          variant="light"
          data-testid="evaluation-coverage"
        >
          {evaluation.panelCoversAllGroups
            ? t('evaluation.coversAll')
            : t('evaluation.notCovering', { groups: uncovered.map(sectorLabel).join(', ') })}
        </Alert>
        <Table verticalSpacing={4} fz="sm" data-testid="evaluation-panel">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('evaluation.panel.member')}</Table.Th>
              <Table.Th>{t('evaluation.panel.group')}</Table.Th>
              <Table.Th>{t('evaluation.panel.assessment')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {evaluation.panel.map((member) => {
              const assessment = evaluation.assessments.find((a) => a.userId === member.userId);
              return (
                <Table.Tr
                  key={member.userId}
                  data-testid={`panel-member-${member.userId}`}
                  data-assessed={assessment !== undefined}
                >
                  <Table.Td>
                    {nameOf(member.organisationId)}
                    {member.userId === user.id && ` (${t('evaluation.form.you')})`}
                  </Table.Td>
                  <Table.Td>{sectorLabel(member.group)}</Table.Td>
                  <Table.Td>
                    {assessment
                      ? t('evaluation.panel.assessed', { time: formatDateTime(assessment.at, locale) })
                      : t('evaluation.panel.waiting')}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        {seat && (
          <AssessmentForm
            partnershipId={partnershipId}
            evaluation={evaluation}
            seat={seat}
            organisationName={nameOf(seat.organisationId)}
          />
        )}
        {evaluation.assessments.length > 0 && (
          <Stack gap="xs">
            <Title order={4} size="h6">
              {t('evaluation.result.title')}
            </Title>
            <ScoreTable evaluation={evaluation} />
            <Text size="sm" fw={500}>
              {t('evaluation.result.assessments', { count: evaluation.assessments.length })}
            </Text>
            <List size="sm" spacing={4} data-testid="assessment-comments">
              {evaluation.assessments.map((assessment) => (
                <List.Item key={assessment.userId} data-testid={`assessment-${assessment.userId}`}>
                  <Text span size="sm" fw={500}>
                    {nameOf(assessment.organisationId)}
                  </Text>
                  : {assessment.comment}
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
        <Completion evaluation={evaluation} names={names} />
        {mayCoordinate && evaluation.status === 'open' && (
          <>
            {waiting.length > 0 ? (
              <Text size="sm" c="dimmed" data-testid="awaiting-assessments">
                {t('evaluation.complete.waitingFor', {
                  members: waiting.map((member) => nameOf(member.organisationId)).join(', '),
                })}
              </Text>
            ) : (
              <CompleteEvaluationForm
                partnershipId={partnershipId}
                evaluation={evaluation}
                owners={owners.map((id) => ({ value: id, label: nameOf(id) }))}
              />
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * Evaluations of the partnership: a coordinator starts one with a panel drawn from every stakeholder
 * group, each panel member assesses in their own session, and the coordinator completes it with
 * findings, lessons and improvement actions.
 */
export function Evaluations({
  partnershipId,
  plan,
  user,
  mayCoordinate,
}: {
  partnershipId: string;
  plan: MonitoringPlan;
  user: SessionUser;
  mayCoordinate: boolean;
}) {
  const { t } = useReportsTranslation();
  const [starting, setStarting] = useState(false);
  const state = useLifecycleState(partnershipId);
  const evaluations = evaluationsOf(plan.evaluations);
  const open = evaluations.some((evaluation) => evaluation.status === 'open');
  // Improvement actions belong to the partnership's organisations: its active partners and the coordinator's.
  const owners = [
    ...new Set([
      ...(state.data?.partners
        .filter((partner) => !partner.withdrawnAt)
        .map((partner) => partner.organisationId) ?? []),
      ...(user.organisationId ? [user.organisationId] : []),
    ]),
  ];

  return (
    <Stack gap="md" data-testid="evaluations">
      <Text c="dimmed" size="sm">
        {t('evaluation.description')}
      </Text>
      {mayCoordinate && !open && !starting && (
        <Group>
          <Button onClick={() => setStarting(true)} data-testid="start-evaluation">
            {t('evaluation.start')}
          </Button>
        </Group>
      )}
      {starting && (
        <Paper withBorder p="md">
          <StartEvaluation
            partnershipId={partnershipId}
            plan={plan}
            user={user}
            onDone={() => setStarting(false)}
          />
        </Paper>
      )}
      {evaluations.length === 0 && !starting && <Text c="dimmed">{t('evaluation.none')}</Text>}
      {evaluations.map((evaluation) => (
        <EvaluationCard
          key={evaluation.id}
          partnershipId={partnershipId}
          evaluation={evaluation}
          user={user}
          mayCoordinate={mayCoordinate}
          owners={owners}
        />
      ))}
    </Stack>
  );
}
