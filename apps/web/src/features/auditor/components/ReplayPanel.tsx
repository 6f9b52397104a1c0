import { Alert, Anchor, Badge, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDateTime } from '#shared/format';
import { queryKeys } from '#shared/query';
import { ApiErrorAlert } from '#shared/ui';
import { fetchComparison, fetchReplay } from '../api/audit-api';
import { useAuditorTranslation } from '../i18n';
import { ChainCheck } from './ChainCheck';

const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const show = (value: unknown) =>
  value === null || value === undefined
    ? '—'
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);

/** One button: replay the whole history with the code in force; and the partnership between two dates. */
export function ReplayPanel({ partnershipId }: { partnershipId: string }) {
  const { t, locale } = useAuditorTranslation();
  const replay = useMutation({ mutationFn: () => fetchReplay(partnershipId) });
  const [from, setFrom] = useState(today());
  const [to, setTo] = useState(today());
  const comparison = useQuery({
    queryKey: queryKeys.partnershipPart(partnershipId, 'audit-compare', from, to),
    queryFn: ({ signal }) => fetchComparison(partnershipId, from, to, signal),
    enabled: /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to),
  });
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
                <Table.Td>{`${divergence.kind}${divergence.actor ? ` · ${divergence.actor.userId}` : ''}`}</Table.Td>
                <Table.Td>{divergence.recorded}</Table.Td>
                <Table.Td>{divergence.today}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      <ChainCheck partnershipId={partnershipId} />

      <Stack gap="xs">
        <Text fw={600}>{t('asOf.title')}</Text>
        <Group align="end">
          <TextInput
            type="date"
            label={t('asOf.from')}
            value={from}
            onChange={(event) => setFrom(event.currentTarget.value)}
            data-testid="audit-as-of-from"
          />
          <TextInput
            type="date"
            label={t('asOf.to')}
            value={to}
            onChange={(event) => setTo(event.currentTarget.value)}
            data-testid="audit-as-of-to"
          />
        </Group>
        {comparison.error && <ApiErrorAlert error={comparison.error} />}
        {comparison.data && (
          <>
            <Text size="sm">
              {t('asOf.stood', {
                date: to,
                stage: show(comparison.data.to.stage),
                status: show(comparison.data.to.status),
                partners: comparison.data.to.partners.length,
                mou: comparison.data.to.mou ? `v${comparison.data.to.mou.versionNumber}` : '—',
              })}
            </Text>
            {comparison.data.changes.length === 0 ? (
              <Alert color="gray">{t('asOf.noChanges')}</Alert>
            ) : (
              <Table data-testid="audit-changes">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('asOf.field')}</Table.Th>
                    <Table.Th>{from}</Table.Th>
                    <Table.Th>{to}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {comparison.data.changes.map((change) => (
                    <Table.Tr key={change.field}>
                      <Table.Td>{change.field}</Table.Td>
                      <Table.Td>{show(change.before)}</Table.Td>
                      <Table.Td>{show(change.after)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </>
        )}
      </Stack>
    </Stack>
  );
}
