import { Button, Group, Paper, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { returnReportBodySchema, type PartnershipIndicator, type ProgressReport } from '@mitra/contracts';
import { useState } from 'react';
import { newIdempotencyKey } from '#shared/api';
import { ApiErrorAlert } from '#shared/ui';
import { useReportCommands } from '../hooks/useMonitoringPlan';
import { useReportsTranslation } from '../i18n';
import { ReportView } from './ReportView';

const reasonSchema = returnReportBodySchema.shape.reason;

/**
 * The coordinator's review of a submitted report: approve it (the period is then locked) or return it
 * with a reason the partner reads. Embeddable anywhere the coordinator sees a partnership.
 */
export function ReportReview({
  partnershipId,
  report,
  indicators,
}: {
  partnershipId: string;
  report: ProgressReport;
  indicators: PartnershipIndicator[];
}) {
  const { t } = useReportsTranslation();
  const { approve, giveBack } = useReportCommands(partnershipId);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const [returnKey] = useState(newIdempotencyKey);
  const reasonValid = reasonSchema.safeParse(reason).success;
  const reviewable = report.status === 'submitted';

  return (
    <Stack gap="xs" data-testid={`review-${report.id}`}>
      <ReportView partnershipId={partnershipId} report={report} indicators={indicators} />
      {reviewable && (
        <Paper withBorder p="sm" bg="gray.0">
          <Stack gap="xs">
            {returning && (
              <Textarea
                label={t('review.reasonLabel')}
                description={t('review.reasonHelp')}
                value={reason}
                onChange={(event) => setReason(event.currentTarget.value)}
                onBlur={() => setTouched(true)}
                error={touched && !reasonValid ? t('review.reasonTooShort') : undefined}
                autosize
                minRows={2}
                required
                data-testid="return-reason-input"
              />
            )}
            <Group>
              <Button
                color="teal"
                onClick={() =>
                  approve.mutate(report.id, {
                    onSuccess: () => notifications.show({ color: 'teal', message: t('review.approved') }),
                  })
                }
                loading={approve.isPending}
                disabled={giveBack.isPending}
                data-testid="approve-report"
              >
                {t('review.approve')}
              </Button>
              {returning ? (
                <Button
                  color="orange"
                  disabled={!reasonValid || approve.isPending}
                  loading={giveBack.isPending}
                  onClick={() =>
                    giveBack.mutate(
                      { reportId: report.id, reason: reason.trim(), idempotencyKey: returnKey },
                      { onSuccess: () => notifications.show({ message: t('review.returned') }) },
                    )
                  }
                  data-testid="return-submit"
                >
                  {t('review.sendBack')}
                </Button>
              ) : (
                <Button
                  variant="light"
                  color="orange"
                  onClick={() => setReturning(true)}
                  data-testid="return-open"
                >
                  {t('review.return')}
                </Button>
              )}
            </Group>
            {(approve.error ?? giveBack.error) && <ApiErrorAlert error={approve.error ?? giveBack.error} />}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
