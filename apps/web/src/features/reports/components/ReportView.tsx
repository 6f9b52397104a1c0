import { Alert, Badge, Group, List, Paper, Stack, Table, Text } from '@mantine/core';
import type { Disaggregation, PartnershipIndicator, ProgressReport, ReportValue } from '@mitra/contracts';
import { formatDateTime } from '#shared/format';
import { useOrganisationName } from '#shared/organisations';
import { usePartnershipAccountNames } from '#shared/partnerships';
import { ExternalLink } from '#shared/ui';
import { useReportsTranslation, type ReportsKey } from '../i18n';
import { dimensionChoices, requiredDimensions } from '../model/report-form';

export const reportStatusColour = { submitted: 'blue', approved: 'teal', returned: 'orange' } as const;

/** A dimension's value as people read it: fixed codes translated, free text as written. */
export function useDimensionLabel() {
  const { t } = useReportsTranslation();
  return (dimension: Disaggregation, value: string | undefined) => {
    if (value === undefined) return '';
    return dimensionChoices[dimension].fixed && dimensionChoices[dimension].options.includes(value)
      ? t(`dimensionValues.${dimension}.${value}` as ReportsKey)
      : value;
  };
}

function ValueRow({
  value,
  indicator,
  locale,
}: {
  value: ReportValue;
  indicator: PartnershipIndicator | undefined;
  locale: string;
}) {
  const { t } = useReportsTranslation();
  const label = useDimensionLabel();
  const dimensions = indicator ? requiredDimensions(indicator) : [];
  const number = (n: number) => new Intl.NumberFormat(locale).format(n);

  return (
    <Stack gap={4} data-testid={`report-value-${value.indicatorId}`}>
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          {indicator?.name ?? value.indicatorId}
        </Text>
        <Text size="sm" data-testid="report-value-total">
          {number(value.value)} {indicator?.unit}
        </Text>
      </Group>
      {value.breakdown.length > 0 && (
        <Table withTableBorder fz="xs" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              {dimensions.map((dimension) => (
                <Table.Th key={dimension}>{t(`dimensions.${dimension}`)}</Table.Th>
              ))}
              <Table.Th ta="right">{t('form.value')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {value.breakdown.map((row, index) => (
              <Table.Tr key={index}>
                {dimensions.map((dimension) => (
                  <Table.Td key={dimension}>{label(dimension, row.dimensions[dimension])}</Table.Td>
                ))}
                <Table.Td ta="right">{number(row.value)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/** One revision of a progress report, read-only, naming the partner that sent it and who reviewed it. */
export function ReportView({
  partnershipId,
  report,
  indicators,
}: {
  partnershipId: string;
  report: ProgressReport;
  indicators: PartnershipIndicator[];
}) {
  const { t, locale } = useReportsTranslation();
  const organisationName = useOrganisationName(report.organisationId);
  const nameOf = usePartnershipAccountNames(partnershipId);
  const submitter =
    nameOf(report.submittedBy) ?? t('report.representativeOf', { organisation: organisationName });
  const reviewer = nameOf(report.reviewedBy) ?? t('report.coordinator');

  return (
    <Paper withBorder p="md" data-testid={`report-${report.id}`} data-status={report.status}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600} data-testid="report-heading">
            {t('report.heading', { period: report.periodNumber, revision: report.revision })}
            {` · ${organisationName}`}
          </Text>
          <Badge color={reportStatusColour[report.status]} data-testid="report-status">
            {t(`status.${report.status}`)}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed" data-testid="report-submitted">
          {t('report.submitted', { time: formatDateTime(report.submittedAt, locale), by: submitter })}
          {report.reviewedAt &&
            ` · ${t('report.reviewed', { time: formatDateTime(report.reviewedAt, locale), by: reviewer })}`}
        </Text>
        {report.correctionOf && (
          <Badge variant="outline" color="grape">
            {t('report.correction')}
          </Badge>
        )}
        {report.status === 'returned' && report.returnReason && (
          <Alert color="orange" title={t('report.returnedTitle')} data-testid="return-reason">
            {report.returnReason}
          </Alert>
        )}
        <Stack gap="sm">
          {report.values.map((value) => (
            <ValueRow
              key={value.indicatorId}
              value={value}
              indicator={indicators.find((i) => i.id === value.indicatorId)}
              locale={locale}
            />
          ))}
        </Stack>
        <Text size="sm" fw={500}>
          {t('form.narrative')}
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {report.narrative}
        </Text>
        {report.evidenceLinks.length > 0 && (
          <>
            <Text size="sm" fw={500}>
              {t('form.evidence')}
            </Text>
            <List size="sm">
              {report.evidenceLinks.map((link) => (
                <List.Item key={link}>
                  <ExternalLink href={link}>{link}</ExternalLink>
                </List.Item>
              ))}
            </List>
          </>
        )}
      </Stack>
    </Paper>
  );
}
