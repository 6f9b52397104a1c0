import { Anchor, Badge, Paper, Stack, Table, Text } from '@mantine/core';
import type { StageId } from '@mitra/contracts';
import { stages } from '@mitra/domain';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '#shared/format';
import { useLanguage } from '#shared/i18n';
import { auditWorkspacePath } from '#shared/partnerships';
import { ApiErrorAlert, LoadingState, MorePages, PageHeader, stackedTable } from '#shared/ui';
import { useRecentPartnerships } from '../api/inbox-api';

/** An auditor's landing: partnerships by their latest change, each with its last chain verification. */
export function RecentChangesPage() {
  const { t } = useTranslation('inbox');
  const language = useLanguage();
  const recent = useRecentPartnerships();
  const rows = recent.data?.items ?? [];
  const stageTitle = (stage: string) =>
    stages.find((definition) => definition.id === (stage as StageId))?.title[language] ?? stage;

  return (
    <Stack>
      <PageHeader title={t('auditor.title')} description={t('auditor.description')} />
      {recent.isPending && <LoadingState />}
      {recent.isError && <ApiErrorAlert error={recent.error} onRetry={() => void recent.refetch()} />}
      {recent.data && rows.length === 0 && (
        <Paper withBorder p="xl" data-testid="recent-empty">
          <Text c="dimmed">{t('auditor.empty')}</Text>
        </Paper>
      )}
      {rows.length > 0 && (
        <>
          <Paper withBorder>
            <Table.ScrollContainer minWidth={640}>
              <Table
                verticalSpacing="sm"
                highlightOnHover
                className={stackedTable}
                data-testid="recent-table"
              >
                <Table.Caption>{t('auditor.caption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('table.partnership')}</Table.Th>
                    <Table.Th>{t('auditor.stage')}</Table.Th>
                    <Table.Th>{t('auditor.changed')}</Table.Th>
                    <Table.Th>{t('auditor.verification')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((row) => (
                    <Table.Tr
                      key={row.partnershipId}
                      data-testid="recent-item"
                      data-partnership-id={row.partnershipId}
                    >
                      <Table.Td>
                        <Anchor component={Link} to={auditWorkspacePath(row.partnershipId)} fw={600}>
                          {row.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td data-label={t('auditor.stage')}>{stageTitle(row.stage)}</Table.Td>
                      <Table.Td data-label={t('auditor.changed')}>
                        <time dateTime={row.changedAt}>{formatDate(row.changedAt, language)}</time>
                      </Table.Td>
                      <Table.Td data-label={t('auditor.verification')}>
                        {row.lastVerification ? (
                          <Badge
                            color={row.lastVerification.intact ? 'green' : 'red'}
                            variant="light"
                            data-testid="recent-verification"
                          >
                            {t(row.lastVerification.intact ? 'auditor.intact' : 'auditor.tampered', {
                              date: formatDate(row.lastVerification.at, language),
                            })}
                          </Badge>
                        ) : (
                          <Text size="sm" c="dimmed">
                            {t('auditor.notVerified')}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
          <MorePages
            shown={rows.length}
            total={recent.data?.total ?? rows.length}
            hasMore={recent.hasNextPage}
            loading={recent.isFetchingNextPage}
            onMore={() => void recent.fetchNextPage()}
            testId="recent"
          />
        </>
      )}
    </Stack>
  );
}
