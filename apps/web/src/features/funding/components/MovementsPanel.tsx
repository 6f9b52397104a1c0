import { Alert, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { FundingView, LedgerEntry } from '@mitra/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '#shared/auth';
import { ApiErrorAlert, LoadingState } from '#shared/ui';
import { useFundingState } from '../hooks/useFunding';
import { actingOrganisation, mayApprove, mayPay, mayReceive, maySpend } from '../model/permissions';
import { disbursementRequests, paymentsToAccountFor, receivableCommitments } from '../model/requests';
import { ExpenditureForm } from './ExpenditureForm';
import { ReceiptForm } from './ReceiptForm';
import { RequestCard } from './RequestCard';
import { RequestForm } from './RequestForm';

/**
 * Money moving: receipts in, disbursements requested, approved by the plan's rule and paid, and
 * expenditures accounted for. Each form shows only to those who may use it (a partner for its own
 * organisation); the api decides again.
 */
export function MovementsPanel({
  partnershipId,
  funding,
  organisations,
}: {
  partnershipId: string;
  funding: FundingView;
  organisations: readonly string[];
}) {
  const { t } = useTranslation('funding');
  const user = useCurrentUser();
  const ledger = useFundingState(partnershipId);
  const [recorded, setRecorded] = useState<LedgerEntry | undefined>();

  if (ledger.error) return <ApiErrorAlert error={ledger.error} onRetry={() => void ledger.refetch()} />;
  if (!ledger.state) return <LoadingState />;
  const { plan } = funding;
  if (!plan) return <Alert data-testid="movements-no-plan">{t('commitments.noPlan')}</Alert>;

  const state = ledger.state;
  const acting = actingOrganisation(user);
  const receivable = receivableCommitments(state).filter((c) => mayReceive(state, user, c.sequence));
  const payments = paymentsToAccountFor(state).filter((p) => maySpend(state, user, p.sequence));
  const requests = disbursementRequests(state);
  const activityOf = new Map(plan.lines.map((line) => [line.id, line.activity]));

  return (
    <Stack gap="lg">
      {recorded && (
        <Alert
          color="teal"
          withCloseButton
          onClose={() => setRecorded(undefined)}
          data-testid="movement-recorded"
          data-sequence={recorded.sequence}
          data-kind={recorded.kind}
        >
          {t('movements.recorded', { sequence: recorded.sequence, kind: t(`kinds.${recorded.kind}`) })}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {receivable.length > 0 && (
          <Paper withBorder p="md">
            <ReceiptForm partnershipId={partnershipId} commitments={receivable} onRecorded={setRecorded} />
          </Paper>
        )}
        {acting && (
          <Paper withBorder p="md">
            <RequestForm
              partnershipId={partnershipId}
              plan={plan}
              acting={acting}
              organisations={organisations}
              onRecorded={setRecorded}
            />
          </Paper>
        )}
      </SimpleGrid>
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('requests.title')}
        </Title>
        <Text size="sm" c="dimmed" data-testid="governance-rule">
          {plan.governance.distinctOrganisations > 0
            ? t('plan.governanceRule', {
                approvals: plan.governance.approvalsRequired,
                organisations: plan.governance.distinctOrganisations,
              })
            : t('plan.governanceApprovals', { approvals: plan.governance.approvalsRequired })}
        </Text>
        {requests.length === 0 && (
          <Text c="dimmed" data-testid="requests-none">
            {t('requests.none')}
          </Text>
        )}
        {requests.map((request) => (
          <RequestCard
            key={request.sequence}
            partnershipId={partnershipId}
            request={request}
            lineActivity={activityOf.get(request.lineId)}
            mayApprove={mayApprove(state, user, request.sequence)}
            mayPay={mayPay(state, user, request.sequence)}
            onRecorded={setRecorded}
          />
        ))}
      </Stack>
      {payments.length > 0 && (
        <Paper withBorder p="md">
          <ExpenditureForm
            partnershipId={partnershipId}
            payments={payments}
            organisations={organisations}
            onRecorded={setRecorded}
          />
        </Paper>
      )}
    </Stack>
  );
}
