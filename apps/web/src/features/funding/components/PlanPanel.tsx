import { Alert, Button, Group, Stack } from '@mantine/core';
import type { FundingView } from '@mitra/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '#shared/auth';
import { mayCoordinate } from '../model/permissions';
import { PlanForm } from './PlanForm';
import { PlanView } from './PlanView';

/** The plan in force for everyone; a coordinator sets its next version. */
export function PlanPanel({
  partnershipId,
  funding,
  organisations,
}: {
  partnershipId: string;
  funding: FundingView;
  organisations: readonly string[];
}) {
  const { t } = useTranslation('funding');
  const user = useCurrentUser();
  const [editing, setEditing] = useState(false);
  const { plan } = funding;

  if (editing)
    return (
      <PlanForm
        partnershipId={partnershipId}
        plan={plan}
        organisations={organisations}
        onDone={() => setEditing(false)}
      />
    );
  return (
    <Stack gap="md">
      {mayCoordinate(user) && (
        <Group justify="flex-end">
          <Button onClick={() => setEditing(true)} data-testid="plan-edit">
            {plan ? t('plan.edit') : t('plan.create')}
          </Button>
        </Group>
      )}
      {plan ? <PlanView plan={plan} /> : <Alert data-testid="plan-none">{t('plan.none')}</Alert>}
    </Stack>
  );
}
