import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { cancelRoundInputSchema, type SigningRound } from '@mitra/contracts';
import { FormRefusal, useCommandForm } from '#shared/forms';
import { useCancelRound } from '../hooks/useDrafting';
import { useSigningTranslation } from '../i18n';

const reasonSchema = cancelRoundInputSchema.shape.reason;

/** The coordinator ends the open round, with a reason every party reads; the version then never comes into force. */
export function CancelRoundModal({
  partnershipId,
  agreementId,
  round,
  onClose,
}: {
  partnershipId: string;
  agreementId: string;
  round: SigningRound;
  onClose: () => void;
}) {
  const { t } = useSigningTranslation();
  const cancel = useCancelRound(partnershipId, agreementId);
  const { form, formProps, pending, refusal } = useCommandForm({
    initialValues: { reason: '' },
    validate: ({ reason }) =>
      reasonSchema.safeParse(reason).success ? {} : { reason: t('cancelRound.reasonTooShort') },
    send: ({ reason }, idempotencyKey) =>
      cancel.mutateAsync({ roundNumber: round.number, reason, idempotencyKey }),
    savedMessage: t('cancelRound.done', { version: round.versionNumber }),
    savedColor: 'orange',
    onSaved: onClose,
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('cancelRound.title', { version: round.versionNumber })}
      size="lg"
    >
      <form {...formProps} data-testid="cancel-round-form">
        <Stack>
          <Text size="sm">{t('cancelRound.help')}</Text>
          <Textarea
            {...form.getInputProps('reason')}
            label={t('cancelRound.reasonLabel')}
            description={t('cancelRound.reasonHelp')}
            autosize
            minRows={3}
            required
            data-testid="cancel-round-reason"
          />
          <FormRefusal error={refusal} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('cancelRound.close')}
            </Button>
            <Button type="submit" color="red" loading={pending} data-testid="cancel-round-submit">
              {t('cancelRound.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
