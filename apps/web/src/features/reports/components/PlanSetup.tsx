import { Stack, Text } from '@mantine/core';
import type { MonitoringPlan } from '@mitra/contracts';
import { useReportsTranslation } from '../i18n';
import { IndicatorsSection } from './IndicatorsSection';
import { ScheduleSection } from './ScheduleSection';
import { SetupChecklist } from './SetupChecklist';
import { TargetsSection } from './TargetsSection';

/**
 * The monitoring plan: SDG targets from the catalogue, indicators with targets and baselines, and the
 * reporting calendar. Coordinators set it up; everyone else reads it.
 */
export function PlanSetup({
  partnershipId,
  plan,
  mayEdit,
}: {
  partnershipId: string;
  plan: MonitoringPlan;
  mayEdit: boolean;
}) {
  const { t } = useReportsTranslation();
  return (
    <Stack gap="md" data-testid="plan-setup">
      <Text c="dimmed" size="sm">
        {t('setup.description')}
      </Text>
      {!mayEdit && (
        <Text size="sm" c="dimmed" data-testid="plan-read-only">
          {t('setup.readOnly')}
        </Text>
      )}
      <SetupChecklist partnershipId={partnershipId} plan={plan} />
      <TargetsSection
        key={plan.sdgTargets.join()}
        partnershipId={partnershipId}
        plan={plan}
        mayEdit={mayEdit}
      />
      <IndicatorsSection partnershipId={partnershipId} plan={plan} mayEdit={mayEdit} />
      <ScheduleSection
        key={JSON.stringify(plan.schedule ?? null)}
        partnershipId={partnershipId}
        plan={plan}
        mayEdit={mayEdit}
      />
    </Stack>
  );
}
