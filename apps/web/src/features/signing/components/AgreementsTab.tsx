import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useCurrentUser } from '#shared/auth';
import { formatDateTime } from '#shared/format';
import { ApiErrorAlert, LoadingState, stackedTable } from '#shared/ui';
import { fetchPartnershipAgreements, partnershipAgreementsKey } from '../api/agreements-api';
import { useSigningTranslation } from '../i18n';
import { mayManageAgreements } from '../model/drafting';
import { agreementStatusColour } from './status-colours';

/** Coordinators start a new MoU or cooperation agreement from its template. */
function DraftActions({ partnershipId }: { partnershipId: string }) {
  const { t } = useSigningTranslation();
  const draft = (kind: string) =>
    `/partnerships/${encodeURIComponent(partnershipId)}/agreements/new?kind=${kind}`;
  return (
    <Group>
      <Button component={Link} to={draft('mou')} data-testid="draft-mou">
        {t('actions.draftMou')}
      </Button>
      <Button component={Link} to={draft('pks')} variant="light" data-testid="draft-pks">
        {t('actions.draftPks')}
      </Button>
    </Group>
  );
}

/** `/partnerships/:partnershipId/agreements`: the partnership's MoU and cooperation agreements, newest first. */
export function AgreementsTab() {
  const { partnershipId = '' } = useParams();
  const { t, locale } = useSigningTranslation();
  const manages = mayManageAgreements(useCurrentUser());
  const agreements = useQuery({
    queryKey: partnershipAgreementsKey(partnershipId),
    queryFn: ({ signal }) => fetchPartnershipAgreements(partnershipId, signal),
  });

  if (agreements.error)
    return <ApiErrorAlert error={agreements.error} onRetry={() => void agreements.refetch()} />;
  if (!agreements.data) return <LoadingState />;
  if (agreements.data.length === 0)
    return (
      <Stack>
        <Alert data-testid="agreements-none">{t('list.none')}</Alert>
        {manages && <DraftActions partnershipId={partnershipId} />}
      </Stack>
    );

  return (
    <Stack>
      {manages && <DraftActions partnershipId={partnershipId} />}
      <Paper withBorder>
        <Table verticalSpacing="sm" highlightOnHover className={stackedTable} data-testid="agreements-list">
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
                <Table.Td data-label={t('list.created')}>
                  <Text span size="sm">
                    {t('time.wib', { time: formatDateTime(agreement.createdAt, locale) })}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}
