import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { stages } from '@mitra/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useCurrentUser } from '#shared/auth';
import { useLanguage } from '#shared/i18n';
import { auditWorkspacePath, usePartnershipList } from '#shared/partnerships';
import { ApiErrorAlert, LoadingState, MorePages, PageHeader } from '#shared/ui';
import {
  filtersFromSearch,
  isPartnershipHealth,
  partnershipHealths,
  searchOfFilters,
  type PartnershipFilters,
} from '../filters';
import { healthColours, regionLabel } from '../labels';
import { NewPartnershipModal } from './NewPartnershipModal';

const goals = Array.from({ length: 17 }, (_, index) => String(index + 1));

export function PartnershipsPage() {
  const { t } = useTranslation('partnerships');
  const language = useLanguage();
  const user = useCurrentUser();
  const [starting, setStarting] = useState(false);
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersFromSearch(searchParams);
  const partnerships = usePartnershipList(filters);

  const setFilter = (change: Partial<PartnershipFilters>) =>
    setSearchParams(searchOfFilters({ ...filters, ...change }), { replace: true });
  const setRegion = useDebouncedCallback(
    (region: string) => setFilter({ region: region.trim() || undefined }),
    400,
  );
  // An auditor comes to audit: its rows open the audit workspace, which links to the partnership's page.
  const rowLink = (partnershipId: string) =>
    user.role === 'auditor'
      ? auditWorkspacePath(partnershipId)
      : `/partnerships/${encodeURIComponent(partnershipId)}`;
  const stageTitle = (stage: string) =>
    stages.find((definition) => definition.id === stage)?.title[language] ?? stage;

  return (
    <Stack>
      <PageHeader
        title={t('list.title')}
        description={t('list.description')}
        actions={
          // Starting a partnership is the secretariat's: the api admits coordinators and admins only.
          (user.role === 'coordinator' || user.role === 'admin') && (
            <Button onClick={() => setStarting(true)} data-testid="new-partnership">
              {t('newPartnership.open')}
            </Button>
          )
        }
      />
      {starting && <NewPartnershipModal onClose={() => setStarting(false)} />}
      <Paper withBorder p="md" component="section" aria-label={t('list.filters.label')}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          <Select
            label={t('list.filters.stage')}
            placeholder={t('list.filters.any')}
            clearable
            data={stages.map((stage) => ({ value: stage.id, label: stage.title[language] }))}
            value={filters.stage ?? null}
            onChange={(value) =>
              setFilter({ stage: value ? (value as PartnershipFilters['stage']) : undefined })
            }
            data-testid="filter-stage"
          />
          <Select
            label={t('list.filters.sdg')}
            placeholder={t('list.filters.any')}
            clearable
            data={goals.map((goal) => ({ value: goal, label: t('sdgGoal', { goal }) }))}
            value={filters.sdg ?? null}
            onChange={(value) => setFilter({ sdg: value ?? undefined })}
            data-testid="filter-sdg"
          />
          <TextInput
            label={t('list.filters.region')}
            placeholder={t('list.filters.regionPlaceholder')}
            defaultValue={filters.region ?? ''}
            key={filters.region ? 'region-set' : 'region-empty'}
            onChange={(event) => setRegion(event.currentTarget.value)}
            data-testid="filter-region"
          />
          <Select
            label={t('list.filters.health')}
            placeholder={t('list.filters.any')}
            clearable
            data={partnershipHealths.map((health) => ({ value: health, label: t(`health.${health}`) }))}
            value={filters.health ?? null}
            onChange={(value) => setFilter({ health: isPartnershipHealth(value) ? value : undefined })}
            data-testid="filter-health"
          />
        </SimpleGrid>
        {Object.keys(filters).length > 0 && (
          <Button
            variant="subtle"
            size="xs"
            mt="sm"
            onClick={() => setSearchParams(new URLSearchParams(), { replace: true })}
            data-testid="filter-clear"
          >
            {t('list.filters.clear')}
          </Button>
        )}
      </Paper>

      {partnerships.isPending && <LoadingState />}
      {partnerships.isError && (
        <ApiErrorAlert error={partnerships.error} onRetry={() => void partnerships.refetch()} />
      )}
      {partnerships.data && partnerships.data.unavailable.length > 0 && (
        <Alert color="yellow" data-testid="partnerships-unavailable">
          {t('list.unavailable', { services: partnerships.data.unavailable.join(', ') })}
        </Alert>
      )}
      {partnerships.data && (
        <>
          <Text size="sm" c="dimmed" data-testid="partnerships-count">
            {t('list.count', { count: partnerships.data.total })}
          </Text>
          {partnerships.data.items.length === 0 ? (
            <Paper withBorder p="xl" data-testid="partnerships-empty">
              <Text c="dimmed">{t('list.empty')}</Text>
            </Paper>
          ) : (
            <Paper withBorder>
              <Table.ScrollContainer minWidth={720}>
                <Table verticalSpacing="sm" highlightOnHover data-testid="partnerships-table">
                  <Table.Caption>{t('list.table.caption')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('list.table.name')}</Table.Th>
                      <Table.Th>{t('list.table.stage')}</Table.Th>
                      <Table.Th>{t('list.table.sdg')}</Table.Th>
                      <Table.Th>{t('list.table.region')}</Table.Th>
                      <Table.Th>{t('list.table.health')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {partnerships.data.items.map((partnership) => (
                      <Table.Tr
                        key={partnership.partnershipId}
                        data-testid="partnership-row"
                        data-partnership-id={partnership.partnershipId}
                      >
                        <Table.Td>
                          <Anchor
                            component={Link}
                            to={rowLink(partnership.partnershipId)}
                            fw={600}
                            data-testid="partnership-link"
                          >
                            {partnership.name}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>
                          <Badge variant="light">{stageTitle(partnership.stage)}</Badge>
                        </Table.Td>
                        <Table.Td>
                          <Group gap={4}>
                            {partnership.sdgGoals.map((goal) => (
                              <Badge key={goal} size="sm" variant="outline" color="gray">
                                {t('sdgGoal', { goal })}
                              </Badge>
                            ))}
                          </Group>
                        </Table.Td>
                        <Table.Td>{regionLabel(partnership.region)}</Table.Td>
                        <Table.Td>
                          <Badge
                            color={(partnership.health && healthColours[partnership.health]) || 'gray'}
                            variant="dot"
                          >
                            {isPartnershipHealth(partnership.health)
                              ? t(`health.${partnership.health}`)
                              : t('health.unknown')}
                          </Badge>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Paper>
          )}
          {partnerships.data.items.length > 0 && (
            <MorePages
              shown={partnerships.data.items.length}
              total={partnerships.data.total}
              hasMore={partnerships.hasNextPage}
              loading={partnerships.isFetchingNextPage}
              onMore={() => void partnerships.fetchNextPage()}
              testId="partnerships"
            />
          )}
        </>
      )}
    </Stack>
  );
}
