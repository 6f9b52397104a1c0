import {
  Badge,
  Button,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { withdrawPartnerSchema, type Partner } from '@mitra/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCurrentUser } from '#shared/auth';
import { formatDate, formatRupiah } from '#shared/format';
import { useLanguage } from '#shared/i18n';
import { ApiErrorAlert, LoadingState } from '#shared/ui';
import { useLifecycleState } from '#shared/partnerships';
import { useFundingSummary, useOrganisations } from '../api/partnerships-api';
import { offers } from '../model/lifecycle-view';
import { partnerMoney } from '../partner-money';
import { AddPartnerModal } from './AddPartnerModal';
import { ReasonDecisionModal } from './ReasonDecisionModal';

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
  const user = useCurrentUser();
  const [adding, setAdding] = useState(false);
  const [withdrawing, setWithdrawing] = useState<{ partner: Partner; name: string }>();

  if (state.isPending) return <LoadingState />;
  if (state.isError) return <ApiErrorAlert error={state.error} onRetry={() => void state.refetch()} />;
  const mayAdd = offers(state.data, user, { kind: 'addPartner', organisationId: '', role: 'partner' });
  const mayWithdraw = (partner: Partner) =>
    !partner.withdrawnAt &&
    offers(state.data, user, {
      kind: 'withdrawPartner',
      organisationId: partner.organisationId,
      reason: 'preview of the reason',
    });

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} size="h3" data-testid="partners-title">
            {t('partners.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('partners.description')}
          </Text>
        </div>
        {mayAdd && (
          <Button onClick={() => setAdding(true)} data-testid="add-partner">
            {t('addPartner.open')}
          </Button>
        )}
      </Group>
      {adding && <AddPartnerModal state={state.data} onClose={() => setAdding(false)} />}
      {withdrawing && (
        <ReasonDecisionModal
          partnershipId={partnershipId}
          kind="withdrawPartner"
          body={{ organisationId: withdrawing.partner.organisationId }}
          reasonRule={withdrawPartnerSchema.shape.reason}
          title={t('withdrawPartner.title', { name: withdrawing.name })}
          help={t(state.data.facts.mouEffective ? 'withdrawPartner.helpWithMou' : 'withdrawPartner.help')}
          reasonLabel={t('withdrawPartner.reason')}
          submitLabel={t('withdrawPartner.submit')}
          doneMessage={t('withdrawPartner.done', { name: withdrawing.name })}
          color="orange"
          testId="withdraw-partner"
          onClose={() => setWithdrawing(undefined)}
        />
      )}
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
                  <Table.Th>
                    <VisuallyHidden>{t('partners.table.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {partners.map((partner, index) => {
                  const organisation = organisations[index]?.data;
                  const money = partnerMoney(funding.data, partner.organisationId);
                  return (
                    <Table.Tr
                      key={`${partner.organisationId}:${partner.joinedAt}`}
                      data-testid="partner-row"
                      data-organisation-id={partner.organisationId}
                      data-withdrawn={Boolean(partner.withdrawnAt)}
                    >
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
                          <Badge color="gray" data-testid="partner-status">
                            {t('partners.withdrawn', { date: formatDate(partner.withdrawnAt, language) })}
                          </Badge>
                        ) : (
                          <Badge color="green" variant="light" data-testid="partner-status">
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
                      <Table.Td>
                        {mayWithdraw(partner) && (
                          <Button
                            size="xs"
                            variant="subtle"
                            color="orange"
                            onClick={() =>
                              setWithdrawing({
                                partner,
                                name: organisation?.name ?? partner.organisationId,
                              })
                            }
                            data-testid="withdraw-partner"
                          >
                            {partner.organisationId === user.organisationId && user.role === 'partner'
                              ? t('withdrawPartner.self')
                              : t('withdrawPartner.open')}
                          </Button>
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
