import { Alert, Badge, Button, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { CommitmentView, FundingView } from '@mitra/contracts';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '#shared/auth';
import { formatDateTime, formatRupiah } from '#shared/format';
import { useLanguage } from '#shared/i18n';
import { ApiErrorAlert } from '#shared/ui';
import { useOrganisationNames } from '#shared/organisations';
import { useFundingCommand } from '../hooks/useFunding';
import { actingOrganisation, mayCoordinate } from '../model/permissions';
import { formatDay } from './calendar-day';
import { CommitmentForm } from './CommitmentForm';
import { RecordedBy } from './RecordedBy';

/** A coordinator releases a results-gated tranche; the service asks monitoring then whether its report is approved. */
function ReleaseTranche({ partnershipId, trancheId }: { partnershipId: string; trancheId: string }) {
  const { t } = useTranslation('funding');
  const user = useCurrentUser();
  const release = useFundingCommand(partnershipId);
  return (
    <Stack gap={2} align="flex-start">
      <Button
        size="compact-xs"
        variant="light"
        loading={release.isPending}
        onClick={() =>
          release.mutate({ command: { kind: 'release', trancheId }, key: `release-${trancheId}-${user.id}` })
        }
        data-testid={`release-${trancheId}`}
      >
        {t('commitments.release')}
      </Button>
      {release.error && <ApiErrorAlert error={release.error} />}
    </Stack>
  );
}

function Schedule({ partnershipId, commitment }: { partnershipId: string; commitment: CommitmentView }) {
  const { t } = useTranslation('funding');
  const language = useLanguage();
  const user = useCurrentUser();
  return (
    <Stack gap={4}>
      {commitment.tranches.map((tranche) => (
        <Stack
          key={tranche.id}
          gap={2}
          data-testid="tranche"
          data-tranche-id={tranche.id}
          data-releasable={tranche.releasable}
        >
          <Text size="xs">
            {formatDay(tranche.dueOn, language)}: {formatRupiah(tranche.amount)}
            {tranche.resultsGate &&
              ` · ${
                tranche.releasable
                  ? t('commitments.released')
                  : t('commitments.waitsForReport', { period: tranche.resultsGate.periodNumber })
              }`}
          </Text>
          {tranche.resultsGate && !tranche.releasable && !commitment.reversed && mayCoordinate(user) && (
            <ReleaseTranche partnershipId={partnershipId} trancheId={tranche.id} />
          )}
        </Stack>
      ))}
    </Stack>
  );
}

/** Every commitment, for every member; a partner commits for its own organisation, a coordinator for any. */
export function CommitmentsPanel({
  partnershipId,
  funding,
  organisations,
}: {
  partnershipId: string;
  funding: FundingView;
  organisations: readonly string[];
}) {
  const { t } = useTranslation('funding');
  const language = useLanguage();
  const user = useCurrentUser();
  const acting = actingOrganisation(user);
  const nameOf = useOrganisationNames(funding.commitments.map((c) => c.organisationId));

  return (
    <Stack gap="lg">
      {!funding.plan && <Alert data-testid="commitments-no-plan">{t('commitments.noPlan')}</Alert>}
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('commitments.title')}
        </Title>
        {funding.commitments.length === 0 ? (
          <Text c="dimmed" data-testid="commitments-none">
            {t('commitments.none')}
          </Text>
        ) : (
          <Paper withBorder>
            <Table.ScrollContainer minWidth={900}>
              <Table verticalSpacing="xs" data-testid="commitments">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>#</Table.Th>
                    <Table.Th>{t('commitments.organisation')}</Table.Th>
                    <Table.Th>{t('commitments.contribution')}</Table.Th>
                    <Table.Th ta="right">{t('commitments.value')}</Table.Th>
                    <Table.Th>{t('commitments.schedule')}</Table.Th>
                    <Table.Th ta="right">{t('commitments.received')}</Table.Th>
                    <Table.Th>{t('commitments.recorded')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {funding.commitments.map((commitment) => {
                    const value =
                      commitment.contribution.kind === 'cash'
                        ? commitment.contribution.amount
                        : commitment.contribution.valueEstimate;
                    const own = commitment.organisationId === user.organisationId;
                    return (
                      <Table.Tr
                        key={commitment.sequence}
                        data-testid="commitment"
                        data-sequence={commitment.sequence}
                        data-organisation-id={commitment.organisationId}
                        data-kind={commitment.contribution.kind}
                        data-reversed={commitment.reversed}
                        opacity={commitment.reversed ? 0.6 : 1}
                        fw={own ? 600 : undefined}
                      >
                        <Table.Td>{commitment.sequence}</Table.Td>
                        <Table.Td>
                          {nameOf(commitment.organisationId)}
                          {commitment.reversed && (
                            <Badge ml="xs" size="xs" color="red" variant="light">
                              {t('commitments.reversed')}
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{t(`contributions.${commitment.contribution.kind}`)}</Text>
                          {commitment.contribution.kind === 'in_kind' && (
                            <Text size="xs" c="dimmed">
                              {commitment.contribution.description}
                            </Text>
                          )}
                          {commitment.note && (
                            <Text size="xs" c="dimmed">
                              {commitment.note}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} data-testid="commitment-value">
                          {formatRupiah(value)}
                        </Table.Td>
                        <Table.Td>
                          <Schedule partnershipId={partnershipId} commitment={commitment} />
                        </Table.Td>
                        <Table.Td
                          ta="right"
                          style={{ whiteSpace: 'nowrap' }}
                          data-testid="commitment-received"
                        >
                          {commitment.contribution.kind === 'cash' ? formatRupiah(commitment.received) : '—'}
                        </Table.Td>
                        <Table.Td>
                          <Text size="xs">
                            {t('time.wib', { time: formatDateTime(commitment.recordedAt, language) })}
                          </Text>
                          <Text size="xs" c="dimmed">
                            <RecordedBy actor={commitment.recordedBy} />
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
      </Stack>
      {funding.plan && acting && (
        <Paper withBorder p="md">
          <CommitmentForm partnershipId={partnershipId} acting={acting} organisations={organisations} />
        </Paper>
      )}
    </Stack>
  );
}
