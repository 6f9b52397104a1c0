import { Badge, Button, Group, Stack, Tabs, Text } from '@mantine/core';
import { stageDefinition } from '@mitra/domain';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '#shared/format';
import { useLifecycleState, usePartnershipAccountNames } from '#shared/partnerships';
import { ProgressCharts } from '#shared/progress';
import { ApiErrorAlert, LoadingState, PageHeader } from '#shared/ui';
import { useAllCycles } from '../hooks/useAudit';
import { useAuditorTranslation } from '../i18n';
import { AgreementsAudit } from './AgreementsAudit';
import { DecisionLog } from './DecisionLog';
import { LedgerTable } from './LedgerTable';
import { ReplayPanel } from './ReplayPanel';

/** `/audit/partnerships/:partnershipId`: a partnership's full record, read-only. */
export function AuditPartnershipPage() {
  const { partnershipId = '' } = useParams();
  const { t, locale } = useAuditorTranslation();
  const state = useLifecycleState(partnershipId);
  const cycles = useAllCycles(partnershipId, state.data);
  const nameOf = usePartnershipAccountNames(partnershipId);

  if (state.error) return <ApiErrorAlert error={state.error} onRetry={() => void state.refetch()} />;
  if (!state.data) return <LoadingState />;
  const data = state.data;
  const language = locale === 'en' ? 'en' : 'id';

  return (
    <Stack gap="lg" data-testid="audit-page">
      <PageHeader
        title={t('page.title', { name: data.name })}
        testId="audit-title"
        description={t('page.started', {
          time: formatDateTime(data.startedAt, locale),
          by: nameOf(data.startedBy) ?? t('unknownAccount'),
        })}
        actions={
          <Group>
            <Button
              component={Link}
              to={`/partnerships/${encodeURIComponent(partnershipId)}`}
              variant="subtle"
              data-testid="audit-partnership-page"
            >
              {t('page.partnershipPage')}
            </Button>
            <Badge size="lg" variant="light">
              {t('page.stage', { stage: stageDefinition(data.stage).title[language], cycle: data.cycle })}
            </Badge>
            <Badge size="lg" color={data.status === 'active' ? 'teal' : 'gray'}>
              {t(`lifecycleStatuses.${data.status}`)}
            </Badge>
          </Group>
        }
      />
      <Text size="sm" c="dimmed">
        {t('page.readOnly')}
      </Text>
      <Tabs defaultValue="decisions" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="decisions" data-testid="audit-tab-decisions">
            {t('tabs.decisions', { count: cycles.reduce((sum, cycle) => sum + cycle.decisions.length, 0) })}
          </Tabs.Tab>
          <Tabs.Tab value="agreements" data-testid="audit-tab-agreements">
            {t('tabs.agreements')}
          </Tabs.Tab>
          <Tabs.Tab value="progress" data-testid="audit-tab-progress">
            {t('tabs.progress')}
          </Tabs.Tab>
          <Tabs.Tab value="ledger" data-testid="audit-tab-ledger">
            {t('tabs.ledger')}
          </Tabs.Tab>
          <Tabs.Tab value="replay" data-testid="audit-tab-replay">
            {t('tabs.replay')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="decisions" pt="md">
          <DecisionLog cycles={cycles} />
        </Tabs.Panel>
        <Tabs.Panel value="agreements" pt="md">
          <AgreementsAudit partnershipId={partnershipId} />
        </Tabs.Panel>
        <Tabs.Panel value="progress" pt="md">
          <ProgressCharts partnershipId={partnershipId} />
        </Tabs.Panel>
        <Tabs.Panel value="ledger" pt="md">
          <LedgerTable partnershipId={partnershipId} />
        </Tabs.Panel>
        <Tabs.Panel value="replay" pt="md">
          <ReplayPanel partnershipId={partnershipId} startedAt={data.startedAt} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
