import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { decideMaturationSchema, type LifecycleState } from '@mitra/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '#shared/auth';
import { formatDateTime } from '#shared/format';
import { FormRefusal, useCommandForm } from '#shared/forms';
import { useLanguage } from '#shared/i18n';
import { useDecision, useOrganisations } from '../api/partnerships-api';
import {
  maturationBody,
  maturationInitialValues,
  type MaturationOutcome,
  type MaturationValues,
} from '../model/decision-forms';
import { contractCheck } from '../model/field-errors';
import { maturationActions, maturationView, type MaturationView } from '../model/lifecycle-view';
import { OrganisationSelect } from './OrganisationSelect';
import { usePartnershipsT } from './use-partnerships-t';
import { useActorName } from './use-actor-name';

const [renewSchema, , closeSchema] = decideMaturationSchema.options;
const outcomes: readonly MaturationOutcome[] = ['renew', 'transfer', 'close'];

function DecideModal({ state, onClose }: { state: LifecycleState; onClose: () => void }) {
  const { t } = useTranslation('partnerships');
  const { t: common } = useTranslation();
  const translate = usePartnershipsT();
  const decide = useDecision<ReturnType<typeof maturationBody>>(state.partnershipId, 'decideMaturation');
  const reasonCheck = contractCheck(renewSchema.shape.reason, translate);
  const summaryCheck = contractCheck(closeSchema.shape.closureReport.shape.summary, translate);
  const { form, formProps, pending, refusal } = useCommandForm<MaturationValues>({
    initialValues: maturationInitialValues(),
    validate: (values) => {
      const errors: Record<string, string | null> = {};
      if (values.outcome !== 'close') errors.reason = reasonCheck(values.reason);
      if (values.outcome === 'transfer' && !values.newLeadOrganisationId)
        errors.newLeadOrganisationId = translate('fieldErrors.required');
      if (values.outcome === 'close')
        errors['closureReport.summary'] = summaryCheck(values.closureReport.summary);
      return errors;
    },
    send: (values, idempotencyKey) => decide.mutateAsync({ body: maturationBody(values), idempotencyKey }),
    savedMessage: t('maturation.recorded'),
    savedColor: 'green',
    onSaved: onClose,
  });
  const { outcome } = form.values;

  return (
    <Modal opened onClose={onClose} title={t('maturation.decideTitle')} size="lg">
      <form {...formProps} data-testid="maturation-form">
        <Stack>
          <FormRefusal error={refusal} />
          <SegmentedControl
            fullWidth
            data={outcomes.map((value) => ({
              value,
              label: (
                <span data-testid={`maturation-outcome-${value}`}>{t(`maturation.outcomes.${value}`)}</span>
              ),
            }))}
            value={outcome}
            onChange={(value) => {
              form.setFieldValue('outcome', value as MaturationOutcome);
              form.clearErrors();
            }}
            data-testid="maturation-outcome-choice"
            data-value={outcome}
          />
          <Text size="sm" c="dimmed" data-testid="maturation-outcome-help">
            {t(`maturation.help.${outcome}`, { next: state.cycle + 1 })}
          </Text>
          {outcome === 'transfer' && (
            <OrganisationSelect
              label={t('maturation.newLead')}
              required
              exclude={state.leadOrganisationId ? [state.leadOrganisationId] : []}
              testId="maturation-new-lead"
              value={form.values.newLeadOrganisationId}
              onChange={(organisationId) => form.setFieldValue('newLeadOrganisationId', organisationId)}
              error={form.errors.newLeadOrganisationId}
            />
          )}
          {outcome === 'close' ? (
            <>
              <Textarea
                label={t('maturation.closureSummary')}
                description={t('maturation.closureSummaryHelp')}
                required
                autosize
                minRows={4}
                data-testid="maturation-closure-summary"
                {...form.getInputProps('closureReport.summary')}
              />
              <TextInput
                label={t('maturation.closureDocument')}
                description={t('maturation.closureDocumentHelp')}
                data-testid="maturation-closure-document"
                {...form.getInputProps('closureReport.documentRef')}
              />
            </>
          ) : (
            <Textarea
              label={t('maturation.reason')}
              required
              autosize
              minRows={3}
              data-testid="maturation-reason"
              {...form.getInputProps('reason')}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {common('actions.cancel')}
            </Button>
            <Button type="submit" loading={pending} data-testid="maturation-submit">
              {t('maturation.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function AcceptModal({ state, onClose }: { state: LifecycleState; onClose: () => void }) {
  const { t } = useTranslation('partnerships');
  const { t: common } = useTranslation();
  const accept = useDecision<Record<string, never>>(state.partnershipId, 'acceptTransfer');
  const { formProps, pending, refusal } = useCommandForm({
    initialValues: {},
    send: (_, idempotencyKey) => accept.mutateAsync({ body: {}, idempotencyKey }),
    savedMessage: t('maturation.accepted'),
    savedColor: 'green',
    onSaved: onClose,
  });
  return (
    <Modal opened onClose={onClose} title={t('maturation.acceptTitle', { name: state.name })}>
      <form {...formProps}>
        <Stack>
          <FormRefusal error={refusal} />
          <Text size="sm">{t('maturation.acceptHelp')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {common('actions.cancel')}
            </Button>
            <Button type="submit" color="green" loading={pending} data-testid="accept-transfer-submit">
              {t('maturation.accept')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function RecordedOutcome({ state, view }: { state: LifecycleState; view: MaturationView }) {
  const { t } = useTranslation('partnerships');
  const language = useLanguage();
  const who = useActorName(state, view.decidedBy, view.decision?.actor.organisationId);
  const [newLead] = useOrganisations(view.newLeadOrganisationId ? [view.newLeadOrganisationId] : []);
  const newLeadName = newLead?.data?.name ?? view.newLeadOrganisationId ?? '';
  const accepter = useActorName(state, view.transferAcceptedBy ?? '', view.newLeadOrganisationId);

  return (
    <Stack gap="xs" data-testid="maturation-recorded" data-outcome={view.outcome} data-next={view.next}>
      <Group gap="xs">
        <Badge
          size="lg"
          color={view.outcome === 'close' ? 'gray' : view.outcome === 'transfer' ? 'blue' : 'green'}
          data-testid="maturation-outcome"
        >
          {t(`maturation.outcomes.${view.outcome}`)}
        </Badge>
        {view.decision && (
          <Text size="sm" c="dimmed">
            {t('maturation.decidedBy', { who, date: formatDateTime(view.decision.at, language) })}
          </Text>
        )}
      </Group>
      {view.decision?.reason && (
        <Text size="sm" data-testid="maturation-reason-text">
          {t('maturation.reasonGiven', { reason: view.decision.reason })}
        </Text>
      )}
      {view.outcome === 'transfer' && (
        <Text size="sm" data-testid="maturation-new-lead-name">
          {t('maturation.newLeadIs', { name: newLeadName })}
        </Text>
      )}
      {view.outcome === 'transfer' && (
        <Badge
          color={view.transferAcceptedBy ? 'green' : 'yellow'}
          variant="light"
          data-testid="transfer-acceptance"
          data-accepted={Boolean(view.transferAcceptedBy)}
        >
          {view.transferAcceptedBy
            ? t('maturation.acceptedBy', { who: accepter })
            : t('maturation.notAccepted')}
        </Badge>
      )}
      {view.closureReport && (
        <Stack gap={2} data-testid="maturation-closure-report">
          <Text size="sm" fw={600}>
            {t('maturation.closureSummary')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {view.closureReport.summary}
          </Text>
          {view.closureReport.documentRef && (
            <Text size="sm" c="dimmed">
              {t('maturation.closureDocumentIs', { ref: view.closureReport.documentRef })}
            </Text>
          )}
        </Stack>
      )}
      <Alert
        color={view.next === 'awaitingAcceptance' ? 'yellow' : 'blue'}
        variant="light"
        data-testid="maturation-next"
        data-next={view.next}
      >
        {view.next === 'awaitingGate'
          ? t(`maturation.next.awaitingGate.${view.outcome}`, { next: state.cycle + 1, name: newLeadName })
          : t(`maturation.next.${view.next}`, { name: newLeadName })}
      </Alert>
    </Stack>
  );
}

/**
 * Development and maturation ends in a decision: renew (a new cycle), transfer to a new lead (who must
 * accept), or close with a report. The coordinator decides (and may change it until the gate is
 * approved); the new lead's representative accepts a transfer here.
 */
export function MaturationCard({ state }: { state: LifecycleState }) {
  const { t } = useTranslation('partnerships');
  const user = useCurrentUser();
  const [dialog, setDialog] = useState<'decide' | 'accept'>();
  const view = maturationView(state);
  if (state.stage !== 'maturation' && !view) return null;
  const actions = maturationActions(state, user);

  return (
    <Card withBorder padding="md" id="maturation" data-testid="maturation-card">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('maturation.title')}
        </Title>
        {view ? (
          <RecordedOutcome state={state} view={view} />
        ) : (
          <Text size="sm" c="dimmed" data-testid="maturation-undecided">
            {t('maturation.undecided')}
          </Text>
        )}
        {(actions.decide || actions.accept) && (
          <Group gap="xs">
            {actions.decide && (
              <Button
                variant={view ? 'light' : 'filled'}
                onClick={() => setDialog('decide')}
                data-testid="maturation-decide"
              >
                {view ? t('maturation.change') : t('maturation.decide')}
              </Button>
            )}
            {actions.accept && (
              <Button color="green" onClick={() => setDialog('accept')} data-testid="accept-transfer">
                {t('maturation.accept')}
              </Button>
            )}
          </Group>
        )}
      </Stack>
      {dialog === 'decide' && <DecideModal state={state} onClose={() => setDialog(undefined)} />}
      {dialog === 'accept' && <AcceptModal state={state} onClose={() => setDialog(undefined)} />}
    </Card>
  );
}
