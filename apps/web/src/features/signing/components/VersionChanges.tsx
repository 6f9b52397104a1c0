import { Alert, Badge, Box, Group, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import type { Language, LineChange } from '@mitra/contracts';
import { useState } from 'react';
import { ApiErrorAlert, LoadingState } from '#shared/ui';
import { useVersionDiff } from '../hooks/useAgreementQueries';
import { useSigningTranslation } from '../i18n';

const lineColour = { added: 'teal', removed: 'red', unchanged: undefined } as const;
const lineMark = { added: '+', removed: '−', unchanged: ' ' } as const;

function Lines({ lines }: { lines: LineChange[] }) {
  const { t } = useSigningTranslation();
  return (
    <Stack gap={2}>
      {lines.map((change, index) => (
        <Box
          key={index}
          data-op={change.op}
          bg={change.op === 'unchanged' ? undefined : `${lineColour[change.op]}.0`}
          px="xs"
          py={2}
          style={{ borderRadius: 4 }}
        >
          <Text size="sm" td={change.op === 'removed' ? 'line-through' : undefined} c={lineColour[change.op]}>
            <Text span ff="monospace" aria-label={t(`changes.op.${change.op}`)} mr="xs">
              {lineMark[change.op]}
            </Text>
            {change.line}
          </Text>
        </Box>
      ))}
    </Stack>
  );
}

/** What changed from the previous version, clause by clause, in the language the reader chose. */
export function VersionChanges({
  agreementId,
  versionNumber,
  basedOn,
  language,
}: {
  agreementId: string;
  versionNumber: number;
  basedOn: number | null;
  language: Language;
}) {
  const { t } = useSigningTranslation();
  const [showUnchanged, setShowUnchanged] = useState(false);
  const from = basedOn ?? versionNumber - 1;
  const diff = useVersionDiff(agreementId, from, versionNumber, language, from >= 1);

  if (from < 1) return <Alert data-testid="changes-none">{t('changes.firstVersion')}</Alert>;
  if (diff.error) return <ApiErrorAlert error={diff.error} onRetry={() => void diff.refetch()} />;
  if (!diff.data) return <LoadingState />;

  const clauses = diff.data.clauses.filter((clause) => showUnchanged || clause.status !== 'unchanged');
  const titleChanged = diff.data.title.from !== diff.data.title.to;
  const openingChanged = diff.data.opening.some((line) => line.op !== 'unchanged');

  return (
    <Stack gap="md" lang={language} data-testid="version-changes">
      <Group justify="space-between">
        <Text fw={500}>{t('changes.title', { from, to: versionNumber })}</Text>
        <Switch
          checked={showUnchanged}
          onChange={(event) => setShowUnchanged(event.currentTarget.checked)}
          label={t('changes.showUnchanged')}
        />
      </Group>
      {titleChanged && (
        <Paper withBorder p="sm">
          <Text size="sm" fw={500}>
            {t('changes.documentTitle')}
          </Text>
          <Lines
            lines={[
              { op: 'removed', line: diff.data.title.from },
              { op: 'added', line: diff.data.title.to },
            ]}
          />
        </Paper>
      )}
      {openingChanged && (
        <Paper withBorder p="sm">
          <Text size="sm" fw={500}>
            {t('changes.opening')}
          </Text>
          <Lines lines={diff.data.opening} />
        </Paper>
      )}
      {clauses.length === 0 && !titleChanged && !openingChanged && <Alert>{t('changes.noChanges')}</Alert>}
      {clauses.map((clause) => (
        <Paper
          key={clause.key}
          withBorder
          p="sm"
          data-testid={`changed-clause-${clause.key}`}
          data-status={clause.status}
        >
          <Group justify="space-between" mb="xs">
            <Title order={4} size="h6">
              {clause.heading.to ?? clause.heading.from}
            </Title>
            <Badge
              color={clause.status === 'unchanged' ? 'gray' : clause.status === 'removed' ? 'red' : 'teal'}
              variant="light"
            >
              {t(`changes.status.${clause.status}`)}
            </Badge>
          </Group>
          <Lines lines={clause.lines} />
        </Paper>
      ))}
    </Stack>
  );
}
