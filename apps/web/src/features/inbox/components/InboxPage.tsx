import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import type { InboxItem, StageId } from '@mitra/contracts';
import { stages } from '@mitra/domain';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatRelativeDay } from '#shared/format';
import { useLanguage, type Language } from '#shared/i18n';
import { useOrganisationNames } from '#shared/organisations';
import { useCurrentUser } from '#shared/auth';
import { ApiErrorAlert, LoadingState, MorePages, PageHeader, stackedTable } from '#shared/ui';
import { useInbox } from '../api/inbox-api';
import { countByUrgency, inboxRows, nextUrgencyChange, urgencies, webLinkOf, type Urgency } from '../urgency';
import { useRenderAgainAt } from './use-render-again-at';

const urgencyColours: Record<Urgency, string> = {
  overdue: 'red',
  today: 'orange',
  soon: 'yellow',
  later: 'gray',
};

const stageTitle = (stage: string, language: Language) =>
  stages.find((definition) => definition.id === (stage as StageId))?.title[language] ?? stage;

export function InboxPage() {
  const { t } = useTranslation('inbox');
  const language = useLanguage();
  const inbox = useInbox();
  // A partner's inbox is what awaits its organisation ("Menunggu Anda").
  const forPartner = useCurrentUser().role === 'partner';
  const now = new Date();
  const rows = inbox.data ? inboxRows(inbox.data.items, now) : [];
  const counts = countByUrgency(rows);
  useRenderAgainAt(inbox.data && nextUrgencyChange(inbox.data.items, now));
  const organisationName = useOrganisationNames(rows.flatMap(({ item }) => item.organisationId ?? []));
  const subjectOf = (item: InboxItem) =>
    t(`subject.${item.kind}`, {
      stage: stageTitle(item.subject ?? item.stage, language),
      period: item.subject ?? '',
      title: item.subject ?? '',
      entry: item.subject ?? '',
      count: item.count ?? 0,
    });

  return (
    <Stack>
      <PageHeader
        title={t(forPartner ? 'partner.title' : 'title')}
        description={t(forPartner ? 'partner.description' : 'description')}
      />
      {inbox.isPending && <LoadingState />}
      {inbox.isError && <ApiErrorAlert error={inbox.error} onRetry={() => void inbox.refetch()} />}
      {inbox.data && inbox.data.unavailable.length > 0 && (
        <Alert color="yellow" data-testid="inbox-unavailable">
          {t('unavailable', { services: inbox.data.unavailable.join(', ') })}
        </Alert>
      )}
      {inbox.data && rows.length === 0 && (
        <Paper withBorder p="xl" data-testid="inbox-empty">
          <Text c="dimmed">{t('empty')}</Text>
        </Paper>
      )}
      {rows.length > 0 && (
        <>
          <Group gap="sm" aria-label={t('summary.label')} data-testid="inbox-summary">
            {urgencies.map((urgency) => (
              <Badge
                key={urgency}
                size="lg"
                variant="light"
                color={urgencyColours[urgency]}
                data-testid={`inbox-count-${urgency}`}
              >
                {t(`summary.${urgency}`)}: {counts[urgency]}
              </Badge>
            ))}
          </Group>
          <Paper withBorder>
            <Table.ScrollContainer minWidth={760}>
              <Table verticalSpacing="sm" highlightOnHover className={stackedTable} data-testid="inbox-table">
                <Table.Caption>{t('table.caption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('table.urgency')}</Table.Th>
                    <Table.Th>{t('table.kind')}</Table.Th>
                    <Table.Th>{t('table.subject')}</Table.Th>
                    <Table.Th>{t('table.partnership')}</Table.Th>
                    <Table.Th>{t('table.due')}</Table.Th>
                    <Table.Th>
                      <VisuallyHidden>{t('table.action')}</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map(({ item, urgency }, index) => (
                    <Table.Tr
                      key={`${item.kind}:${item.partnershipId}:${item.subject ?? ''}:${index}`}
                      data-testid="inbox-item"
                      data-urgency={urgency}
                      data-kind={item.kind}
                      data-due={item.dueAt ?? ''}
                    >
                      <Table.Td>
                        <Badge
                          color={urgencyColours[urgency]}
                          variant={urgency === 'overdue' ? 'filled' : 'light'}
                        >
                          {t(`urgency.${urgency}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{t(`kind.${item.kind}`)}</Table.Td>
                      <Table.Td fw={500}>{subjectOf(item)}</Table.Td>
                      <Table.Td>
                        <Anchor
                          component={Link}
                          to={`/partnerships/${encodeURIComponent(item.partnershipId)}`}
                        >
                          {item.partnershipName}
                        </Anchor>
                        {item.organisationId && (
                          <Text size="xs" c="dimmed" data-testid="inbox-organisation">
                            {t(`organisation.${item.kind}`, { name: organisationName(item.organisationId) })}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td data-label={t('table.due')}>
                        {item.dueAt ? (
                          <time dateTime={item.dueAt}>
                            {t('due', {
                              date: formatDate(item.dueAt, language),
                              relative: formatRelativeDay(item.dueAt, language, now),
                            })}
                          </time>
                        ) : (
                          t('noDeadline')
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Button
                          component={Link}
                          to={webLinkOf(item)}
                          size="xs"
                          variant="light"
                          data-testid="inbox-open"
                        >
                          {t('open')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
          <MorePages
            shown={rows.length}
            total={inbox.data?.total ?? rows.length}
            hasMore={inbox.hasNextPage}
            loading={inbox.isFetchingNextPage}
            onMore={() => void inbox.fetchNextPage()}
            testId="inbox"
          />
        </>
      )}
    </Stack>
  );
}
