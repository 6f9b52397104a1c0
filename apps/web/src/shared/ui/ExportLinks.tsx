import { Anchor, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '#shared/api';

/** Links that download one of a partnership's sheets (`GET /partnerships/:id/exports/:sheet`), headers in the reader's language. */
export function ExportLinks({
  partnershipId,
  sheet,
}: {
  partnershipId: string;
  sheet: 'ledger' | 'reports' | 'indicators';
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language.startsWith('en') ? 'en' : 'id';
  const href = (format: 'xlsx' | 'csv') =>
    apiUrl(`partnerships/${partnershipId}/exports/${sheet}`, { format, language });
  return (
    <Group gap="xs" data-testid={`export-${sheet}`}>
      <Text size="sm" c="dimmed">
        {t('exports.download')}
      </Text>
      <Anchor href={href('xlsx')} download size="sm" aria-label={t('exports.as', { format: 'XLSX' })}>
        XLSX
      </Anchor>
      <Anchor href={href('csv')} download size="sm" aria-label={t('exports.as', { format: 'CSV' })}>
        CSV
      </Anchor>
    </Group>
  );
}
