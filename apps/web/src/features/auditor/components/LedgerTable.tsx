import { Alert, Badge, Stack, Table, Text } from '@mantine/core';
import { formatDateTime, formatRupiah } from '#shared/format';
import { ApiErrorAlert, ExternalLink, LoadingState } from '#shared/ui';
import { useOrganisationName } from '#shared/organisations';
import { usePartnershipAccountNames } from '#shared/partnerships';
import { useLedger } from '../hooks/useAudit';
import { useAuditorTranslation } from '../i18n';
import { ledgerRows } from '../model/ledger';

function Organisation({ id }: { id: string }) {
  return <>{useOrganisationName(id)}</>;
}

/** The funding ledger, every entry in order; reversed entries stay, marked with the entry that reversed them. */
export function LedgerTable({ partnershipId }: { partnershipId: string }) {
  const { t, locale } = useAuditorTranslation();
  const ledger = useLedger(partnershipId);
  const nameOf = usePartnershipAccountNames(partnershipId);
  if (ledger.error) return <ApiErrorAlert error={ledger.error} onRetry={() => void ledger.refetch()} />;
  if (!ledger.data) return <LoadingState />;
  if (ledger.data.length === 0) return <Alert>{t('ledger.empty')}</Alert>;

  return (
    <Table.ScrollContainer minWidth={960}>
      <Table striped verticalSpacing="xs" data-testid="ledger">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>{t('ledger.when')}</Table.Th>
            <Table.Th>{t('ledger.kind')}</Table.Th>
            <Table.Th>{t('ledger.by')}</Table.Th>
            <Table.Th>{t('ledger.flow')}</Table.Th>
            <Table.Th ta="right">{t('ledger.amount')}</Table.Th>
            <Table.Th>{t('ledger.detail')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ledgerRows(ledger.data).map((row) => (
            <Table.Tr
              key={row.sequence}
              data-testid="ledger-entry"
              data-kind={row.kind}
              data-reversed={row.reversedBy !== undefined}
              opacity={row.reversedBy ? 0.6 : 1}
            >
              <Table.Td>{row.sequence}</Table.Td>
              <Table.Td>
                <Text size="sm">{t('time.wib', { time: formatDateTime(row.at, locale) })}</Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={2} align="flex-start">
                  <Text size="sm">{t(`ledger.kinds.${row.kind}`)}</Text>
                  {row.refersTo !== undefined && (
                    <Text size="xs" c="dimmed">
                      {t('ledger.refersTo', { sequence: row.refersTo })}
                    </Text>
                  )}
                  {row.reversedBy !== undefined && (
                    <Badge size="xs" color="red" variant="light">
                      {t('ledger.reversedBy', { sequence: row.reversedBy })}
                    </Badge>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{nameOf(row.actor.userId) ?? t('unknownAccount')}</Text>
                <Text size="xs" c="dimmed">
                  {t(`roles.${row.actor.role}`)}
                </Text>
              </Table.Td>
              <Table.Td>
                {row.payerOrganisationId && (
                  <Text size="sm">
                    <Organisation id={row.payerOrganisationId} />
                    {row.receiverOrganisationId && (
                      <>
                        {' → '}
                        <Organisation id={row.receiverOrganisationId} />
                      </>
                    )}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right">
                {row.amount !== undefined && (
                  <Text size="sm" data-testid="ledger-amount" style={{ whiteSpace: 'nowrap' }}>
                    {formatRupiah(row.amount)}
                  </Text>
                )}
                {row.inKind && (
                  <Text size="xs" c="dimmed">
                    {t('ledger.inKind')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {row.mechanism && (
                  <Text size="sm">
                    {t('ledger.plan', {
                      version: row.planVersion ?? 1,
                      mechanism: t(`ledger.mechanisms.${row.mechanism}`),
                    })}
                  </Text>
                )}
                {row.detail && <Text size="sm">{row.detail}</Text>}
                <ExternalLink href={row.link} size="xs" fallback={null}>
                  {t('ledger.evidence')}
                </ExternalLink>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
