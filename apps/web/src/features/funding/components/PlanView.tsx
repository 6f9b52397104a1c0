import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { FundingView } from '@mitra/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatRupiah } from '#shared/format';
import { useLanguage } from '#shared/i18n';
import { useOrganisationNames } from '#shared/organisations';
import { useSdgTitles } from '#shared/sdg';
import { RecordedBy } from './RecordedBy';

type Plan = NonNullable<FundingView['plan']>;

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} data-testid={testId}>
        {children}
      </Text>
    </div>
  );
}

/** The plan in force: mechanism, governance, ceilings and every budget line with its source. */
export function PlanView({ plan }: { plan: Plan }) {
  const { t } = useTranslation('funding');
  const language = useLanguage();
  const sdgTitleOf = useSdgTitles();
  const nameOf = useOrganisationNames([
    ...(plan.fundHolderOrganisationId ? [plan.fundHolderOrganisationId] : []),
    ...(plan.shares ?? []).map((share) => share.organisationId),
    ...plan.lines.map((line) => line.responsibleOrganisationId),
  ]);
  const total = plan.lines.reduce((sum, line) => sum + line.amount, 0);
  const percent = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });
  const { approvalsRequired, distinctOrganisations } = plan.governance;

  return (
    <Stack gap="md" data-testid="plan-view" data-version={plan.version} data-mechanism={plan.mechanism}>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Group justify="space-between" align="flex-start">
            <div>
              <Title order={3} size="h4" data-testid="plan-mechanism">
                {t(`mechanisms.${plan.mechanism}.title`)}
              </Title>
              <Text size="sm" c="dimmed">
                {t(`mechanisms.${plan.mechanism}.description`)}
              </Text>
            </div>
            <Stack gap={2} align="flex-end">
              <Badge variant="light" data-testid="plan-version">
                {t('plan.version', { version: plan.version })}
              </Badge>
              <Text size="xs" c="dimmed">
                {t('plan.setAt', { time: formatDateTime(plan.setAt, language) })}{' '}
                <RecordedBy actor={plan.setBy} />
              </Text>
            </Stack>
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {plan.fundHolderOrganisationId && (
              <Fact label={t('plan.fundHolder')} testId="plan-fund-holder">
                {nameOf(plan.fundHolderOrganisationId)}
              </Fact>
            )}
            <Fact label={t('plan.governance')} testId="plan-governance">
              {distinctOrganisations > 0
                ? t('plan.governanceRule', {
                    approvals: approvalsRequired,
                    organisations: distinctOrganisations,
                  })
                : t('plan.governanceApprovals', { approvals: approvalsRequired })}
            </Fact>
            <Fact label={t('plan.total')} testId="plan-total">
              {formatRupiah(total)}
            </Fact>
          </SimpleGrid>
          {plan.shares && plan.shares.length > 0 && (
            <Group gap="xs" data-testid="plan-shares">
              <Text size="sm">{t('plan.shares')}</Text>
              {plan.shares.map((share) => (
                <Badge key={share.organisationId} variant="outline" data-testid="plan-share">
                  {nameOf(share.organisationId)}: {percent.format(share.percent)}%
                </Badge>
              ))}
            </Group>
          )}
          {plan.ceilings.length > 0 && (
            <Stack gap={2} data-testid="plan-ceilings">
              <Text size="sm">{t('plan.ceilings')}</Text>
              {plan.ceilings.map((ceiling) => (
                <Text key={ceiling.sector} size="sm" c="dimmed" data-testid="plan-ceiling">
                  {t(ceiling.cashAllowed ? 'plan.ceilingWithCash' : 'plan.ceilingNoCash', {
                    sector: t(`sectors.${ceiling.sector}`),
                    amount: formatRupiah(ceiling.maxPerOrganisationPerYear),
                  })}
                </Text>
              ))}
            </Stack>
          )}
        </Stack>
      </Paper>
      <Paper withBorder>
        <Table.ScrollContainer minWidth={860}>
          <Table verticalSpacing="xs" striped data-testid="plan-lines">
            <Table.Caption>{t('plan.linesCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('plan.line.id')}</Table.Th>
                <Table.Th>{t('plan.line.activity')}</Table.Th>
                <Table.Th>{t('plan.line.year')}</Table.Th>
                <Table.Th>{t('plan.line.sdgTargets')}</Table.Th>
                <Table.Th>{t('plan.line.responsible')}</Table.Th>
                <Table.Th>{t('plan.line.source')}</Table.Th>
                <Table.Th ta="right">{t('plan.line.amount')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plan.lines.map((line) => (
                <Table.Tr key={line.id} data-testid="plan-line" data-line-id={line.id}>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {line.id}
                    </Text>
                  </Table.Td>
                  <Table.Td>{line.activity}</Table.Td>
                  <Table.Td>{line.year}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {line.sdgTargets.map((target) => (
                        <Badge
                          key={target}
                          size="sm"
                          variant="light"
                          color="teal"
                          title={sdgTitleOf(target)}
                          data-testid="plan-line-sdg-target"
                        >
                          {target}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>{nameOf(line.responsibleOrganisationId)}</Table.Td>
                  <Table.Td data-testid="plan-line-source" data-source={line.source.kind}>
                    {t(`sources.${line.source.kind}`)}
                    {line.source.kind === 'csr' && (
                      <Text size="xs" c="dimmed">
                        {t('plan.csrField', { field: t(`csrFields.${line.source.field}`) })}
                      </Text>
                    )}
                    {line.source.kind === 'blended' && (
                      <Text size="xs" c="dimmed">
                        {t(`instruments.${line.source.instrument}`)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} data-testid="plan-line-amount">
                    {formatRupiah(line.amount)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}
