import { Anchor, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { formatDateTime } from '#shared/format';
import { usePartnershipAccountNames } from '#shared/partnerships';
import { ApiErrorAlert } from '#shared/ui';
import { fetchReplay } from '../api/audit-api';
import { useAuditorTranslation, type AuditorKey } from '../i18n';
import { AsOfComparison } from './AsOfComparison';
import { ChainCheck } from './ChainCheck';

/** One button: replay the whole history with the code in force; and the partnership between two dates. */
export function ReplayPanel({ partnershipId, startedAt }: { partnershipId: string; startedAt: string }) {
  const { t, locale } = useAuditorTranslation();
  const replay = useMutation({ mutationFn: () => fetchReplay(partnershipId) });
  const nameOf = usePartnershipAccountNames(partnershipId);
  const report = replay.data;

  return (
    <Stack gap="lg">
      <Group>
        <Button onClick={() => replay.mutate()} loading={replay.isPending} data-testid="audit-replay">
          {t('replay.run')}
        </Button>
        <Anchor
          href={`/api/v1/audit/partnerships/${encodeURIComponent(partnershipId)}/iati`}
          download={`iati-${partnershipId}.xml`}
          data-testid="audit-iati"
        >
          {t('replay.iati')}
        </Anchor>
        <Button
          component="a"
          variant="light"
          href={`/api/v1/audit/partnerships/${encodeURIComponent(partnershipId)}/bundle`}
          download
          data-testid="audit-bundle"
        >
          {t('replay.bundle')}
        </Button>
        {report && (
          <Badge size="lg" color={report.agrees ? 'teal' : 'red'} data-testid="audit-replay-result">
            {report.agrees ? t('replay.agrees') : t('replay.diverges', { count: report.divergences.length })}
          </Badge>
        )}
      </Group>
      {replay.error && <ApiErrorAlert error={replay.error} />}
      {report && (
        <Text size="sm" c="dimmed">
          {t('replay.summary', {
            runs: report.runs.length,
            decisions: report.timeline.length,
            time: formatDateTime(report.replayedAt, locale),
          })}
        </Text>
      )}
      {report && report.divergences.length > 0 && (
        <Table data-testid="audit-divergences">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('replay.event')}</Table.Th>
              <Table.Th>{t('replay.decision')}</Table.Th>
              <Table.Th>{t('replay.recorded')}</Table.Th>
              <Table.Th>{t('replay.today')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.divergences.map((divergence) => (
              <Table.Tr key={`${divergence.runId}-${divergence.eventId}`}>
                <Table.Td>{divergence.eventId}</Table.Td>
                <Table.Td>
                  {t(`kinds.${divergence.kind}` as AuditorKey, { defaultValue: divergence.kind })}
                  {divergence.actor && ` · ${nameOf(divergence.actor.userId) ?? t('unknownAccount')}`}
                </Table.Td>
                <Table.Td>{divergence.recorded}</Table.Td>
                <Table.Td>{divergence.today}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      <ChainCheck partnershipId={partnershipId} />

      <AsOfComparison partnershipId={partnershipId} startedAt={startedAt} />
    </Stack>
  );
}
