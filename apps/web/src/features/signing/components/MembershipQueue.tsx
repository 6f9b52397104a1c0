import { Badge, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { QueuedChangeStatus, QueuedMembershipChange } from '@mitra/contracts';
import { formatDateTime } from '#shared/format';
import { useSigningTranslation } from '../i18n';

const statusColour: Record<QueuedChangeStatus, string> = { queued: 'blue', amended: 'teal', void: 'gray' };

/**
 * Partners joining or leaving while a round was open: each waits for the round to end and is then
 * amended (or, when the MoU no longer needs it, marked void with the reason). Nothing leaves the list.
 */
export function MembershipQueue({
  queue,
  organisationName,
}: {
  queue: QueuedMembershipChange[];
  /** The name of a leaving organisation, from the versions that named it. */
  organisationName: (organisationId: string) => string;
}) {
  const { t, locale } = useSigningTranslation();
  return (
    <Paper withBorder p="md" data-testid="membership-queue">
      <Stack gap="xs">
        <Title order={4}>{t('queue.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('queue.help')}
        </Text>
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('queue.change')}</Table.Th>
              <Table.Th>{t('queue.queuedAt')}</Table.Th>
              <Table.Th>{t('queue.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {queue.map((entry) => {
              const name =
                entry.change.kind === 'join'
                  ? entry.change.party.name
                  : organisationName(entry.change.organisationId);
              return (
                <Table.Tr key={entry.key} data-testid="queued-change" data-status={entry.status}>
                  <Table.Td>{t(`queue.kinds.${entry.change.kind}`, { name })}</Table.Td>
                  <Table.Td>{t('time.wib', { time: formatDateTime(entry.queuedAt, locale) })}</Table.Td>
                  <Table.Td>
                    <Badge color={statusColour[entry.status]}>{t(`queue.statuses.${entry.status}`)}</Badge>
                    {entry.versionNumber !== null && (
                      <Text size="xs">{t('queue.version', { number: entry.versionNumber })}</Text>
                    )}
                    {entry.reason && <Text size="xs">{t('queue.reason', { reason: entry.reason })}</Text>}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}
