import { Button, Group, Paper, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { returnReportBodySchema, type PartnershipIndicator, type ProgressReport } from '@mitra/contracts';
import { useState } from 'react';
import { FormRefusal, useCommandForm } from '#shared/forms';
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
  const giveBackForm = useCommandForm({
    initialValues: { reason: '' },
    validate: ({ reason }) =>
      reasonSchema.safeParse(reason).success ? {} : { reason: t('review.reasonTooShort') },
    send: ({ reason }, idempotencyKey) =>
      giveBack.mutateAsync({ reportId: report.id, reason: reason.trim(), idempotencyKey }),
    savedMessage: t('review.returned'),
  });
  const { form } = giveBackForm;
  const reviewable = report.status === 'submitted';

  return (
    <Stack gap="xs" data-testid={`review-${report.id}`}>
      <ReportView partnershipId={partnershipId} report={report} indicators={indicators} />
      {reviewable && (
        <Paper withBorder p="sm" bg="gray.0">
          <form {...giveBackForm.formProps}>
            <Stack gap="xs">
              {returning && (
                <Textarea
                  label={t('review.reasonLabel')}
                  description={t('review.reasonHelp')}
                  {...form.getInputProps('reason')}
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
                  disabled={giveBackForm.pending}
                  data-testid="approve-report"
                >
                  {t('review.approve')}
                </Button>
                {returning ? (
                  <Button
                    type="submit"
                    color="orange"
                    disabled={approve.isPending}
                    loading={giveBackForm.pending}
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
              {approve.error && <ApiErrorAlert error={approve.error} />}
              <FormRefusal error={giveBackForm.refusal} />
            </Stack>
          </form>
        </Paper>
      )}
    </Stack>
  );
}
