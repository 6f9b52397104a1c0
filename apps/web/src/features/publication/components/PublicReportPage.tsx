import { Alert, Anchor, Container, Group, Stack, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { ApiError } from '#shared/api';
import { formatDateTime } from '#shared/format';
import { ApiErrorAlert, LoadingState, PageHeader } from '#shared/ui';
import { usePublicIndex, usePublicReport } from '../hooks/usePublications';
import { usePublicationTranslation } from '../i18n';
import { publicReportPath, yearParam } from '../model/publication';
import { PublicReportView } from './PublicReportView';

function NotPublished() {
  const { t } = usePublicationTranslation();
  return (
    <Alert color="gray" data-testid="report-not-published">
      {t('report.notPublished')}
    </Alert>
  );
}

function OtherYears({ partnershipId, year }: { partnershipId: string; year: number }) {
  const { t } = usePublicationTranslation();
  const index = usePublicIndex(partnershipId);
  const others = index.data?.reports.filter((report) => report.year !== year) ?? [];
  if (others.length === 0) return null;
  return (
    <Group gap="xs" data-testid="other-years">
      <Text size="sm" c="dimmed">
        {t('report.otherYears')}:
      </Text>
      {others.map((report) => (
        <Anchor
          key={report.year}
          component={Link}
          to={publicReportPath(partnershipId, report.year)}
          size="sm"
        >
          {report.year}
        </Anchor>
      ))}
    </Group>
  );
}

function Report({ partnershipId, year }: { partnershipId: string; year: number }) {
  const { t, locale } = usePublicationTranslation();
  const report = usePublicReport(partnershipId, year);
  if (report.isPending) return <LoadingState />;
  if (report.isError) {
    if (report.error instanceof ApiError && report.error.status === 404) return <NotPublished />;
    return <ApiErrorAlert error={report.error} onRetry={() => void report.refetch()} />;
  }
  return (
    <Stack gap="md">
      <PageHeader
        title={report.data.partnershipName}
        testId="public-report-name"
        description={
          <Stack gap={2}>
            <Text fw={600} data-testid="public-report-year">
              {t('report.title', { year: report.data.year })}
            </Text>
            <Text size="sm" c="dimmed">
              {t('report.subtitle')} ·{' '}
              {t('report.publishedAt', { at: formatDateTime(report.data.publishedAt, locale) })}
            </Text>
          </Stack>
        }
      />
      <OtherYears partnershipId={partnershipId} year={year} />
      <PublicReportView report={report.data} />
    </Stack>
  );
}

/**
 * `/publik/kemitraan/:partnershipId/:year`: a partnership's published annual report, for anyone,
 * without signing in. It asks the api only for the published snapshot.
 */
export function PublicReportPage() {
  const { partnershipId = '', year: yearText } = useParams();
  const year = yearParam(yearText);
  return (
    <Container size="lg" data-testid="public-report-page">
      {year === undefined ? <NotPublished /> : <Report partnershipId={partnershipId} year={year} />}
    </Container>
  );
}
