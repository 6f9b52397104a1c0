import { Badge, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { useCurrentUser } from '#shared/auth';
import { useLifecycleState } from '#shared/partnerships';
import { ApiErrorAlert, LoadingState } from '#shared/ui';
import { useFundingFollowsLedger, useFundingView } from '../hooks/useFunding';
import { fundingStatus, partnershipOrganisations, type FundingStatus } from '../model/funding-status';
import { mayRecord } from '../model/permissions';
import { CommitmentsPanel } from './CommitmentsPanel';
import { LedgerPanel } from './LedgerPanel';
import { MovementsPanel } from './MovementsPanel';
import { PlanPanel } from './PlanPanel';

const views = ['plan', 'commitments', 'ledger', 'movements'] as const;
type View = (typeof views)[number];

const statusColours: Record<FundingStatus, string> = {
  no_plan: 'gray',
  planned: 'yellow',
  committed: 'teal',
};

/**
 * `/partnerships/:partnershipId/funding` (Pendanaan): the plan, the commitments, the ledger with its
 * balance and figures for every member; money movements for those who record them. `?view=` keeps
 * the section in the address, so it can be linked to.
 */
export function FundingTab() {
  const { t } = useTranslation('funding');
  const { partnershipId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const user = useCurrentUser();
  const funding = useFundingView(partnershipId);
  useFundingFollowsLedger(partnershipId, funding.data?.sequence);
  const status = funding.data ? fundingStatus(funding.data) : undefined;
  const state = useLifecycleState(partnershipId);

  const shown = views.filter((view) => view !== 'movements' || mayRecord(user));
  const view: View = shown.find((candidate) => candidate === params.get('view')) ?? 'plan';

  const failed = funding.error ?? state.error;
  if (failed)
    return (
      <ApiErrorAlert error={failed} onRetry={() => void Promise.all([funding.refetch(), state.refetch()])} />
    );
  if (!funding.data || !state.data || !status) return <LoadingState />;
  const organisations = partnershipOrganisations(state.data);
  const panel = { partnershipId, funding: funding.data, organisations };

  return (
    <Stack
      gap="md"
      data-testid="funding-tab"
      data-status={status}
      data-plan-version={funding.data.plan?.version ?? 0}
    >
      <Stack gap={4}>
        <Group gap="sm">
          <Title order={2} size="h3">
            {t('title')}
          </Title>
          <Badge size="lg" color={statusColours[status]} data-testid="funding-status" data-status={status}>
            {t(`status.${status}`)}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {t('description')}
        </Text>
        {status === 'committed' && (
          <Text size="sm" data-testid="formation-funding" data-met={state.data.facts.fundingCommitted}>
            {state.data.facts.fundingCommitted ? t('status.gateMet') : t('status.gatePending')}
          </Text>
        )}
      </Stack>
      <Tabs
        value={view}
        onChange={(value) => setParams(value && value !== 'plan' ? { view: value } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List aria-label={t('views.label')}>
          {shown.map((candidate) => (
            <Tabs.Tab key={candidate} value={candidate} data-testid={`funding-view-${candidate}`}>
              {t(`views.${candidate}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="plan" pt="md">
          <PlanPanel {...panel} />
        </Tabs.Panel>
        <Tabs.Panel value="commitments" pt="md">
          <CommitmentsPanel {...panel} />
        </Tabs.Panel>
        <Tabs.Panel value="ledger" pt="md">
          <LedgerPanel partnershipId={partnershipId} />
        </Tabs.Panel>
        {mayRecord(user) && (
          <Tabs.Panel value="movements" pt="md">
            <MovementsPanel {...panel} />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
