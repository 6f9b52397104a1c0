import { Alert, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { waiveInclusivenessSchema, type LifecycleState, type StakeholderMapView } from '@mitra/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '#shared/auth';
import { formatDateTime } from '#shared/format';
import { useLanguage } from '#shared/i18n';
import { offers } from '../model/lifecycle-view';
import { ReasonDecisionModal } from './ReasonDecisionModal';
import { useActorName } from './use-actor-name';

function Waiver({
  state,
  waiver,
}: {
  state: LifecycleState;
  waiver: { reason: string; by: string; at: string };
}) {
  const { t } = useTranslation('partnerships');
  const language = useLanguage();
  const who = useActorName(state, waiver.by);
  return (
    <Alert color="yellow" variant="light" data-testid="inclusiveness-waiver">
      <Text size="sm">{t('waiver.recorded', { who, date: formatDateTime(waiver.at, language) })}</Text>
      <Text size="sm" fw={500} data-testid="inclusiveness-waiver-reason">
        {waiver.reason}
      </Text>
    </Alert>
  );
}

/**
 * The Initiation gate asks for a map that passes the check, or a waiver the coordinator records with
 * a reason (e.g. no women's organisation works in the area yet). The gate reads the workflow's record
 * of the check, which follows a saved map by a moment.
 */
export function InclusivenessGate({
  state,
  view,
}: {
  state: LifecycleState;
  view: StakeholderMapView | null;
}) {
  const { t } = useTranslation('partnerships');
  const user = useCurrentUser();
  const [waiving, setWaiving] = useState(false);
  const waiver = state.facts.inclusivenessWaiver;
  if (state.stage !== 'initiation' && !waiver) return null;
  const holds = state.facts.stakeholderMapPassed || waiver !== undefined;
  const mayWaive =
    !waiver &&
    !view?.check.passed &&
    offers(state, user, { kind: 'waiveInclusiveness', reason: 'preview of the reason' });

  return (
    <Paper withBorder p="md" data-testid="inclusive-map-precondition" data-holds={holds}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>{t('waiver.precondition')}</Text>
          <Badge color={holds ? 'green' : 'gray'} data-testid="inclusive-map-precondition-status">
            {holds ? t('waiver.holds') : t('waiver.notYet')}
          </Badge>
        </Group>
        {waiver ? (
          <Waiver state={state} waiver={waiver} />
        ) : (
          !holds &&
          view?.check.passed && (
            <Text size="sm" c="dimmed">
              {t('waiver.awaitingWorkflow')}
            </Text>
          )
        )}
        {mayWaive && (
          <Group>
            <Text size="sm" flex={1}>
              {t('waiver.offer')}
            </Text>
            <Button
              variant="light"
              color="yellow"
              onClick={() => setWaiving(true)}
              data-testid="waive-inclusiveness"
            >
              {t('waiver.open')}
            </Button>
          </Group>
        )}
      </Stack>
      {waiving && (
        <ReasonDecisionModal
          partnershipId={state.partnershipId}
          kind="waiveInclusiveness"
          reasonRule={waiveInclusivenessSchema.shape.reason}
          title={t('waiver.title')}
          help={t('waiver.help')}
          reasonLabel={t('waiver.reason')}
          submitLabel={t('waiver.submit')}
          doneMessage={t('waiver.done')}
          color="yellow"
          testId="waiver"
          onClose={() => setWaiving(false)}
        />
      )}
    </Paper>
  );
}
