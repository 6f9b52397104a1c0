import { LineChart } from '@mantine/charts';
import { Alert, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '#shared/i18n';
import { useMonitoringPlan } from '#shared/monitoring';
import { SdgCatalogueTitle } from '#shared/sdg';
import { ApiErrorAlert, LoadingState } from '#shared/ui';
import { progressCharts, type IndicatorChart } from './progress-chart';

function IndicatorProgressChart({ chart }: { chart: IndicatorChart }) {
  const { t } = useTranslation();
  const locale = useLanguage();
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const { indicator, progress } = chart;
  const data = chart.points.map((point) => ({
    ...point,
    label: t('progress.period', { period: point.period }),
  }));

  return (
    <Paper withBorder p="md" data-testid={`chart-${indicator.id}`}>
      <Stack gap="xs">
        <Text fw={600}>{indicator.name}</Text>
        <Group gap="lg">
          <Text size="xs" c="dimmed">
            {t('progress.sdg', { code: indicator.sdg.code })} ·{' '}
            {t(`progress.accumulation.${indicator.accumulation}`)} ·{' '}
            {t(`progress.direction.${indicator.direction}`)}
          </Text>
        </Group>
        <SdgCatalogueTitle code={indicator.sdg.code} />
        <Text size="sm" data-testid="chart-progress">
          {progress.progress === null
            ? t('progress.none')
            : t('progress.summary', {
                progress: percent.format(progress.progress),
                current: number.format(progress.current ?? 0),
                target: number.format(progress.target ?? 0),
                unit: indicator.unit,
                period: progress.period ?? 0,
              })}
        </Text>
        {data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('progress.noData')}
          </Text>
        ) : (
          <LineChart
            h={220}
            data={data}
            dataKey="label"
            connectNulls
            withLegend
            valueFormatter={(value) => number.format(value)}
            series={[
              { name: 'actual', label: t('progress.series.actual'), color: 'teal.6' },
              {
                name: 'target',
                label: t('progress.series.target'),
                color: 'blue.6',
                strokeDasharray: '6 4',
                curveType: 'stepAfter',
              },
              {
                name: 'baseline',
                label: t('progress.series.baseline'),
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
 * Each indicator against its baseline and targets, from approved reports only. Shared by the auditor's
 * record and the partnership's monitoring tab; the plan is cached under the partnership, so live
 * monitoring events refresh it.
 */
export function ProgressCharts({ partnershipId }: { partnershipId: string }) {
  const { t } = useTranslation();
  const plan = useMonitoringPlan(partnershipId);
  if (plan.error) return <ApiErrorAlert error={plan.error} onRetry={() => void plan.refetch()} />;
  if (!plan.data) return <LoadingState />;
  if (plan.data.indicators.length === 0) return <Alert>{t('progress.noIndicators')}</Alert>;
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} data-testid="progress-charts">
      {progressCharts(plan.data).map((chart) => (
        <IndicatorProgressChart key={chart.indicator.id} chart={chart} />
      ))}
    </SimpleGrid>
  );
}
