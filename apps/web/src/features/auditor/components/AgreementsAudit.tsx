import { Alert, Anchor, Badge, Code, Group, Paper, Stack, Table, Text } from '@mantine/core';
import type { AgreementSummary } from '@mitra/contracts';
import { verificationVerdict, type VerificationVerdict } from '@mitra/domain';
import { Link } from 'react-router';
import { formatDateTime } from '#shared/format';
import { ApiErrorAlert, LoadingState } from '#shared/ui';
import { usePartnershipAgreements, useVersionVerifications } from '../hooks/useAudit';
import { useAuditorTranslation } from '../i18n';

const verdictColour = {
  altered: 'red',
  invalid: 'red',
  unsigned: 'gray',
  incomplete: 'blue',
  complete: 'teal',
} as const satisfies Record<VerificationVerdict, string>;

function AgreementVersions({ agreement }: { agreement: AgreementSummary }) {
  const { t, locale } = useAuditorTranslation();
  const verifications = useVersionVerifications(agreement);

  return (
    <Paper withBorder p="md" data-testid={`audit-agreement-${agreement.id}`}>
      <Stack gap="sm">
        <Group justify="space-between">
          <div>
            <Anchor component={Link} to={`/agreements/${agreement.id}`} fw={600}>
              {agreement.title}
            </Anchor>
            <Text size="xs" c="dimmed">
              {t(`agreementKinds.${agreement.kind}`)} · {t(`agreementStatuses.${agreement.status}`)}
              {agreement.effectiveVersion !== null &&
                ` · ${t('agreements.inForce', { number: agreement.effectiveVersion })}`}
            </Text>
          </div>
        </Group>
        <Table verticalSpacing="xs" data-testid="audit-versions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('agreements.version')}</Table.Th>
              <Table.Th>{t('agreements.hash')}</Table.Th>
              <Table.Th>{t('agreements.signatures')}</Table.Th>
              <Table.Th>{t('agreements.verdict')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {verifications.map((query, index) => {
              const number = index + 1;
              const report = query.data;
              return (
                <Table.Tr
                  key={number}
                  data-testid="audit-version"
                  data-verdict={report ? verificationVerdict(report) : 'loading'}
                >
                  <Table.Td>
                    <Anchor component={Link} to={`/agreements/${agreement.id}?version=${number}`} size="sm">
                      {t('agreements.versionLabel', { number })}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {report && (
                      <Code title={report.storedContentHash}>{report.storedContentHash.slice(0, 16)}…</Code>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {report && (
                      <Stack gap={2}>
                        <Text size="sm">
                          {t('agreements.validCount', {
                            valid: report.signatures.filter((s) => s.valid).length,
                            total: report.signatures.length,
                          })}
                        </Text>
                        {report.unsignedOrganisationIds.length > 0 && (
                          <Text size="xs" c="dimmed">
                            {t('agreements.unsigned', { count: report.unsignedOrganisationIds.length })}
                          </Text>
                        )}
                      </Stack>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {query.error && <ApiErrorAlert error={query.error} />}
                    {report && (
                      <Stack gap={2}>
                        <Badge color={verdictColour[verificationVerdict(report)]} variant="light">
                          {t(`verdicts.${verificationVerdict(report)}`)}
                        </Badge>
                        <Text size="xs" c="dimmed">
                          {t('time.checked', { time: formatDateTime(report.verifiedAt, locale) })}
                        </Text>
                      </Stack>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}

/** Every agreement of the partnership, every version re-verified: hash recomputed, signatures checked. */
export function AgreementsAudit({ partnershipId }: { partnershipId: string }) {
  const { t } = useAuditorTranslation();
  const agreements = usePartnershipAgreements(partnershipId);
  if (agreements.error)
    return <ApiErrorAlert error={agreements.error} onRetry={() => void agreements.refetch()} />;
  if (!agreements.data) return <LoadingState />;
  if (agreements.data.length === 0) return <Alert>{t('agreements.none')}</Alert>;
  return (
    <Stack gap="md" data-testid="audit-agreements">
      {agreements.data.map((agreement) => (
        <AgreementVersions key={agreement.id} agreement={agreement} />
      ))}
    </Stack>
  );
}
