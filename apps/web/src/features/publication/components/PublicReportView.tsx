import { LineChart } from '@mantine/charts';
import { Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type {
  PublicFunding,
  PublicGovernance,
  PublicIndicator,
  PublicPartner,
  PublicReport,
} from '@mitra/contracts';
import type { ReactNode } from 'react';
import { formatDate, formatRupiah } from '#shared/format';
import { SdgCatalogueTitle } from '#shared/sdg';
import { stackedTable } from '#shared/ui';
import { usePublicationTranslation } from '../i18n';
import { chartPoints } from '../model/publication';

function Section({ name, title, children }: { name: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" data-testid={`section-${name}`}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

function Governance({ governance }: { governance: PublicGovernance }) {
  const { t, locale } = usePublicationTranslation();
  if (!governance) return <Text c="dimmed">{t('report.noMou')}</Text>;
  const rows: [string, string, string][] = [
    [t('report.body'), governance.body, 'governance-body'],
    [
      t('report.decisionRule'),
      t(`report.decisionRules.${governance.decisionRule}`),
      'governance-decision-rule',
    ],
    [t('report.meetings'), t(`report.frequencies.${governance.meetingFrequency}`), 'governance-meetings'],
  ];
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed" data-testid="governance-mou">
        {t('report.mou', { title: governance.mouTitle, version: governance.versionNumber })}
        {governance.effectiveSince &&
          `, ${t('report.mouSince', { date: formatDate(governance.effectiveSince, locale) })}`}
      </Text>
      <Table variant="vertical" withTableBorder>
        <Table.Tbody>
          {rows.map(([label, value, testId]) => (
            <Table.Tr key={testId}>
              <Table.Th w={220}>{label}</Table.Th>
              <Table.Td data-testid={testId}>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function Partners({ partners }: { partners: PublicPartner[] }) {
  const { t } = usePublicationTranslation();
  if (partners.length === 0) return <Text c="dimmed">{t('report.noPartners')}</Text>;
  return (
    <Table striped withTableBorder className={stackedTable}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('report.partner')}</Table.Th>
          <Table.Th>{t('report.sector')}</Table.Th>
          <Table.Th>{t('report.role')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {partners.map((partner) => (
          <Table.Tr key={`${partner.name}-${partner.role}`} data-testid="public-partner">
            <Table.Td>{partner.name}</Table.Td>
            <Table.Td data-label={t('report.sector')}>
              {partner.sector ? t(`report.sectors.${partner.sector}`) : t('report.unknownSector')}
            </Table.Td>
            <Table.Td data-label={t('report.role')}>{t(`report.roles.${partner.role}`)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

const moneyKeys = ['planned', 'committed', 'received', 'disbursed', 'spent'] as const;

function Funding({ funding }: { funding: PublicFunding }) {
  const { t } = usePublicationTranslation();
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 2, md: 5 }}>
        {moneyKeys.map((key) => (
          <Stack key={key} gap={2}>
            <Text size="xs" c="dimmed" tt="uppercase">
              {t(`report.money.${key}`)}
            </Text>
            <Text fw={600} data-testid={`funding-${key}`}>
              {formatRupiah(funding[key])}
            </Text>
          </Stack>
        ))}
      </SimpleGrid>
      {funding.byPartner.length > 0 && (
        <Table striped withTableBorder className={stackedTable}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('report.byPartner')}</Table.Th>
              <Table.Th ta="right">{t('report.money.received')}</Table.Th>
              <Table.Th ta="right">{t('report.money.spent')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {funding.byPartner.map((row) => (
              <Table.Tr key={row.name} data-testid="funding-partner">
                <Table.Td>{row.name}</Table.Td>
                <Table.Td ta="right" data-label={t('report.money.received')}>
                  {formatRupiah(row.received)}
                </Table.Td>
                <Table.Td ta="right" data-label={t('report.money.spent')}>
                  {formatRupiah(row.spent)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function Indicator({ indicator, index }: { indicator: PublicIndicator; index: number }) {
  const { t, locale } = usePublicationTranslation();
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const data = chartPoints(indicator).map((point) => ({
    ...point,
    label: t('report.period', { period: point.period }),
  }));
  return (
    <Paper withBorder p="md" data-testid={`indicator-${index}`}>
      <Stack gap="xs">
        <Text fw={600}>{indicator.name}</Text>
        <SdgCatalogueTitle code={indicator.sdg.code} />
        <Text size="xs" c="dimmed">
          {t('report.indicatorMeta', { code: indicator.sdg.code, unit: indicator.unit })} ·{' '}
          {indicator.baseline
            ? t('report.baseline', {
                value: number.format(indicator.baseline.value),
                date: formatDate(indicator.baseline.date, locale),
              })
            : t('report.noBaseline')}
        </Text>
        <Text size="sm" data-testid="indicator-progress">
          {indicator.current === null
            ? t('report.noProgress')
            : t('report.progress', {
                progress: indicator.progress === null ? '—' : percent.format(indicator.progress),
                current: number.format(indicator.current),
                target: indicator.target === null ? '—' : number.format(indicator.target),
                unit: indicator.unit,
              })}
        </Text>
        {data.length > 0 && (
          <LineChart
            h={200}
            data={data}
            dataKey="label"
            connectNulls
            withLegend
            valueFormatter={(value) => number.format(value)}
            data-testid="indicator-chart"
            series={[
              { name: 'value', label: t('report.series.value'), color: 'teal.6' },
              {
                name: 'target',
                label: t('report.series.target'),
                color: 'blue.6',
                strokeDasharray: '6 4',
                curveType: 'stepAfter',
              },
              {
                name: 'baseline',
                label: t('report.series.baseline'),
                color: 'gray.6',
                strokeDasharray: '2 3',
              },
            ]}
          />
        )}
      </Stack>
    </Paper>
  );
}

/**
 * A report as published (or as it would be): the chosen sections only, in the report's order. The
 * same view serves the public page and the coordinator's preview, so the preview shows what the
 * public will see.
 */
export function PublicReportView({ report }: { report: PublicReport }) {
  const { t } = usePublicationTranslation();
  return (
    <Stack gap="md" data-testid="public-report">
      {report.governance !== undefined && (
        <Section name="governance" title={t('sections.governance')}>
          <Governance governance={report.governance} />
        </Section>
      )}
      {report.partners && (
        <Section name="partners" title={t('sections.partners')}>
          <Partners partners={report.partners} />
        </Section>
      )}
      {report.funding && (
        <Section name="funding" title={t('sections.funding')}>
          <Funding funding={report.funding} />
        </Section>
      )}
      {report.indicators && (
        <Section name="indicators" title={t('sections.indicators')}>
          {report.indicators.length === 0 ? (
            <Text c="dimmed">{t('report.noIndicators')}</Text>
          ) : (
            <SimpleGrid cols={{ base: 1, lg: 2 }}>
              {report.indicators.map((indicator, index) => (
                <Indicator key={`${indicator.name}-${index}`} indicator={indicator} index={index} />
              ))}
            </SimpleGrid>
          )}
        </Section>
      )}
    </Stack>
  );
}
