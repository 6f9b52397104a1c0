import { Badge, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import type { LedgerEntry } from '@mitra/contracts';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '#shared/auth';
import { formatDateTime, formatRupiah } from '#shared/format';
import { useLanguage } from '#shared/i18n';
import { useOrganisationNames } from '#shared/organisations';
import { useFundingCommand } from '../hooks/useFunding';
import {
  emptyPaymentForm,
  missingPaymentFields,
  paymentFormPath,
  toPaymentInput,
  type PaymentFormValues,
} from '../model/movement-forms';
import type { RequestSummary } from '../model/requests';
import { formatDay } from './calendar-day';
import { CommandError, useFundingForm, useRequiredMessages } from './form-parts';
import { RecordedBy } from './RecordedBy';

const statusColours: Record<RequestSummary['status'], string> = {
  awaiting: 'yellow',
  approved: 'blue',
  paid: 'teal',
  reversed: 'gray',
};

function PaymentForm({
  partnershipId,
  request,
  onRecorded,
}: {
  partnershipId: string;
  request: number;
  onRecorded: (entry: LedgerEntry) => void;
}) {
  const { t } = useTranslation('funding');
  const required = useRequiredMessages();
  const { form, formProps, pending, refusal, unplaced } = useFundingForm<PaymentFormValues>(partnershipId, {
    initialValues: emptyPaymentForm(),
    validate: (values) => required(missingPaymentFields(values)),
    command: (values) => ({ kind: 'payment', request, body: toPaymentInput(values) }),
    toFormPath: paymentFormPath,
    onSaved: onRecorded,
  });
  return (
    <form {...formProps} data-testid={`payment-form-${request}`}>
      <Stack gap="xs">
        <Group align="flex-end">
          <TextInput
            {...form.getInputProps('paidOn')}
            type="date"
            label={t('payments.paidOn')}
            data-testid={`pay-date-${request}`}
          />
          <TextInput
            {...form.getInputProps('reference')}
            label={t('payments.reference')}
            placeholder={t('payments.referencePlaceholder')}
            flex={1}
            data-testid={`pay-reference-${request}`}
          />
          <Button type="submit" loading={pending} data-testid={`pay-${request}`}>
            {t('payments.submit')}
          </Button>
        </Group>
        <CommandError error={refusal} unplaced={unplaced} />
      </Stack>
    </form>
  );
}

/**
 * A disbursement request with who approved it and what the plan's rule still needs. The requester never
 * approves its own request, nor does anyone twice: the button shows only to those whose approval counts.
 */
export function RequestCard({
  partnershipId,
  request,
  lineActivity,
  mayApprove,
  mayPay,
  onRecorded,
}: {
  partnershipId: string;
  request: RequestSummary;
  lineActivity?: string;
  mayApprove: boolean;
  mayPay: boolean;
  onRecorded: (entry: LedgerEntry) => void;
}) {
  const { t } = useTranslation('funding');
  const language = useLanguage();
  const user = useCurrentUser();
  const approve = useFundingCommand(partnershipId);
  const nameOf = useOrganisationNames([
    request.requestingOrganisationId,
    request.payerOrganisationId,
    request.receiverOrganisationId,
  ]);
  const requestedByMe = request.requestedBy.userId === user.id;
  const open = request.status === 'awaiting' || request.status === 'approved';

  return (
    <Paper
      withBorder
      p="sm"
      data-testid="disbursement-request"
      data-sequence={request.sequence}
      data-status={request.status}
    >
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start">
          <div>
            <Text fw={600}>
              {t('requests.heading', { sequence: request.sequence, amount: formatRupiah(request.amount) })}
            </Text>
            <Text size="sm">{request.purpose}</Text>
            <Text size="xs" c="dimmed">
              {t('requests.lineOf', { id: request.lineId, activity: lineActivity ?? request.lineId })}
            </Text>
          </div>
          <Badge color={statusColours[request.status]} data-testid="request-status">
            {t(`requests.status.${request.status}`)}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {t('requests.flow', {
            payer: nameOf(request.payerOrganisationId),
            receiver: nameOf(request.receiverOrganisationId),
          })}
        </Text>
        <Text size="xs" c="dimmed">
          {t('requests.requestedFor', {
            organisation: nameOf(request.requestingOrganisationId),
            time: formatDateTime(request.at, language),
          })}{' '}
          <RecordedBy actor={request.requestedBy} />
        </Text>
        <Stack gap={2} data-testid="approvals">
          {request.approvals.map((approval) => (
            <Text
              key={approval.sequence}
              size="sm"
              data-testid="approval"
              data-user-id={approval.by.userId}
              data-organisation-id={approval.organisationId ?? ''}
            >
              ✓ {t('requests.approvedBy')} <RecordedBy actor={approval.by} /> ·{' '}
              {t('time.wib', { time: formatDateTime(approval.at, language) })}
            </Text>
          ))}
        </Stack>
        {request.status === 'awaiting' && (
          <Text size="sm" c="orange.8" data-testid="approvals-missing">
            {request.organisationsMissing > 0
              ? t('requests.missingFromOrganisations', {
                  approvals: request.approvalsMissing,
                  organisations: request.organisationsMissing,
                })
              : t('requests.missing', { approvals: request.approvalsMissing })}
          </Text>
        )}
        {open && requestedByMe && (
          <Text size="xs" c="dimmed" data-testid="requester-note">
            {t('requests.youRequested')}
          </Text>
        )}
        {mayApprove && (
          <Stack gap={4}>
            <Group>
              <Button
                size="xs"
                loading={approve.isPending}
                onClick={() =>
                  approve.mutate(
                    {
                      command: { kind: 'approval', request: request.sequence, body: {} },
                      key: `approve-${request.sequence}-${user.id}`,
                    },
                    { onSuccess: onRecorded },
                  )
                }
                data-testid={`approve-${request.sequence}`}
              >
                {t('requests.approve')}
              </Button>
            </Group>
            <CommandError error={approve.error} unplaced={[]} />
          </Stack>
        )}
        {mayPay && (
          <PaymentForm partnershipId={partnershipId} request={request.sequence} onRecorded={onRecorded} />
        )}
        {request.payment && (
          <Text size="sm" data-testid="request-payment">
            {t('requests.paid', {
              date: formatDay(request.payment.paidOn, language),
              reference: request.payment.reference,
              spent: formatRupiah(request.spent),
            })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
