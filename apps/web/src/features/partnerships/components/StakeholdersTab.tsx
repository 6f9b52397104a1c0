import { ScatterChart } from '@mantine/charts';
import { Alert, Badge, Button, Grid, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { StakeholderEntry, StakeholderMapView, VulnerableGroup } from '@mitra/contracts';
import { isTerminal, mayEditStakeholderMap } from '@mitra/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Symbols, type ScatterShapeProps } from 'recharts';
import { useCurrentUser } from '#shared/auth';
import { formatDateTime } from '#shared/format';
import { useLanguage } from '#shared/i18n';
import { ApiErrorAlert, LoadingState } from '#shared/ui';
import { useLifecycleState, useStakeholderMap } from '#shared/partnerships';
import { actorOf } from '../permissions';
import { stakeholderSeries, type StakeholderPoint } from '../stakeholder-chart';
import { InclusivenessGate } from './InclusivenessGate';
import { StakeholderMapEditor } from './StakeholderMapEditor';

const vulnerableGroups = Object.keys({
  women: true,
  people_with_disabilities: true,
  poor: true,
} satisfies Record<VulnerableGroup, true>) as VulnerableGroup[];

const axis = { type: 'number' as const, domain: [0.5, 5.5], ticks: [1, 2, 3, 4, 5], allowDecimals: false };

function StakeholderTooltip({
  entries,
  point,
}: {
  entries: readonly StakeholderEntry[];
  point?: StakeholderPoint;
}) {
  const { t } = useTranslation('partnerships');
  const entry = point ? entries[point.entry] : undefined;
  if (!entry) return null;
  return (
    <Paper withBorder shadow="md" p="xs">
      <Text fw={600} size="sm">
        {entry.name}
      </Text>
      <Text size="xs">
        {t(`roles.${entry.role}`)} · {t(`sectors.${entry.sector}`)}
      </Text>
      <Text size="xs" c="dimmed">
        {t('stakeholders.interest')} {entry.interest} · {t('stakeholders.influence')} {entry.influence}
      </Text>
    </Paper>
  );
}

function InclusivenessCheck({ view }: { view: StakeholderMapView }) {
  const { t } = useTranslation('partnerships');
  const { check, map } = view;
  const name = (organisationId: string) =>
    map.entries.find((entry) => entry.organisationId === organisationId)?.name ?? organisationId;

  return (
    <Paper withBorder p="md" data-testid="inclusiveness-check" data-passed={check.passed}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h4">
            {t('stakeholders.check.title')}
          </Title>
          <Badge color={check.passed ? 'green' : 'orange'} size="lg" data-testid="inclusiveness-result">
            {check.passed ? t('stakeholders.check.passed') : t('stakeholders.check.failed')}
          </Badge>
        </Group>
        {check.flags.length > 0 && (
          <Alert color="orange" variant="light">
            <List size="sm">
              {check.flags.map((flag) => (
                <List.Item key={flag} data-testid={`inclusiveness-flag-${flag}`}>
                  {t(`stakeholders.check.flags.${flag}`)}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        <div>
          <Text size="sm" fw={600} mb={4}>
            {t('stakeholders.check.sectors')}
          </Text>
          <Group gap={6}>
            {check.summary.sectorsPresent.map(({ sector, count }) => (
              <Badge key={sector} variant="light" color="gray">
                {t(`sectors.${sector}`)}: {count}
              </Badge>
            ))}
          </Group>
        </div>
        <div>
          <Text size="sm" fw={600} mb={4}>
            {t('stakeholders.check.representation')}
          </Text>
          <List size="sm">
            {vulnerableGroups.map((group) => {
              const representatives = check.summary.representation[group] ?? [];
              return (
                <List.Item key={group}>
                  {t(`vulnerableGroups.${group}`)}:{' '}
                  {representatives.length > 0
                    ? representatives.map(name).join(', ')
                    : t('stakeholders.check.nobody')}
                </List.Item>
              );
            })}
          </List>
        </div>
        <div>
          <Text size="sm" fw={600} mb={4}>
            {t('stakeholders.check.highInfluenceWithoutSeat')}
          </Text>
          <Text size="sm">
            {check.summary.highInfluenceWithoutSeat.length > 0
              ? check.summary.highInfluenceWithoutSeat
                  .map((entry) => `${entry.name} (${t(`roles.${entry.role}`)})`)
                  .join(', ')
              : t('stakeholders.check.nobody')}
          </Text>
        </div>
      </Stack>
    </Paper>
  );
}

function StakeholderChart({ view }: { view: StakeholderMapView }) {
  const { t } = useTranslation('partnerships');
  const language = useLanguage();
  const { entries } = view.map;
  const series = stakeholderSeries(entries, (role) => t(`roles.${role}`));

  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('stakeholders.title')}
        </Title>
        <Text size="sm" c="dimmed" data-testid="stakeholder-map-version" data-version={view.map.version}>
          {t('stakeholders.description')}{' '}
          {t('stakeholders.version', {
            version: view.map.version,
            date: formatDateTime(view.map.updatedAt, language),
          })}
        </Text>
        <ScatterChart
          // A new version may drop a role: recharts' legend then reads a series that is gone, so draw afresh.
          key={view.map.version}
          h={380}
          data={series}
          dataKey={{ x: 'interest', y: 'influence' }}
          labels={{ x: t('stakeholders.interest'), y: t('stakeholders.influence') }}
          xAxisLabel={t('stakeholders.interest')}
          yAxisLabel={t('stakeholders.influence')}
          xAxisProps={axis}
          yAxisProps={axis}
          referenceLines={[
            { x: 3, color: 'gray.4' },
            { y: 3, color: 'gray.4' },
          ]}
          withLegend
          scatterProps={{
            // Each dot names its organisation to screen readers, and as the browser's hover text.
            shape: (dot: ScatterShapeProps) => {
              const name = entries[(dot.payload as StakeholderPoint).entry]?.name;
              return (
                <g role="img" aria-label={name} data-testid="stakeholder-dot">
                  <title>{name}</title>
                  <Symbols {...dot} type="circle" />
                </g>
              );
            },
          }}
          tooltipProps={{
            content: ({ payload }) => (
              <StakeholderTooltip
                entries={entries}
                point={payload?.[0]?.payload as StakeholderPoint | undefined}
              />
            ),
          }}
          data-testid="stakeholder-chart"
        />
      </Stack>
    </Paper>
  );
}

function StakeholderTable({ entries }: { entries: readonly StakeholderEntry[] }) {
  const { t } = useTranslation('partnerships');
  return (
    <Paper withBorder>
      <Table.ScrollContainer minWidth={640}>
        <Table data-testid="stakeholder-table">
          <Table.Caption>{t('stakeholders.table.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('stakeholders.table.name')}</Table.Th>
              <Table.Th>{t('stakeholders.table.sector')}</Table.Th>
              <Table.Th>{t('stakeholders.table.role')}</Table.Th>
              <Table.Th>{t('stakeholders.table.interest')}</Table.Th>
              <Table.Th>{t('stakeholders.table.influence')}</Table.Th>
              <Table.Th>{t('mapEditor.note')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((entry) => (
              <Table.Tr key={entry.organisationId} data-testid="stakeholder-row">
                <Table.Td>{entry.name}</Table.Td>
                <Table.Td>{t(`sectors.${entry.sector}`)}</Table.Td>
                <Table.Td>{t(`roles.${entry.role}`)}</Table.Td>
                <Table.Td>{entry.interest}</Table.Td>
                <Table.Td>{entry.influence}</Table.Td>
                <Table.Td>{entry.note}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/**
 * The interest/influence map of the partnership's stakeholders and its "leave no one behind" check;
 * coordinators edit the map here and, where the check cannot pass, record a waiver for the gate.
 */
export function StakeholdersTab() {
  const { t } = useTranslation('partnerships');
  const { partnershipId = '' } = useParams();
  const user = useCurrentUser();
  const map = useStakeholderMap(partnershipId);
  const state = useLifecycleState(partnershipId);
  const [editing, setEditing] = useState(false);

  if (map.isPending || state.isPending) return <LoadingState />;
  if (map.isError) return <ApiErrorAlert error={map.error} onRetry={() => void map.refetch()} />;
  if (state.isError) return <ApiErrorAlert error={state.error} onRetry={() => void state.refetch()} />;
  const view = map.data;
  const mayEdit = mayEditStakeholderMap(actorOf(user)) && !isTerminal(state.data);

  const editor = editing ? (
    <StakeholderMapEditor partnershipId={partnershipId} view={view} onClose={() => setEditing(false)} />
  ) : null;
  const editButton = mayEdit && !editing && (
    <Button onClick={() => setEditing(true)} data-testid="stakeholder-edit">
      {view ? t('mapEditor.open') : t('mapEditor.create')}
    </Button>
  );

  return (
    <Stack gap="lg">
      <InclusivenessGate state={state.data} view={view} />
      {view ? (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <StakeholderChart view={view} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <InclusivenessCheck view={view} />
          </Grid.Col>
          <Grid.Col span={12}>
            <Stack gap="sm">
              {editButton && <Group justify="flex-end">{editButton}</Group>}
              {editor ?? <StakeholderTable entries={view.map.entries} />}
            </Stack>
          </Grid.Col>
        </Grid>
      ) : (
        (editor ?? (
          <Paper withBorder p="xl" data-testid="stakeholder-map-none">
            <Group justify="space-between">
              <Text c="dimmed">{t('stakeholders.none')}</Text>
              {editButton}
            </Group>
          </Paper>
        ))
      )}
    </Stack>
  );
}
