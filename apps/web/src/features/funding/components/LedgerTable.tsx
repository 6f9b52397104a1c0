import { Alert, Badge, Button, Paper, Stack, Table, Text } from '@mantine/core';
import { reversibleKinds, type LedgerEntryView } from '@mitra/contracts';
import type { FundingState } from '@mitra/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '#shared/auth';
import { useErrorWords } from '#shared/errors';
import { formatDateTime, formatRupiah } from '#shared/format';
import { useLanguage } from '#shared/i18n';
import { ExternalLink } from '#shared/ui';
import { useOrganisationNames } from '#shared/organisations';
import { ledgerRows } from '../model/ledger-rows';
import { mayCoordinate, reversalRefusal } from '../model/permissions';
import { RecordedBy } from './RecordedBy';
import { ReverseEntryModal } from './ReverseEntryModal';

const isReversible = (kind: string) => (reversibleKinds as readonly string[]).includes(kind);

/**
 * The ledger, the newest entry first. Entries are never edited: a coordinator corrects one by a
 * reversal, offered only where the rules allow it now (what was built on an entry is reversed first).
 */
export function LedgerTable({
  partnershipId,
  entries,
  state,
}: {
  partnershipId: string;
  entries: LedgerEntryView[];
  state: FundingState;
}) {
  const { t } = useTranslation('funding');
  const words = useErrorWords();
  const language = useLanguage();
  const user = useCurrentUser();
  const [reversing, setReversing] = useState<number | undefined>();
  const rows = ledgerRows(entries);
  const nameOf = useOrganisationNames(
    rows.flatMap((row) => [row.fromOrganisationId, row.toOrganisationId].filter((id): id is string => !!id)),
  );
  const coordinating = mayCoordinate(user);

  if (rows.length === 0) return <Alert data-testid="ledger-empty">{t('ledger.empty')}</Alert>;
  return (
    <Paper withBorder>
      <Table.ScrollContainer minWidth={960}>
        <Table striped verticalSpacing="xs" data-testid="funding-ledger">
          <Table.Caption>{t('ledger.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>{t('ledger.when')}</Table.Th>
              <Table.Th>{t('ledger.kind')}</Table.Th>
              <Table.Th ta="right">{t('ledger.amount')}</Table.Th>
              <Table.Th>{t('ledger.flow')}</Table.Th>
              <Table.Th>{t('ledger.detail')}</Table.Th>
              <Table.Th>{t('ledger.recordedBy')}</Table.Th>
              {coordinating && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => {
              const refusal = coordinating ? reversalRefusal(state, user, row.sequence) : undefined;
              return (
                <Table.Tr
                  key={row.sequence}
                  data-testid="ledger-row"
                  data-sequence={row.sequence}
                  data-kind={row.kind}
                  data-reversed={row.reversedBy !== undefined}
                  opacity={row.reversedBy !== undefined ? 0.6 : 1}
                >
                  <Table.Td>{row.sequence}</Table.Td>
                  <Table.Td>
                    <Text size="sm" data-testid="ledger-when" style={{ whiteSpace: 'nowrap' }}>
                      {t('time.wib', { time: formatDateTime(row.at, language) })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2} align="flex-start">
                      <Text size="sm" data-testid="ledger-kind">
                        {t(`kinds.${row.kind}`)}
                      </Text>
                      {row.refersTo !== undefined && (
                        <Text size="xs" c="dimmed">
                          {t('ledger.refersTo', { sequence: row.refersTo })}
                        </Text>
                      )}
                      {row.reversedBy !== undefined && (
                        <Badge size="xs" color="red" variant="light" data-testid="ledger-reversed-by">
                          {t('ledger.reversedBy', { sequence: row.reversedBy })}
                        </Badge>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td ta="right">
                    {row.amount !== undefined && (
                      <Text size="sm" data-testid="ledger-amount" style={{ whiteSpace: 'nowrap' }}>
                        {formatRupiah(row.amount)}
                      </Text>
                    )}
                    {row.inKind && (
                      <Text size="xs" c="dimmed">
                        {t('ledger.inKind')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {row.fromOrganisationId && (
                      <Text size="sm">
                        {nameOf(row.fromOrganisationId)}
                        {row.toOrganisationId && ` → ${nameOf(row.toOrganisationId)}`}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {row.plan && (
                      <Text size="sm">
                        {t('ledger.plan', {
                          version: row.plan.version,
                          mechanism: t(`mechanisms.${row.plan.mechanism}.title`),
                        })}
                      </Text>
                    )}
                    {row.lineId && (
                      <Text size="xs" c="dimmed">
                        {t('ledger.line', { line: row.lineId })}
                      </Text>
                    )}
                    {row.detail && (
                      <Text size="sm" data-testid="ledger-detail">
                        {row.detail}
                      </Text>
                    )}
                    <ExternalLink href={row.link} size="xs" data-testid="ledger-evidence" fallback={null}>
                      {t('ledger.evidence')}
                    </ExternalLink>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      <RecordedBy actor={row.recordedBy} />
                    </Text>
                  </Table.Td>
                  {coordinating && (
                    <Table.Td>
                      {row.reversedBy === undefined && isReversible(row.kind) && (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="red"
                          disabled={refusal !== undefined}
                          title={refusal ? words.error(refusal) : t('ledger.reverseHelp')}
                          onClick={() => setReversing(row.sequence)}
                          data-testid={`reverse-${row.sequence}`}
                        >
                          {t('ledger.reverse')}
                        </Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {reversing !== undefined && (
        <ReverseEntryModal
          partnershipId={partnershipId}
          sequence={reversing}
          kind={t(`kinds.${rows.find((row) => row.sequence === reversing)!.kind}`)}
          onClose={() => setReversing(undefined)}
        />
      )}
    </Paper>
  );
}
