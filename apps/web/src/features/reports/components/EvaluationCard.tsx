import { Alert, Badge, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { Evaluation } from '@mitra/contracts';
import { uncoveredGroups } from '@mitra/domain';
import type { SessionUser } from '#shared/auth';
import { formatDateTime } from '#shared/format';
import { useOrganisations } from '../hooks/useMonitoringPlan';
import { useReportsTranslation } from '../i18n';
import { awaitingAssessment, seatToAssess } from '../model/evaluation';
import { AssessmentForm } from './AssessmentForm';
import { CompleteEvaluationForm } from './CompleteEvaluationForm';
import { Completion, ScoreTable } from './EvaluationResult';
import { useSectorLabel } from './use-evaluation-labels';

/** One evaluation: its panel and who assessed, the form for whoever's turn it is, and the result. */
export function EvaluationCard({
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
  const uncovered = uncoveredGroups(evaluation);
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
