import { List, Stack, Table, Text } from '@mantine/core';
import { principles, type Evaluation } from '@mitra/contracts';
import { formatDate } from '#shared/format';
import { useReportsTranslation } from '../i18n';
import { assessmentSummary } from '../model/evaluation';

/** The panel's average score per principle and for the results. */
export function ScoreTable({ evaluation }: { evaluation: Evaluation }) {
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

/** The coordinator's findings, lessons and improvement actions. */
export function Completion({ evaluation, names }: { evaluation: Evaluation; names: Map<string, string> }) {
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
