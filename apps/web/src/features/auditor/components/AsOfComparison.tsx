import { Alert, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { PartnershipSnapshot, SnapshotChange } from '@mitra/contracts';
import { stageDefinition, stages } from '@mitra/domain';
import { useState } from 'react';
import { formatCalendarDay, formatRupiah, jakartaDateOf } from '#shared/format';
import { useOrganisationName } from '#shared/organisations';
import { useMonitoringPlan } from '#shared/monitoring';
import { queryKeys } from '#shared/query';
import { ApiErrorAlert } from '#shared/ui';
import { fetchComparison } from '../api/audit-api';
import { useAuditorTranslation, type AuditorKey } from '../i18n';

const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);
const isStage = (value: unknown) => stages.some((stage) => stage.id === value);

/** A recorded value in the reader's words: stages, statuses and roles translated, money in Rupiah. */
function useValueText() {
  const { t, locale } = useAuditorTranslation();
  const language = locale === 'en' ? 'en' : 'id';
  return (field: string, value: unknown): string => {
    if (value === null || value === undefined) return '—';
    if (field === 'stage' && isStage(value)) return stageDefinition(value as never).title[language];
    if (field === 'status') return t(`lifecycleStatuses.${String(value)}` as AuditorKey);
    if (field === 'existed') return value ? t('asOf.yes') : t('asOf.no');
    if (field === 'mou' && typeof value === 'object' && 'versionNumber' in value)
      return t('asOf.version', { number: value.versionNumber });
    if (field.startsWith('partners.')) return t(`partnerRoles.${String(value)}` as AuditorKey);
    if (field.startsWith('funding.') && typeof value === 'number') return formatRupiah(value);
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  };
}

function ChangedField({ field, partnershipId }: { field: string; partnershipId: string }) {
  const { t } = useAuditorTranslation();
  const plan = useMonitoringPlan(partnershipId);
  const [group, ...rest] = field.split('.');
  const key = rest.join('.');
  // Only a partner's row names an organisation; the hook is called on every row alike.
  const organisation = useOrganisationName(group === 'partners' ? key : '');
  if (group === 'partners') return <>{t('asOf.fields.partner', { organisation })}</>;
  if (group === 'indicators') {
    const indicator = plan.data?.indicators.find((candidate) => candidate.id === key);
    return <>{t('asOf.fields.indicator', { indicator: indicator?.name ?? '…' })}</>;
  }
  if (group === 'funding')
    return <>{t('asOf.fields.funding', { kind: t(`ledger.kinds.${key}` as AuditorKey) })}</>;
  return <>{t(`asOf.fields.${field}` as AuditorKey)}</>;
}

function Standing({ snapshot, day }: { snapshot: PartnershipSnapshot; day: string }) {
  const { t, locale } = useAuditorTranslation();
  const text = useValueText();
  const date = formatCalendarDay(day, locale);
  if (!snapshot.existed) return <Text size="sm">{t('asOf.notYet', { date })}</Text>;
  return (
    <Text size="sm" data-testid="audit-as-of-summary">
      {t('asOf.stood', {
        date,
        stage: text('stage', snapshot.stage),
        status: text('status', snapshot.status),
        partners: snapshot.partners.length,
        mou: snapshot.mou ? text('mou', snapshot.mou) : '—',
      })}
    </Text>
  );
}

function Changes({
  partnershipId,
  changes,
  from,
  to,
}: {
  partnershipId: string;
  changes: SnapshotChange[];
  from: string;
  to: string;
}) {
  const { t, locale } = useAuditorTranslation();
  const text = useValueText();
  if (changes.length === 0) return <Alert color="gray">{t('asOf.noChanges')}</Alert>;
  return (
    <Table data-testid="audit-changes">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('asOf.field')}</Table.Th>
          <Table.Th>{formatCalendarDay(from, locale)}</Table.Th>
          <Table.Th>{formatCalendarDay(to, locale)}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {changes.map((change) => (
          <Table.Tr key={change.field} data-field={change.field}>
            <Table.Td>
              <ChangedField field={change.field} partnershipId={partnershipId} />
            </Table.Td>
            <Table.Td>{text(change.field, change.before)}</Table.Td>
            <Table.Td>{text(change.field, change.after)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The partnership as it stood on a day, and what changed since another: by default its whole life so far. */
export function AsOfComparison({ partnershipId, startedAt }: { partnershipId: string; startedAt: string }) {
  const { t } = useAuditorTranslation();
  const [from, setFrom] = useState(() => jakartaDateOf(startedAt));
  const [to, setTo] = useState(() => jakartaDateOf(new Date()));
  const comparison = useQuery({
    queryKey: queryKeys.partnershipPart(partnershipId, 'audit-compare', from, to),
    queryFn: ({ signal }) => fetchComparison(partnershipId, from, to, signal),
    enabled: isDay(from) && isDay(to),
  });

  return (
    <Stack gap="xs">
      <Text fw={600}>{t('asOf.title')}</Text>
      <Group align="end">
        <TextInput
          type="date"
          label={t('asOf.from')}
          value={from}
          onChange={(event) => setFrom(event.currentTarget.value)}
          data-testid="audit-as-of-from"
        />
        <TextInput
          type="date"
          label={t('asOf.to')}
          value={to}
          onChange={(event) => setTo(event.currentTarget.value)}
          data-testid="audit-as-of-to"
        />
      </Group>
      {comparison.error && <ApiErrorAlert error={comparison.error} />}
      {comparison.data && (
        <>
          <Standing snapshot={comparison.data.to} day={to} />
          <Changes partnershipId={partnershipId} changes={comparison.data.changes} from={from} to={to} />
        </>
      )}
    </Stack>
  );
}
