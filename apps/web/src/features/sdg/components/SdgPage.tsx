import { BarChart } from '@mantine/charts';
import { Anchor, Badge, Grid, Group, Paper, Select, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import type { SdgGoal } from '@mitra/contracts';
import { sdgGoalName, sdgTitle } from '@mitra/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLanguage } from '#shared/i18n';
import { usePartnershipList } from '#shared/partnerships';
import { SdgCatalogueTitle, useSdgCatalogue, useSdgTitles } from '#shared/sdg';
import { ApiErrorAlert, LoadingState, MorePages, PageHeader } from '#shared/ui';
import { useMonitoring } from '../api/sdg-api';
import {
  contributionOf,
  contributionsByGoal,
  goalBars,
  progressBars,
  sdgColours,
  type GoalContribution,
} from '../contributions';

const percent = new Intl.NumberFormat('id', { maximumFractionDigits: 0 });

function GoalDetail({
  goal,
  title,
  sdg,
}: {
  goal: GoalContribution;
  title: string;
  sdg: SdgGoal | undefined;
}) {
  const { t } = useTranslation('sdg');
  const language = useLanguage();
  const titleOf = useSdgTitles();
  const bars = progressBars(goal);
  const measured = (value: number | null | undefined) =>
    typeof value === 'number' ? value : t('notMeasured');

  return (
    <Stack gap="md" data-testid="sdg-goal-detail" data-goal={goal.goal}>
      <Stack gap={2}>
        {/* The goal's colour marks the title rather than writing it: several SDG colours are too pale for text. */}
        <Title order={2} size="h3" pl="sm" style={{ borderLeft: `6px solid ${sdgColours[goal.goal]}` }}>
          {title}
        </Title>
        {sdg && (
          <Text c="dimmed" data-testid="sdg-goal-title">
            {sdgTitle(sdg, language)}
          </Text>
        )}
      </Stack>
      {/* A bar's value label may reach past a phone's edge: the chart keeps it inside its card. */}
      <Paper withBorder p="md" style={{ overflow: 'hidden' }}>
        <Title order={3} size="h5">
          {t('progress.title')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('progress.description')}
        </Text>
        {bars.length === 0 ? (
          <Text size="sm" data-testid="sdg-progress-none">
            {t('progress.none')}
          </Text>
        ) : (
          <BarChart
            h={Math.max(120, bars.length * 48)}
            data={bars}
            dataKey="partnership"
            orientation="vertical"
            series={[{ name: 'progress', label: t('progress.value'), color: sdgColours[goal.goal] }]}
            valueFormatter={(value) => `${percent.format(value)}%`}
            xAxisProps={{ domain: [0, (dataMax: number) => Math.max(100, dataMax)] }}
            yAxisProps={{ width: 200 }}
            withBarValueLabel
            data-testid="sdg-progress-chart"
          />
        )}
      </Paper>
      <Paper withBorder>
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm" data-testid="sdg-goal-table">
            <Table.Caption>{t('table.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('table.partnership')}</Table.Th>
                <Table.Th>{t('table.targets')}</Table.Th>
                <Table.Th>{t('table.indicator')}</Table.Th>
                <Table.Th>{t('table.baseline')}</Table.Th>
                <Table.Th>{t('table.current')}</Table.Th>
                <Table.Th>{t('table.target')}</Table.Th>
                <Table.Th>{t('table.progress')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {goal.partnerships.flatMap((partnership) => {
                const rows = partnership.indicators.length > 0 ? partnership.indicators : [undefined];
                return rows.map((entry, index) => (
                  <Table.Tr
                    key={`${partnership.partnershipId}:${entry?.indicator.id ?? 'none'}`}
                    data-testid="sdg-contribution-row"
                  >
                    {index === 0 && (
                      <>
                        <Table.Td rowSpan={rows.length}>
                          <Anchor
                            component={Link}
                            to={`/partnerships/${encodeURIComponent(partnership.partnershipId)}`}
                            fw={600}
                          >
                            {partnership.name}
                          </Anchor>
                        </Table.Td>
                        <Table.Td rowSpan={rows.length}>
                          <Group gap={4}>
                            {partnership.targets.map((target) => (
                              <Tooltip
                                key={target}
                                label={titleOf(target) ?? target}
                                multiline
                                w={320}
                                withArrow
                              >
                                <Badge
                                  variant="outline"
                                  color="gray"
                                  size="sm"
                                  data-testid="sdg-target-badge"
                                >
                                  {target}
                                </Badge>
                              </Tooltip>
                            ))}
                          </Group>
                        </Table.Td>
                      </>
                    )}
                    {entry ? (
                      <>
                        <Table.Td>
                          <Text size="sm">{entry.indicator.name}</Text>
                          <Text size="xs" c="dimmed">
                            {entry.indicator.sdg.code} · {entry.indicator.unit}
                          </Text>
                          <SdgCatalogueTitle code={entry.indicator.sdg.code} />
                        </Table.Td>
                        <Table.Td>
                          {measured(entry.progress?.baseline ?? entry.indicator.baseline?.value)}
                        </Table.Td>
                        <Table.Td>{measured(entry.progress?.current)}</Table.Td>
                        <Table.Td>{measured(entry.progress?.target)}</Table.Td>
                        <Table.Td>
                          {typeof entry.progress?.progress === 'number'
                            ? `${percent.format(entry.progress.progress * 100)}%`
                            : t('notMeasured')}
                        </Table.Td>
                      </>
                    ) : (
                      <Table.Td colSpan={5}>
                        <Text size="sm" c="dimmed">
                          {t('table.noIndicators')}
                        </Text>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ));
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}

/** Every partnership's contribution to the goals it targets (for everyone who may see the partnerships). */
export function SdgPage() {
  const { t } = useTranslation('sdg');
  const language = useLanguage();
  const { goals } = useSdgCatalogue();
  const partnerships = usePartnershipList();
  const rows = partnerships.data?.items ?? [];
  const { plans, progress } = useMonitoring(rows.map((row) => row.partnershipId));
  const [chosen, setChosen] = useState<string | null>(null);

  const failed = [goals, partnerships, ...plans, ...progress].find((query) => query.isError);
  const loading =
    goals.isPending || partnerships.isPending || [...plans, ...progress].some((query) => query.isPending);
  const label = (goal: string) => t('goalLabel', { goal });
  const goalOf = (goal: string) => goals.data?.find((entry) => entry.code === goal);
  const titleOf = (goal: string) => {
    const sdg = goalOf(goal);
    return sdg ? t('goalTitle', { goal, name: sdgGoalName(sdg, language) }) : label(goal);
  };

  const byGoal = contributionsByGoal(
    rows.map((row, index) => contributionOf(row, plans[index]?.data, progress[index]?.data)),
  );
  const selected = byGoal.find((goal) => goal.goal === chosen) ?? byGoal[0];

  return (
    <Stack>
      <PageHeader title={t('title')} description={t('description')} />
      {failed && <ApiErrorAlert error={failed.error} onRetry={() => void failed.refetch()} />}
      {!failed && loading && <LoadingState />}
      {!failed && !loading && byGoal.length === 0 && (
        <Paper withBorder p="xl" data-testid="sdg-empty">
          <Text c="dimmed">{t('empty')}</Text>
        </Paper>
      )}
      {!failed && !loading && selected && (
        <Grid gap="lg">
          <Grid.Col span={12}>
            <Paper withBorder p="md" style={{ overflow: 'hidden' }}>
              <Title order={2} size="h4" mb="sm">
                {t('overview.title')}
              </Title>
              <BarChart
                h={280}
                data={goalBars(byGoal, label)}
                dataKey="goal"
                series={[{ name: 'partnerships', label: t('overview.partnerships') }]}
                yAxisProps={{ allowDecimals: false }}
                data-testid="sdg-overview-chart"
              />
            </Paper>
          </Grid.Col>
          <Grid.Col span={12}>
            <Select
              label={t('chooseGoal')}
              data={byGoal.map(({ goal }) => ({ value: goal, label: titleOf(goal) }))}
              value={selected.goal}
              onChange={setChosen}
              allowDeselect={false}
              maw={480}
              data-testid="sdg-goal-select"
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <GoalDetail goal={selected} title={titleOf(selected.goal)} sdg={goalOf(selected.goal)} />
          </Grid.Col>
          <Grid.Col span={12}>
            {/* The figures cover the partnerships read so far: say how many of how many. */}
            <MorePages
              shown={rows.length}
              total={partnerships.data?.total ?? rows.length}
              hasMore={partnerships.hasNextPage}
              loading={partnerships.isFetchingNextPage}
              onMore={() => void partnerships.fetchNextPage()}
              testId="sdg-partnerships"
            />
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}
