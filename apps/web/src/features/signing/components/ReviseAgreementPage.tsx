import { Alert, Button, Stack, Text, Title } from '@mantine/core';
import { usePartnershipAccounts } from '#shared/partnerships';
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '#shared/api';
import { useCurrentUser } from '#shared/auth';
import { ApiErrorAlert, LoadingState } from '#shared/ui';
import { useAgreement, useVersion } from '../hooks/useAgreementQueries';
import { useReloadAgreement, useReviseAgreement } from '../hooks/useDrafting';
import { useSigningTranslation } from '../i18n';
import { formValuesFromFields } from '../model/draft-form';
import { draftingActionsFor } from '../model/drafting';
import { AgreementForm } from './AgreementForm';

/**
 * `/agreements/:agreementId/revise`: the latest version's fields, edited into the next version. The
 * version edited is fixed when the page opens; if someone saves another version first, the api refuses
 * (409) and the coordinator reloads the latest rather than overwrite it.
 */
export function ReviseAgreementPage() {
  const { agreementId = '' } = useParams();
  const navigate = useNavigate();
  const { t } = useSigningTranslation();
  const user = useCurrentUser();
  const agreement = useAgreement(agreementId);
  // The version this edit starts from: the latest when the page opened, or when the coordinator reloaded.
  const [base, setBase] = useState<number>();
  const baseVersion = base ?? agreement.data?.latestVersion;
  const version = useVersion(agreementId, baseVersion);
  const revise = useReviseAgreement(agreement.data?.partnershipId ?? '', agreementId);
  const accounts = usePartnershipAccounts(agreement.data?.partnershipId ?? '');
  const reload = useReloadAgreement(agreement.data?.partnershipId ?? '', agreementId);
  const initial = useMemo(
    () => (version.data ? formValuesFromFields(version.data.content.fields) : undefined),
    [version.data],
  );

  if (agreement.error)
    return <ApiErrorAlert error={agreement.error} onRetry={() => void agreement.refetch()} />;
  if (version.error) return <ApiErrorAlert error={version.error} onRetry={() => void version.refetch()} />;
  if (!agreement.data || !version.data || !initial || baseVersion === undefined) return <LoadingState />;

  const data = agreement.data;
  const page = `/agreements/${encodeURIComponent(data.id)}`;
  if (!draftingActionsFor(user, data, data.latestVersion).revise) {
    return (
      <Alert color="gray" data-testid="revise-locked">
        {t('revise.locked')}
      </Alert>
    );
  }

  const onReload = async () => {
    await reload();
    const latest = await agreement.refetch();
    setBase(latest.data?.latestVersion);
  };

  return (
    <Stack gap="md" data-testid="revise-agreement-page" data-base-version={baseVersion}>
      <Title order={2} size="h3">
        {t('revise.title', { number: baseVersion })}
      </Title>
      <Text size="sm" c="dimmed">
        {t('revise.help', { number: baseVersion, next: baseVersion + 1 })}
      </Text>
      <AgreementForm
        key={baseVersion}
        kind={data.kind}
        initial={initial}
        accounts={accounts.data ?? []}
        submitLabel={t('revise.submit', { next: baseVersion + 1 })}
        send={(fields, idempotencyKey) => revise.mutateAsync({ baseVersion, fields, idempotencyKey })}
        savedMessage={(receipt) => t('revise.done', { number: receipt.number })}
        onSaved={(receipt) => void navigate(`${page}?version=${receipt.number}&tab=changes`)}
        onCancel={() => void navigate(page)}
        renderError={(error) =>
          error instanceof ApiError && error.status === 409 ? (
            <Alert color="orange" title={t('revise.conflict')} data-testid="revise-conflict">
              <Button
                size="xs"
                variant="light"
                color="orange"
                onClick={() => void onReload()}
                data-testid="revise-reload"
              >
                {t('revise.reload')}
              </Button>
            </Alert>
          ) : undefined
        }
      />
    </Stack>
  );
}
