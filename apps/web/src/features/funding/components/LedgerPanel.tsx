import { Group, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert, ExportLinks, LoadingState } from '#shared/ui';
import { useBalance, useFundingState, useSummary } from '../hooks/useFunding';
import { BalanceCards } from './BalanceCards';
import { FundingFigures } from './FundingFigures';
import { LedgerTable } from './LedgerTable';

/** For every member (and the auditor): the balance, the figures against the plan, and every entry. */
export function LedgerPanel({ partnershipId }: { partnershipId: string }) {
  const { t } = useTranslation('funding');
  const balance = useBalance(partnershipId);
  const summary = useSummary(partnershipId);
  const ledger = useFundingState(partnershipId);
  const failed = balance.error ?? summary.error ?? ledger.error;

  if (failed)
    return (
      <ApiErrorAlert
        error={failed}
        onRetry={() => void Promise.all([balance.refetch(), summary.refetch(), ledger.refetch()])}
      />
    );
  if (!balance.data || !summary.data || !ledger.data || !ledger.state) return <LoadingState />;
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('balance.title')}
        </Title>
        <BalanceCards balance={balance.data} />
      </Stack>
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('figures.title')}
        </Title>
        <FundingFigures summary={summary.data} />
      </Stack>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h4">
            {t('ledger.title')}
          </Title>
          <ExportLinks partnershipId={partnershipId} sheet="ledger" />
        </Group>
        <LedgerTable partnershipId={partnershipId} entries={ledger.data} state={ledger.state} />
      </Stack>
    </Stack>
  );
}
