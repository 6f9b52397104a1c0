import { Alert, Button, Checkbox, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import type { MonitoringPlan } from '@mitra/contracts';
import type { StakeholderSectors } from '@mitra/domain';
import type { SessionUser } from '#shared/auth';
import { FormRefusal, useCommandForm } from '#shared/forms';
import { useLifecycleState, usePartnershipAccounts, useStakeholderMap } from '#shared/partnerships';
import { ApiErrorAlert, LoadingState } from '#shared/ui';
import { useAgreementVersions, useEvaluationCommands, useOrganisations } from '../hooks/useMonitoringPlan';
import { useReportsTranslation } from '../i18n';
import {
  groupsLeftOut,
  panelCandidates,
  stakeholderSectorsOf,
  toOpenEvaluationInput,
  validateOpenEvaluation,
  type OpenEvaluationFormValues,
  type PanelCandidate,
} from '../model/evaluation';
import { useEvaluationErrors, useSectorLabel } from './use-evaluation-labels';

/**
 * A coordinator opens an evaluation: its name and the panel. Each member stands for its organisation's
 * sector on the stakeholder map, so the groups and their coverage are shown, never chosen.
 */
function OpenEvaluationForm({
  partnershipId,
  candidates,
  stakeholderSectors,
  user,
  onDone,
}: {
  partnershipId: string;
  candidates: (PanelCandidate & { organisationName: string })[];
  stakeholderSectors: StakeholderSectors;
  user: SessionUser;
  onDone: () => void;
}) {
  const { t } = useReportsTranslation();
  const translate = useEvaluationErrors();
  const sectorLabel = useSectorLabel();
  const { open } = useEvaluationCommands(partnershipId);
  const { form, formProps, pending, refusal } = useCommandForm<OpenEvaluationFormValues>({
    initialValues: { title: '', panel: [] },
    validate: (values) => translate(validateOpenEvaluation(values)),
    fieldPrefix: 'evaluation.',
    send: (values, idempotencyKey) =>
      open.mutateAsync({ input: toOpenEvaluationInput(values), idempotencyKey }),
    savedMessage: t('evaluation.form.opened'),
    onSaved: onDone,
  });
  const { panel } = form.values;
  const uncovered = groupsLeftOut(stakeholderSectors, panel);

  return (
    <form {...formProps} data-testid="evaluation-form">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('evaluation.form.title')}
        </Title>
        <TextInput
          {...form.getInputProps('title')}
          label={t('evaluation.form.name')}
          placeholder={t('evaluation.form.namePlaceholder')}
          required
          data-testid="evaluation-title"
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('evaluation.form.panel')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('evaluation.form.panelHelp')}
          </Text>
          {candidates.length === 0 ? (
            <Alert color="yellow">{t('evaluation.form.noCandidates')}</Alert>
          ) : (
            <Table verticalSpacing={4} data-testid="panel-candidates">
              <Table.Tbody>
                {candidates.map((candidate) => {
                  const index = panel.findIndex((seat) => seat.userId === candidate.userId);
                  const group = stakeholderSectors.get(candidate.organisationId);
                  return (
                    <Table.Tr key={candidate.userId} data-testid={`panel-candidate-${candidate.userId}`}>
                      <Table.Td>
                        <Checkbox
                          checked={index >= 0}
                          disabled={!group}
                          onChange={(event) =>
                            event.currentTarget.checked
                              ? form.insertListItem('panel', {
                                  userId: candidate.userId,
                                  organisationId: candidate.organisationId,
                                })
                              : form.removeListItem('panel', index)
                          }
                          aria-label={t('evaluation.form.onPanel')}
                          data-testid="panel-member-toggle"
                        />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {candidate.userId === user.id
                            ? `${user.name} (${t('evaluation.form.you')})`
                            : (candidate.name ?? candidate.userId)}
                          {candidate.title && (
                            <Text span size="xs" c="dimmed">
                              {' '}
                              · {candidate.title}
                            </Text>
                          )}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {candidate.organisationName}
                        </Text>
                      </Table.Td>
                      <Table.Td w={260} data-testid="panel-member-group" data-group={group ?? ''}>
                        <Text size="xs" c={group ? undefined : 'dimmed'}>
                          {group ? sectorLabel(group) : t('evaluation.form.notOnMap')}
                        </Text>
                        {typeof form.errors[`panel.${index}.organisationId`] === 'string' && (
                          <Text size="xs" c="red" data-form-error>
                            {form.errors[`panel.${index}.organisationId`]}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )}
          {typeof form.errors.panel === 'string' && (
            <Text size="xs" c="red" data-form-error data-testid="panel-error">
              {form.errors.panel}
            </Text>
          )}
        </Stack>
        <Alert
          color={uncovered.length === 0 ? 'teal' : 'yellow'}
          data-testid="panel-coverage"
          data-covered={uncovered.length === 0}
        >
          {uncovered.length === 0
            ? t('evaluation.form.covered')
            : t('evaluation.form.uncovered', { groups: uncovered.map(sectorLabel).join(', ') })}
        </Alert>
        <FormRefusal error={refusal} />
        <Group>
          <Button type="submit" loading={pending} data-testid="evaluation-submit">
            {t('evaluation.form.submit')}
          </Button>
          <Button variant="subtle" onClick={onDone} disabled={pending}>
            {t('evaluation.form.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Gathers who may sit on the panel (see `panelCandidates`) before the form starts. */
export function StartEvaluation({
  partnershipId,
  plan,
  user,
  onDone,
}: {
  partnershipId: string;
  plan: MonitoringPlan;
  user: SessionUser;
  onDone: () => void;
}) {
  const { t } = useReportsTranslation();
  const state = useLifecycleState(partnershipId);
  const agreements = useAgreementVersions(partnershipId, true);
  const map = useStakeholderMap(partnershipId);
  const accounts = usePartnershipAccounts(partnershipId);
  const candidates = panelCandidates({
    self: { userId: user.id, organisationId: user.organisationId, name: user.name },
    accounts: accounts.data,
    agreements: agreements.data,
    reports: plan.reports,
    state: state.data,
  });
  const organisations = useOrganisations(candidates.map((candidate) => candidate.organisationId));
  const error = state.error ?? agreements.error ?? map.error;
  if (error) return <ApiErrorAlert error={error} />;
  if (
    state.isPending ||
    agreements.isPending ||
    map.isPending ||
    accounts.isPending ||
    !organisations.settled
  )
    return <LoadingState />;

  const stakeholderSectors = stakeholderSectorsOf(map.data);
  if (!stakeholderSectors)
    return (
      <Alert color="yellow" data-testid="evaluation-no-map">
        {t('evaluation.form.noMap')}
      </Alert>
    );
  const resolved = candidates.map((candidate) => ({
    ...candidate,
    organisationName: organisations.byId.get(candidate.organisationId)?.name ?? candidate.organisationId,
  }));
  return (
    <OpenEvaluationForm
      partnershipId={partnershipId}
      candidates={resolved}
      stakeholderSectors={stakeholderSectors}
      user={user}
      onDone={onDone}
    />
  );
}
