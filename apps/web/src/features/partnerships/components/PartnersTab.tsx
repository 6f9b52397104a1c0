import { Badge, Group, Paper, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { formatDate, formatRupiah } from '#shared/format';
import { useLanguage } from '#shared/i18n';
import { ApiErrorAlert, LoadingState } from '#shared/ui';
import { useFundingSummary, useLifecycleState, useOrganisations } from '../api/partnerships-api';
import { partnerMoney } from '../partner-money';

/** The partnership's organisations, their roles and what each brings. */
export function PartnersTab() {
  const { t } = useTranslation('partnerships');
  const language = useLanguage();
  const { partnershipId = '' } = useParams();
  const state = useLifecycleState(partnershipId);
  const partners = state.data?.partners ?? [];
  const organisations = useOrganisations(partners.map((partner) => partner.organisationId));
  // Funding is extra: without it (or while it loads) the partners still show.
  const funding = useFundingSummary(partnershipId);

  if (state.isPending) return <LoadingState />;
  if (state.isError) return <ApiErrorAlert error={state.error} onRetry={() => void state.refetch()} />;

  return (
    <Stack gap="sm">
      <div>
        <Title order={2} size="h3" data-testid="partners-title">
          {t('partners.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('partners.description')}
        </Text>
      </div>
      {partners.length === 0 ? (
        <Paper withBorder p="xl" data-testid="partners-none">
          <Text c="dimmed">{t('partners.none')}</Text>
        </Paper>
      ) : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" data-testid="partners-table">
              <Table.Caption>{t('partners.table.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('partners.table.organisation')}</Table.Th>
                  <Table.Th>{t('partners.table.role')}</Table.Th>
                  <Table.Th>{t('partners.table.joined')}</Table.Th>
                  <Table.Th>{t('partners.table.status')}</Table.Th>
                  <Table.Th>{t('partners.table.contributions')}</Table.Th>
                  <Table.Th>{t('partners.table.money')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {partners.map((partner, index) => {
                  const organisation = organisations[index]?.data;
                  const money = partnerMoney(funding.data, partner.organisationId);
                  return (
                    <Table.Tr key={`${partner.organisationId}:${partner.joinedAt}`} data-testid="partner-row">
                      <Table.Td>
                        <Text fw={500}>
                          {organisation?.name ??
                            t('partners.unknownOrganisation', { id: partner.organisationId })}
                        </Text>
                        {organisation && (
                          <Text size="xs" c="dimmed">
                            {t(`sectors.${organisation.sector}`)}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{t(`roles.${partner.role}`)}</Table.Td>
                      <Table.Td>{formatDate(partner.joinedAt, language)}</Table.Td>
                      <Table.Td>
                        {partner.withdrawnAt ? (
                          <Badge color="gray">
                            {t('partners.withdrawn', { date: formatDate(partner.withdrawnAt, language) })}
                          </Badge>
                        ) : (
                          <Badge color="green" variant="light">
                            {t('partners.active')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {organisation && organisation.resources.length > 0 ? (
                          <Group gap={4}>
                            {organisation.resources.map((resource) => (
                              <Tooltip
                                key={resource.kind}
                                label={resource.note}
                                disabled={!resource.note}
                                multiline
                                maw={280}
                              >
                                <Badge variant="light" color="mitra" tt="none">
                                  {t(`resources.${resource.kind}`)}
                                  {resource.note ? ` · ${resource.note}` : ''}
                                </Badge>
                              </Tooltip>
                            ))}
                          </Group>
                        ) : (
                          <Text size="sm" c="dimmed">
                            {t('partners.noContribution')}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td data-testid="partner-money">
                        {money ? (
                          <Stack gap={0}>
                            <Text size="sm">
                              {t('partners.money.committed')}: {formatRupiah(money.committed)}
                            </Text>
                            {money.committedInKind > 0 && (
                              <Text size="sm">
                                {t('partners.money.inKind')}: {formatRupiah(money.committedInKind)}
                              </Text>
                            )}
                            <Text size="xs" c="dimmed">
                              {t('partners.money.received')}: {formatRupiah(money.received)} ·{' '}
                              {t('partners.money.spent')}: {formatRupiah(money.spent)}
                            </Text>
                          </Stack>
                        ) : (
                          <Text size="sm" c="dimmed">
                            {t('partners.money.none')}
                          </Text>
                        )}
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
  );
}
