import {
  Alert,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { sectors, type MonitoringPlan, type Organisation, type Sector } from '@mitra/contracts';
import type { SessionUser } from '#shared/auth';
import { FormRefusal, useCommandForm } from '#shared/forms';
import { useLifecycleState, usePartnershipAccounts, useStakeholderMap } from '#shared/partnerships';
import { ApiErrorAlert, LoadingState } from '#shared/ui';
import { useAgreementVersions, useEvaluationCommands, useOrganisations } from '../hooks/useMonitoringPlan';
import { useReportsTranslation } from '../i18n';
import {
  defaultStakeholderGroups,
  panelCandidates,
  toOpenEvaluationInput,
  uncoveredGroups,
  validateOpenEvaluation,
  type OpenEvaluationFormValues,
  type PanelCandidate,
} from '../model/evaluation';
import { useEvaluationErrors, useSectorLabel } from './use-evaluation-labels';

/** A coordinator opens an evaluation: its name, the stakeholder groups to hear, and the panel. */
function OpenEvaluationForm({
  partnershipId,
  candidates,
  defaultGroups,
  user,
  onDone,
}: {
  partnershipId: string;
  candidates: (PanelCandidate & { organisationName: string })[];
  defaultGroups: Sector[];
  user: SessionUser;
  onDone: () => void;
}) {
  const { t } = useReportsTranslation();
  const translate = useEvaluationErrors();
  const sectorLabel = useSectorLabel();
  const { open } = useEvaluationCommands(partnershipId);
  const { form, formProps, pending, refusal } = useCommandForm<OpenEvaluationFormValues>({
    initialValues: { title: '', stakeholderGroups: defaultGroups, panel: [] },
    validate: (values) => translate(validateOpenEvaluation(values)),
    fieldPrefix: 'evaluation.',
    send: (values, idempotencyKey) =>
      open.mutateAsync({ input: toOpenEvaluationInput(values), idempotencyKey }),
    savedMessage: t('evaluation.form.opened'),
    onSaved: onDone,
  });
  const { panel, stakeholderGroups } = form.values;
  const uncovered = uncoveredGroups(
    stakeholderGroups,
    panel.flatMap((seat) => (seat.group ? [{ group: seat.group }] : [])),
  );
  const groupOptions = [
    { value: '', label: '—' },
    ...sectors.map((value) => ({ value, label: sectorLabel(value) })),
  ];

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
        <Checkbox.Group
          {...form.getInputProps('stakeholderGroups')}
          label={t('evaluation.form.groups')}
          description={t('evaluation.form.groupsHelp')}
          data-testid="evaluation-groups"
        >
          <Group gap="md" mt={4}>
            {sectors.map((sector) => (
              <Checkbox key={sector} value={sector} label={sectorLabel(sector)} />
            ))}
          </Group>
        </Checkbox.Group>
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
                  return (
                    <Table.Tr key={candidate.userId} data-testid={`panel-candidate-${candidate.userId}`}>
                      <Table.Td>
                        <Checkbox
                          checked={index >= 0}
                          onChange={(event) =>
                            event.currentTarget.checked
                              ? form.insertListItem('panel', {
                                  userId: candidate.userId,
                                  organisationId: candidate.organisationId,
                                  group: candidate.sector ?? '',
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
                      <Table.Td w={260}>
                        {index >= 0 && (
                          <NativeSelect
                            {...form.getInputProps(`panel.${index}.group`)}
                            aria-label={t('evaluation.form.group')}
                            data={groupOptions}
                            size="xs"
                            data-testid="panel-member-group"
                          />
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

  const resolved = candidates.map((candidate) => {
    const organisation: Organisation | undefined = organisations.byId.get(candidate.organisationId);
    return {
      ...candidate,
      sector: candidate.sector ?? organisation?.sector,
      organisationName: organisation?.name ?? candidate.organisationId,
    };
  });
  return (
    <OpenEvaluationForm
      partnershipId={partnershipId}
      candidates={resolved}
      defaultGroups={defaultStakeholderGroups(
        map.data,
        resolved.map((candidate) => candidate.sector),
      )}
      user={user}
      onDone={onDone}
    />
  );
}
