import { Badge, Group, List, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import {
  decisionKinds,
  stageIds,
  type DecisionKind,
  type LifecycleState,
  type StageId,
} from '@mitra/contracts';
import { stageDefinition } from '@mitra/domain';
import { useMemo, useState } from 'react';
import { formatDateTime } from '#shared/format';
import { ExternalLink } from '#shared/ui';
import { useOrganisationName } from '#shared/organisations';
import { usePartnershipAccountNames } from '#shared/partnerships';
import { useAuditorTranslation, type AuditorKey } from '../i18n';
import { cycleDecisionRows, filterDecisions, type DecisionRow } from '../model/decision-log';

function Organisation({ id }: { id: string }) {
  return <>{useOrganisationName(id)}</>;
}

function DecisionCell({ row }: { row: DecisionRow }) {
  const { t } = useAuditorTranslation();
  return (
    <Stack gap={2}>
      <Text size="sm" fw={500} data-testid="decision-kind">
        {t(`kinds.${row.kind}`)}
      </Text>
      {row.subject && <Text size="xs">{row.subject}</Text>}
      {row.outcome && <Text size="xs">{t(`outcomes.${row.outcome}`)}</Text>}
      {row.organisationId && (
        <Text size="xs">
          <Organisation id={row.organisationId} />
          {row.partnerRole && ` (${t(`partnerRoles.${row.partnerRole}` as AuditorKey)})`}
        </Text>
      )}
    </Stack>
  );
}

/** Who decided what, when and why: the lifecycle's decision log, filterable, read-only. */
export function DecisionLog({ cycles }: { cycles: readonly LifecycleState[] }) {
  const { t, locale } = useAuditorTranslation();
  const language = locale === 'en' ? 'en' : 'id';
  const [stage, setStage] = useState<StageId | null>(null);
  const [kind, setKind] = useState<DecisionKind | null>(null);
  const [search, setSearch] = useState('');
  const rows = useMemo(() => cycleDecisionRows(cycles, language), [cycles, language]);
  const nameOf = usePartnershipAccountNames(cycles[0]?.partnershipId ?? '');
  const shown = filterDecisions(rows, { stage: stage ?? undefined, kind: kind ?? undefined, search });

  return (
    <Stack gap="md" data-testid="decision-log">
      <Group grow align="flex-end">
        <Select
          label={t('decisions.filterStage')}
          placeholder={t('decisions.all')}
          data={stageIds.map((id) => ({ value: id, label: stageDefinition(id).title[language] }))}
          value={stage}
          onChange={(value) => setStage(value as StageId | null)}
          clearable
        />
        <Select
          label={t('decisions.filterKind')}
          placeholder={t('decisions.all')}
          data={decisionKinds.map((value) => ({ value, label: t(`kinds.${value}`) }))}
          value={kind}
          onChange={(value) => setKind(value as DecisionKind | null)}
          clearable
        />
        <TextInput
          label={t('decisions.search')}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          data-testid="decision-search"
        />
      </Group>
      <Text size="sm" c="dimmed" data-testid="decision-count">
        {t('decisions.count', { shown: shown.length, total: rows.length })}
      </Text>
      <Table.ScrollContainer minWidth={900}>
        <Table striped verticalSpacing="sm" data-testid="decisions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('decisions.when')}</Table.Th>
              <Table.Th>{t('decisions.stage')}</Table.Th>
              <Table.Th>{t('decisions.who')}</Table.Th>
              <Table.Th>{t('decisions.what')}</Table.Th>
              <Table.Th>{t('decisions.why')}</Table.Th>
              <Table.Th>{t('decisions.evidence')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((row) => (
              <Table.Tr key={row.decisionId} data-testid="decision" data-kind={row.kind}>
                <Table.Td>
                  <Text size="sm" component="time" dateTime={row.at}>
                    {t('time.wib', { time: formatDateTime(row.at, locale) })}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{row.stageTitle}</Text>
                  {cycles.length > 1 && (
                    <Text size="xs" c="dimmed">
                      {t('decisions.cycle', { cycle: row.cycle })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" data-testid="decision-actor" data-user-id={row.actor.userId}>
                    {nameOf(row.actor.userId) ?? t('unknownAccount')}
                  </Text>
                  <Badge size="xs" variant="light">
                    {t(`roles.${row.actor.role}`)}
                  </Badge>
                  {row.actor.organisationId && (
                    <Text size="xs" c="dimmed">
                      <Organisation id={row.actor.organisationId} />
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <DecisionCell row={row} />
                </Table.Td>
                <Table.Td>
                  {row.why ? (
                    <Stack gap={2}>
                      <Text size="xs" c="dimmed">
                        {t(`why.${row.whyKind ?? 'reason'}`)}
                      </Text>
                      <Text size="sm" data-testid="decision-why" style={{ whiteSpace: 'pre-wrap' }}>
                        {row.why}
                      </Text>
                    </Stack>
                  ) : (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {row.evidence.length > 0 ? (
                    <List size="xs">
                      {row.evidence.map((item) => (
                        <List.Item key={`${item.label}:${item.url ?? item.documentRef ?? ''}`}>
                          <ExternalLink href={item.url} fallback={`${item.label}${item.documentRef ? ` (${item.documentRef})` : ''}`}>
                            {item.label}
                          </ExternalLink>
                        </List.Item>
                      ))}
                    </List>
                  ) : (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
