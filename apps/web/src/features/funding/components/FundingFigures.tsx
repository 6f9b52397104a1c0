import { BarChart } from '@mantine/charts';
import { Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { FundingSummary } from '@mitra/contracts';
import { useTranslation } from 'react-i18next';
import { formatRupiah } from '#shared/format';
import { useLanguage } from '#shared/i18n';
import { useOrganisationNames } from '#shared/organisations';
import { SdgCatalogueTitle } from '#shared/sdg';
import { partnerBars, realisation, yearBars } from '../model/figures';

const totals = ['planned', 'committed', 'committedInKind', 'received', 'disbursed', 'spent'] as const;

/** Compact figures on the axes (`450 jt` / `450M`); the tooltips give the exact Rupiah. */
const axisRupiah = (language: string) => (value: number) =>
  new Intl.NumberFormat(language, { notation: 'compact', maximumFractionDigits: 1 }).format(value);

/** The accountability figures: totals, per partner (charted), per year, per SDG target, and plan against actual. */
export function FundingFigures({ summary }: { summary: FundingSummary }) {
  const { t } = useTranslation('funding');
  const language = useLanguage();
  const nameOf = useOrganisationNames(summary.byPartner.map((p) => p.organisationId));
  const partners = partnerBars(summary, nameOf);
  const years = yearBars(summary);
  const percent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 });
  const rate = realisation(summary.totals.planned, summary.totals.spent);

  return (
    <Stack gap="md" data-testid="funding-figures">
      <SimpleGrid cols={{ base: 2, md: 6 }}>
        {totals.map((figure) => (
          <div key={figure}>
            <Text size="xs" c="dimmed">
              {t(`figures.${figure}`)}
            </Text>
            <Text fw={600} data-testid={`total-${figure}`} style={{ whiteSpace: 'nowrap' }}>
              {formatRupiah(summary.totals[figure])}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      <Text size="sm" data-testid="realisation">
        {rate === null ? t('figures.noPlan') : t('figures.realisation', { rate: percent.format(rate) })}
      </Text>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Paper withBorder p="md" data-testid="chart-partners">
          <Title order={4} size="h5" mb="xs">
            {t('figures.byPartner')}
          </Title>
          {partners.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('figures.nothingYet')}
            </Text>
          ) : (
            <BarChart
              h={260}
              data={partners}
              dataKey="organisation"
              withLegend
              valueFormatter={(value) => formatRupiah(value)}
              yAxisProps={{ tickFormatter: axisRupiah(language), width: 70 }}
              series={[
                { name: 'committed', label: t('figures.committed'), color: 'blue.6' },
                { name: 'inKind', label: t('figures.committedInKind'), color: 'grape.5' },
                { name: 'received', label: t('figures.received'), color: 'teal.6' },
                { name: 'spent', label: t('figures.spent'), color: 'orange.6' },
              ]}
            />
          )}
        </Paper>
        <Paper withBorder p="md" data-testid="chart-years">
          <Title order={4} size="h5" mb="xs">
            {t('figures.byYear')}
          </Title>
          {years.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('figures.nothingYet')}
            </Text>
          ) : (
            <BarChart
              h={260}
              data={years}
              dataKey="year"
              withLegend
              valueFormatter={(value) => formatRupiah(value)}
              yAxisProps={{ tickFormatter: axisRupiah(language), width: 70 }}
              series={[
                { name: 'planned', label: t('figures.planned'), color: 'gray.6' },
                { name: 'committed', label: t('figures.committed'), color: 'blue.6' },
                { name: 'received', label: t('figures.received'), color: 'teal.6' },
                { name: 'spent', label: t('figures.spent'), color: 'orange.6' },
              ]}
            />
          )}
        </Paper>
      </SimpleGrid>
      <Paper withBorder>
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing={4} data-testid="plan-vs-actual">
            <Table.Caption>{t('figures.planVsActual')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('plan.line.id')}</Table.Th>
                <Table.Th>{t('plan.line.activity')}</Table.Th>
                <Table.Th>{t('plan.line.year')}</Table.Th>
                <Table.Th ta="right">{t('figures.planned')}</Table.Th>
                <Table.Th ta="right">{t('figures.disbursed')}</Table.Th>
                <Table.Th ta="right">{t('figures.spent')}</Table.Th>
                <Table.Th ta="right">{t('figures.deviation')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {summary.deviation.lines.map((line) => (
                <Table.Tr key={line.lineId} data-testid="plan-vs-actual-line" data-line-id={line.lineId}>
                  <Table.Td ff="monospace">{line.lineId}</Table.Td>
                  <Table.Td>{line.activity}</Table.Td>
                  <Table.Td>{line.year}</Table.Td>
                  <Table.Td ta="right">{formatRupiah(line.planned)}</Table.Td>
                  <Table.Td ta="right">{formatRupiah(line.disbursed)}</Table.Td>
                  <Table.Td ta="right" data-testid="line-spent">
                    {formatRupiah(line.spent)}
                  </Table.Td>
                  <Table.Td ta="right">
                    {line.deviationRate === null ? '—' : percent.format(line.deviationRate)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      {summary.csr.length > 0 && (
        <Paper withBorder>
          <Table verticalSpacing={4} data-testid="csr-figures">
            <Table.Caption>{t('figures.csr')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('plan.line.csrField')}</Table.Th>
                <Table.Th>{t('plan.line.year')}</Table.Th>
                <Table.Th ta="right">{t('figures.planned')}</Table.Th>
                <Table.Th ta="right">{t('figures.spent')}</Table.Th>
                <Table.Th ta="right">{t('figures.companies')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {summary.csr.map((row) => (
                <Table.Tr key={`${row.field}:${row.year}`} data-testid="csr-figure" data-field={row.field}>
                  <Table.Td>{t(`csrFields.${row.field}`)}</Table.Td>
                  <Table.Td>{row.year}</Table.Td>
                  <Table.Td ta="right">{formatRupiah(row.planned)}</Table.Td>
                  <Table.Td ta="right">{formatRupiah(row.spent)}</Table.Td>
                  <Table.Td ta="right">{row.companies}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {summary.bySdgTarget.length > 0 && (
        <Paper withBorder>
          <Table verticalSpacing={4} data-testid="sdg-figures">
            <Table.Caption>{t('figures.bySdgTarget')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('figures.target')}</Table.Th>
                <Table.Th ta="right">{t('figures.planned')}</Table.Th>
                <Table.Th ta="right">{t('figures.reserved')}</Table.Th>
                <Table.Th ta="right">{t('figures.disbursed')}</Table.Th>
                <Table.Th ta="right">{t('figures.spent')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {summary.bySdgTarget.map((row) => (
                <Table.Tr key={row.target} data-testid="sdg-figure" data-target={row.target}>
                  <Table.Td>
                    {t('figures.sdg', { target: row.target })}
                    <SdgCatalogueTitle code={row.target} />
                  </Table.Td>
                  <Table.Td ta="right">{formatRupiah(row.planned)}</Table.Td>
                  <Table.Td ta="right">{formatRupiah(row.reserved)}</Table.Td>
                  <Table.Td ta="right">{formatRupiah(row.disbursed)}</Table.Td>
                  <Table.Td ta="right">{formatRupiah(row.spent)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
