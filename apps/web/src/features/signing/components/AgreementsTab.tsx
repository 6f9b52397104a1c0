import { Alert, Anchor, Badge, Paper, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '#shared/format';
import { ApiErrorAlert, LoadingState } from '#shared/ui';
import { fetchPartnershipAgreements, partnershipAgreementsKey } from '../api/agreements-api';
import { useSigningTranslation } from '../i18n';
import { agreementStatusColour } from './status-colours';

/** `/partnerships/:partnershipId/agreements`: the partnership's MoU and cooperation agreements, newest first. */
export function AgreementsTab() {
  const { partnershipId = '' } = useParams();
  const { t, locale } = useSigningTranslation();
  const agreements = useQuery({
    queryKey: partnershipAgreementsKey(partnershipId),
    queryFn: ({ signal }) => fetchPartnershipAgreements(partnershipId, signal),
  });

  if (agreements.error)
    return <ApiErrorAlert error={agreements.error} onRetry={() => void agreements.refetch()} />;
  if (!agreements.data) return <LoadingState />;
  if (agreements.data.length === 0) return <Alert data-testid="agreements-none">{t('list.none')}</Alert>;

  return (
    <Paper withBorder>
      <Table verticalSpacing="sm" highlightOnHover data-testid="agreements-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('list.title')}</Table.Th>
            <Table.Th>{t('list.kind')}</Table.Th>
            <Table.Th>{t('list.status')}</Table.Th>
            <Table.Th>{t('list.versions')}</Table.Th>
            <Table.Th>{t('list.created')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {agreements.data.map((agreement) => (
            <Table.Tr key={agreement.id} data-testid={`agreement-${agreement.id}`}>
              <Table.Td>
                <Anchor component={Link} to={`/agreements/${agreement.id}`} fw={500}>
                  {agreement.title}
                </Anchor>
              </Table.Td>
              <Table.Td>{t(`kind.${agreement.kind}`)}</Table.Td>
              <Table.Td>
                <Badge color={agreementStatusColour[agreement.status]} variant="light">
                  {t(`status.${agreement.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {t('version.label', { number: agreement.latestVersion })}
                  {agreement.effectiveVersion !== null &&
                    ` · ${t('list.inForce', { number: agreement.effectiveVersion })}`}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t('time.wib', { time: formatDateTime(agreement.createdAt, locale) })}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
