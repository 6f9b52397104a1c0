import { Alert, Button, Checkbox, Divider, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { declineInputSchema, type AgreementVersion } from '@mitra/contracts';
import { useState } from 'react';
import type { SessionUser } from '#shared/auth';
import { formatDateTime } from '#shared/format';
import { FormRefusal, useCommandForm } from '#shared/forms';
import { ApiErrorAlert } from '#shared/ui';
import { PayloadRefusedError } from '../crypto/signing-payload';
import { useSigningActions } from '../hooks/useSigningActions';
import { useSigningKey } from '../hooks/useSigningKey';
import { useSigningTranslation } from '../i18n';
import type { SigningAction } from '../model/signatories';
import { SigningKeyPanel } from './SigningKeyPanel';

const reasonSchema = declineInputSchema.shape.reason;

function DeclineForm({ send }: { send: (reason: string, idempotencyKey: string) => Promise<unknown> }) {
  const { t } = useSigningTranslation();
  const { form, formProps, pending, refusal } = useCommandForm({
    initialValues: { reason: '' },
    validate: ({ reason }) =>
      reasonSchema.safeParse(reason).success ? {} : { reason: t('decline.reasonTooShort') },
    send: ({ reason }, idempotencyKey) => send(reason, idempotencyKey),
  });

  return (
    <form {...formProps}>
      <Stack gap="xs">
        <Textarea
          {...form.getInputProps('reason')}
          label={t('decline.reasonLabel')}
          description={t('decline.reasonHelp')}
          autosize
          minRows={3}
          required
          data-testid="decline-reason-input"
        />
        <FormRefusal error={refusal} />
        <Group>
          <Button type="submit" color="red" variant="light" loading={pending} data-testid="decline-submit">
            {t('decline.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The partner representative's part: read, then sign with the key in this browser, or decline with a reason. */
export function SigningPanel({
  user,
  agreementId,
  partnershipId,
  version,
  action,
}: {
  user: SessionUser;
  agreementId: string;
  partnershipId: string;
  version: AgreementVersion;
  action: Extract<SigningAction, { kind: 'act' }>;
}) {
  const { t, locale } = useSigningTranslation();
  const signer = user.organisationId ? { userId: user.id, organisationId: user.organisationId } : undefined;
  const signingKey = useSigningKey(action.maySign ? signer : undefined);
  const { sign, decline } = useSigningActions(agreementId, partnershipId, user.organisationId);
  const [confirmed, setConfirmed] = useState(false);
  const [declining, setDeclining] = useState(false);
  const key = signingKey.state.data?.status === 'enrolled' ? signingKey.state.data.key : undefined;

  const onSign = () => {
    if (!key) return;
    sign.mutate(
      { version, roundContentHash: action.roundContentHash, key },
      {
        onSuccess: () =>
          notifications.show({ color: 'teal', message: t('sign.done', { number: version.number }) }),
      },
    );
  };
  const onDecline = async (reason: string, idempotencyKey: string) => {
    await decline.mutateAsync({ versionNumber: version.number, reason, idempotencyKey });
    notifications.show({ message: t('decline.done', { number: version.number }) });
  };

  return (
    <Paper withBorder p="md" radius="md" data-testid="signing-panel">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('sign.title', { number: version.number })}
        </Title>
        <Text size="sm">
          {t('sign.asked', {
            organisation: action.organisationName,
            time: formatDateTime(action.dueAt, locale),
          })}
        </Text>
        {action.maySign ? (
          <>
            <SigningKeyPanel signingKey={signingKey} />
            <Divider />
            <Checkbox
              checked={confirmed}
              onChange={(event) => setConfirmed(event.currentTarget.checked)}
              label={t('sign.confirm', { number: version.number })}
              data-testid="sign-confirm"
            />
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {t('sign.whatIsSigned', { hash: version.contentHash })}
            </Text>
            <Group>
              <Button
                onClick={onSign}
                disabled={!key || !confirmed}
                loading={sign.isPending}
                data-testid="sign-submit"
              >
                {t('sign.submit')}
              </Button>
            </Group>
            {sign.error instanceof PayloadRefusedError ? (
              <Alert color="red" data-testid="sign-refused">
                {t(sign.error.refusal === 'content-altered' ? 'sign.contentAltered' : 'sign.otherVersion')}
              </Alert>
            ) : (
              sign.error && <ApiErrorAlert error={sign.error} />
            )}
          </>
        ) : (
          <Alert color="gray" data-testid="sign-not-allowed">
            {action.whyNotSign === 'not-your-turn'
              ? t('sign.notYourTurn')
              : t('sign.otherSignatory', { name: action.signatoryName })}
          </Alert>
        )}
        <Divider />
        {declining ? (
          <DeclineForm send={onDecline} />
        ) : (
          <Group>
            <Button
              variant="subtle"
              color="red"
              onClick={() => setDeclining(true)}
              data-testid="decline-open"
            >
              {t('decline.open')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
