import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { formatDateTime } from '#shared/format';
import { ApiErrorAlert } from '#shared/ui';
import { fetchChainVerification } from '../api/audit-api';
import { useAuditorTranslation } from '../i18n';
import { chainVerdict, findingRows } from '../model/chain-verification';

const verdictColours = { intact: 'teal', pending: 'yellow', tampered: 'red' } as const;

/** The tamper check: the ledger entries and signatures stored now against the partnership's hash chain. */
export function ChainCheck({ partnershipId }: { partnershipId: string }) {
  const { t, locale } = useAuditorTranslation();
  const check = useMutation({ mutationFn: () => fetchChainVerification(partnershipId) });
  const report = check.data;
  const verdict = report && chainVerdict(report);

  return (
    <Stack gap="xs">
      <Group>
        <Button
          variant="light"
          onClick={() => check.mutate()}
          loading={check.isPending}
          data-testid="audit-verify"
        >
          {t('chain.run')}
        </Button>
        {verdict && (
          <Badge size="lg" color={verdictColours[verdict]} data-testid="audit-verify-result">
            {t(`chain.verdicts.${verdict}`)}
          </Badge>
        )}
      </Group>
      {check.error && <ApiErrorAlert error={check.error} />}
      {report && (
        <Text size="sm" c="dimmed" data-testid="audit-verify-summary">
          {t('chain.summary', {
            links: report.chain.length,
            decisions: report.chain.links.decision,
            entries: report.chain.links.ledgerEntry,
            signatures: report.chain.links.signature,
            checkpointed: report.chain.checkpointed,
            time: formatDateTime(report.verifiedAt, locale),
          })}
        </Text>
      )}
      {report && report.findings.length > 0 && (
        <Table data-testid="audit-verify-findings">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('chain.problem')}</Table.Th>
              <Table.Th>{t('chain.kind')}</Table.Th>
              <Table.Th>{t('chain.record')}</Table.Th>
              <Table.Th>{t('chain.link')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {findingRows(report).map((finding) => (
              <Table.Tr
                key={`${finding.problem}-${finding.kind}-${finding.recordId}`}
                data-testid={`audit-verify-finding-${finding.recordId}`}
              >
                <Table.Td>
                  <Text size="sm" c={finding.problem === 'notYetLinked' ? 'dimmed' : 'red'}>
                    {t(`chain.problems.${finding.problem}`, { other: finding.linkedAs })}
                  </Text>
                </Table.Td>
                <Table.Td>{t(`chain.kinds.${finding.kind}`)}</Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {finding.recordId}
                  </Text>
                </Table.Td>
                <Table.Td>{finding.seq ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
