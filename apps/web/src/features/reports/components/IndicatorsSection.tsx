import { Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { MonitoringPlan, PartnershipIndicator } from '@mitra/contracts';
import { useState } from 'react';
import { formatDate } from '#shared/format';
import { ExportLinks } from '#shared/ui';
import { useReportsTranslation } from '../i18n';
import { BaselineForm } from './BaselineForm';
import { IndicatorForm } from './IndicatorForm';

function IndicatorRow({
  partnershipId,
  indicator,
  mayEdit,
}: {
  partnershipId: string;
  indicator: PartnershipIndicator;
  mayEdit: boolean;
}) {
  const { t, locale } = useReportsTranslation();
  const [fixing, setFixing] = useState(false);
  const number = (value: number) => new Intl.NumberFormat(locale).format(value);
  const { baseline } = indicator;
  return (
    <Table.Tr data-testid={`setup-indicator-${indicator.id}`} data-baseline={baseline ? 'fixed' : 'none'}>
      <Table.Td>
        <Text size="sm" fw={500} data-testid="setup-indicator-name">
          {indicator.name}
        </Text>
        <Text size="xs" c="dimmed">
          {indicator.unit} · {t(`setup.indicators.directions.${indicator.direction}`)} ·{' '}
          {t(`setup.indicators.accumulations.${indicator.accumulation}`)}
        </Text>
      </Table.Td>
      <Table.Td data-testid="setup-indicator-sdg">{indicator.sdg.code}</Table.Td>
      <Table.Td data-testid="setup-indicator-targets">
        {[...indicator.targets]
          .sort((a, b) => a.periodNumber - b.periodNumber)
          .map((target) =>
            t('setup.indicators.targetItem', { period: target.periodNumber, value: number(target.value) }),
          )
          .join(', ')}
      </Table.Td>
      <Table.Td>
        {indicator.disaggregations.length === 0
          ? t('setup.indicators.noDisaggregation')
          : indicator.disaggregations.map((dimension) => t(`dimensions.${dimension}`)).join(', ')}
      </Table.Td>
      <Table.Td data-testid="setup-indicator-baseline">
        {baseline ? (
          t('setup.indicators.baselineOn', {
            value: number(baseline.value),
            unit: indicator.unit,
            date: formatDate(baseline.date, locale),
          })
        ) : fixing ? (
          <BaselineForm partnershipId={partnershipId} indicator={indicator} onDone={() => setFixing(false)} />
        ) : (
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {t('setup.indicators.noBaseline')}
            </Text>
            {mayEdit && (
              <Button size="xs" variant="light" onClick={() => setFixing(true)} data-testid="fix-baseline">
                {t('setup.indicators.fixBaseline')}
              </Button>
            )}
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function IndicatorsSection({
  partnershipId,
  plan,
  mayEdit,
}: {
  partnershipId: string;
  plan: MonitoringPlan;
  mayEdit: boolean;
}) {
  const { t } = useReportsTranslation();
  const [adding, setAdding] = useState(false);
  return (
    <Paper withBorder p="md" data-testid="indicators-section">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h5">
            {t('setup.indicators.title')}
          </Title>
          {plan.indicators.length > 0 && <ExportLinks partnershipId={partnershipId} sheet="indicators" />}
          {mayEdit && !adding && (
            <Button variant="light" onClick={() => setAdding(true)} data-testid="add-indicator">
              {t('setup.indicators.add')}
            </Button>
          )}
        </Group>
        {plan.indicators.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('setup.indicators.none')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="xs" data-testid="setup-indicators">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('setup.indicators.columns.indicator')}</Table.Th>
                  <Table.Th>{t('setup.indicators.columns.sdg')}</Table.Th>
                  <Table.Th>{t('setup.indicators.columns.targets')}</Table.Th>
                  <Table.Th>{t('setup.indicators.columns.disaggregations')}</Table.Th>
                  <Table.Th>{t('setup.indicators.columns.baseline')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {plan.indicators.map((indicator) => (
                  <IndicatorRow
                    key={indicator.id}
                    partnershipId={partnershipId}
                    indicator={indicator}
                    mayEdit={mayEdit}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {adding && (
          <Paper withBorder p="md">
            <IndicatorForm partnershipId={partnershipId} plan={plan} onDone={() => setAdding(false)} />
          </Paper>
        )}
      </Stack>
    </Paper>
  );
}
