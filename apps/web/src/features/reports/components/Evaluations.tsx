import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { MonitoringPlan } from '@mitra/contracts';
import { useState } from 'react';
import type { SessionUser } from '#shared/auth';
import { useLifecycleState } from '#shared/partnerships';
import { useReportsTranslation } from '../i18n';
import { evaluationsOf } from '../model/evaluation';
import { EvaluationCard } from './EvaluationCard';
import { StartEvaluation } from './OpenEvaluationForm';

/**
 * Evaluations of the partnership: a coordinator starts one with a panel drawn from every stakeholder
 * group, each panel member assesses in their own session, and the coordinator completes it with
 * findings, lessons and improvement actions.
 */
export function Evaluations({
  partnershipId,
  plan,
  user,
  mayCoordinate,
}: {
  partnershipId: string;
  plan: MonitoringPlan;
  user: SessionUser;
  mayCoordinate: boolean;
}) {
  const { t } = useReportsTranslation();
  const [starting, setStarting] = useState(false);
  const state = useLifecycleState(partnershipId);
  const evaluations = evaluationsOf(plan.evaluations);
  const open = evaluations.some((evaluation) => evaluation.status === 'open');
  // Improvement actions belong to the partnership's organisations: its active partners and the coordinator's.
  const owners = [
    ...new Set([
      ...(state.data?.partners
        .filter((partner) => !partner.withdrawnAt)
        .map((partner) => partner.organisationId) ?? []),
      ...(user.organisationId ? [user.organisationId] : []),
    ]),
  ];

  return (
    <Stack gap="md" data-testid="evaluations">
      <Text c="dimmed" size="sm">
        {t('evaluation.description')}
      </Text>
      {mayCoordinate && !open && !starting && (
        <Group>
          <Button onClick={() => setStarting(true)} data-testid="start-evaluation">
            {t('evaluation.start')}
          </Button>
        </Group>
      )}
      {starting && (
        <Paper withBorder p="md">
          <StartEvaluation
            partnershipId={partnershipId}
            plan={plan}
            user={user}
            onDone={() => setStarting(false)}
          />
        </Paper>
      )}
      {evaluations.length === 0 && !starting && <Text c="dimmed">{t('evaluation.none')}</Text>}
      {evaluations.map((evaluation) => (
        <EvaluationCard
          key={evaluation.id}
          partnershipId={partnershipId}
          evaluation={evaluation}
          user={user}
          mayCoordinate={mayCoordinate}
          owners={owners}
        />
      ))}
    </Stack>
  );
}
