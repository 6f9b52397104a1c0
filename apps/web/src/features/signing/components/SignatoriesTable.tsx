import { Alert, Badge, Code, Stack, Table, Text } from '@mantine/core';
import type { VerificationReport } from '@mitra/contracts';
import { formatFingerprint, verificationVerdict, type VerificationVerdict } from '@mitra/domain';
import { formatDateTime } from '#shared/format';
import type { SignatoryRow, SignatoryStatus, VerificationStatus } from '../model/signatories';
import { useSigningTranslation } from '../i18n';

const statusColour: Record<SignatoryStatus, string> = {
  signed: 'teal',
  declined: 'red',
  pending: 'blue',
  waiting: 'gray',
  not_requested: 'gray',
};
const verdictColour: Record<VerificationVerdict, string> = {
  altered: 'red',
  invalid: 'red',
  unsigned: 'gray',
  incomplete: 'blue',
  complete: 'teal',
};
const verificationColour: Record<VerificationStatus, string> = {
  valid: 'teal',
  invalid: 'red',
  unchecked: 'gray',
};

/** The verification of the whole version: the stored text still hashes to its hash, every signature checks out. */
export function VerificationSummary({ report }: { report: VerificationReport }) {
  const { t, locale } = useSigningTranslation();
  const verdict = verificationVerdict(report);
  return (
    <Alert
      color={verdictColour[verdict]}
      data-verdict={verdict}
      data-testid="verification-summary"
      data-valid={report.valid}
      data-complete={report.complete}
      title={t(`verification.verdicts.${verdict}`)}
    >
      <Stack gap={4}>
        <Text size="sm">
          {t('verification.checkedAt', { time: formatDateTime(report.verifiedAt, locale) })}
        </Text>
        <Text size="sm">
          {t('verification.hash')} <Code>{report.storedContentHash}</Code>
        </Text>
        <Text
          size="sm"
          fw={500}
          data-testid="version-standing"
          data-in-force={report.inForce}
          data-standing={report.standing}
        >
          {t(`verification.standing.${report.standing}`)}
        </Text>
      </Stack>
    </Alert>
  );
}

export function SignatoriesTable({ rows }: { rows: SignatoryRow[] }) {
  const { t, locale } = useSigningTranslation();
  const when = (iso: string | undefined) => (iso ? t('time.wib', { time: formatDateTime(iso, locale) }) : '');

  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped verticalSpacing="sm" data-testid="signatories">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('signatories.party')}</Table.Th>
            <Table.Th>{t('signatories.signatory')}</Table.Th>
            <Table.Th>{t('signatories.status')}</Table.Th>
            <Table.Th>{t('signatories.when')}</Table.Th>
            <Table.Th>{t('signatories.verification')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr
              key={row.organisationId}
              data-testid={`signatory-${row.organisationId}`}
              data-status={row.status}
              data-verification={row.verification}
            >
              <Table.Td>
                <Text size="sm" fw={500}>
                  {row.organisationName}
                </Text>
                {row.leaving && (
                  <Text size="xs" c="dimmed" data-testid="signatory-leaving">
                    {t('signatories.leaving')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{row.signatoryName}</Text>
                <Text size="xs" c="dimmed">
                  {row.signatoryTitle}
                </Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={4} align="flex-start">
                  <Badge color={statusColour[row.status]} variant="light" data-testid="signatory-status">
                    {t(`signatories.statuses.${row.status}`)}
                  </Badge>
                  {row.carriedFromVersion !== undefined && (
                    <Text size="xs" c="dimmed">
                      {t('signatories.carried', { version: row.carriedFromVersion })}
                    </Text>
                  )}
                  {row.declineReason && (
                    <Text size="xs" data-testid="decline-reason">
                      {t('signatories.reason', { reason: row.declineReason })}
                    </Text>
                  )}
                  {row.overdue && (
                    <Badge color="orange" variant="outline" size="xs">
                      {t('signatories.overdue')}
                    </Badge>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{when(row.signedAt ?? row.declinedAt)}</Text>
                {row.dueAt && !row.signedAt && (
                  <Text size="xs" c="dimmed">
                    {t('signatories.due', { time: when(row.dueAt) })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Stack gap={4} align="flex-start">
                  <Badge
                    color={verificationColour[row.verification]}
                    variant="light"
                    data-testid="signatory-verification"
                  >
                    {t(`verification.statuses.${row.verification}`)}
                  </Badge>
                  {row.keyId && (
                    <Text size="xs" c="dimmed">
                      {t('signatories.fingerprint')} <Code>{formatFingerprint(row.keyId).slice(0, 19)}…</Code>
                    </Text>
                  )}
                  {row.failedChecks.map((check) => (
                    <Text key={check} size="xs" c="red" data-testid="failed-check">
                      {t(`verification.failed.${check}`)}
                    </Text>
                  ))}
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
