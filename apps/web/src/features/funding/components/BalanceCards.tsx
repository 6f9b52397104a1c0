import { Paper, SimpleGrid, Table, Text } from '@mantine/core';
import type { FundingBalance } from '@mitra/contracts';
import { useTranslation } from 'react-i18next';
import { formatRupiah } from '#shared/format';
import { useOrganisationNames } from '#shared/organisations';

const figures = ['received', 'reserved', 'disbursed', 'available'] as const;

/** What each fund holds, recomputed from the ledger by the service. */
export function BalanceCards({ balance }: { balance: FundingBalance }) {
  const { t } = useTranslation('funding');
  const nameOf = useOrganisationNames(balance.pots.map((pot) => pot.holderOrganisationId));
  return (
    <>
      <SimpleGrid cols={{ base: 2, md: 4 }} data-testid="balance">
        {figures.map((figure) => (
          <Paper key={figure} withBorder p="sm">
            <Text size="xs" c="dimmed">
              {t(`balance.${figure}`)}
            </Text>
            <Text fw={700} size="lg" data-testid={`balance-${figure}`} style={{ whiteSpace: 'nowrap' }}>
              {formatRupiah(balance.total[figure])}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      {balance.pots.length > 0 && (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing={4} data-testid="balance-pots">
              <Table.Caption>{t('balance.potsCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('balance.pot')}</Table.Th>
                  {figures.map((figure) => (
                    <Table.Th key={figure} ta="right">
                      {t(`balance.${figure}`)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {balance.pots.map((pot) => (
                  <Table.Tr key={pot.pot} data-testid="balance-pot" data-pot={pot.pot}>
                    <Table.Td>
                      {pot.pot === 'common'
                        ? t('balance.commonFund', { holder: nameOf(pot.holderOrganisationId) })
                        : t('balance.ownFunds', { holder: nameOf(pot.holderOrganisationId) })}
                    </Table.Td>
                    {figures.map((figure) => (
                      <Table.Td key={figure} ta="right" style={{ whiteSpace: 'nowrap' }}>
                        {formatRupiah(pot[figure])}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </>
  );
}
