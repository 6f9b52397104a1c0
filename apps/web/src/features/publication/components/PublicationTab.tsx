import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  Modal,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { publicSections, withdrawBodySchema, type Publication, type PublicSection } from '@mitra/contracts';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useCurrentUser } from '#shared/auth';
import { formatDateTime } from '#shared/format';
import { FormRefusal, useCommandForm } from '#shared/forms';
import { useLifecycleState } from '#shared/partnerships';
import { ApiErrorAlert, LoadingState } from '#shared/ui';
import { usePreview, usePublicationCommands, usePublications } from '../hooks/usePublications';
import { usePublicationTranslation } from '../i18n';
import { inReportOrder, publicReportPath, yearChoices } from '../model/publication';
import { PublicReportView } from './PublicReportView';

const reasonSchema = withdrawBodySchema.shape.reason;

function PublishForm({
  partnershipId,
  startedAt,
  published,
}: {
  partnershipId: string;
  startedAt: string;
  published: Publication[];
}) {
  const { t } = usePublicationTranslation();
  const years = yearChoices(startedAt);
  const [previewing, setPreviewing] = useState(false);
  const { publish } = usePublicationCommands(partnershipId);
  const { form, formProps, pending, refusal } = useCommandForm({
    initialValues: { year: years[0], sections: [...publicSections] as PublicSection[] },
    send: (input, idempotencyKey) => publish.mutateAsync({ input, idempotencyKey }),
    savedMessage: (_, { year }) => t('manage.published', { year }),
    onSaved: () => setPreviewing(false),
  });
  const { year, sections } = form.values;
  const preview = usePreview(partnershipId, year, sections, previewing);
  const sectionsError =
    form.errors.sections ?? Object.entries(form.errors).find(([field]) => field.startsWith('sections.'))?.[1];
  const republishing = published.some((p) => p.year === year && p.status === 'published');

  return (
    <Stack gap="md">
      <Paper withBorder p="md" data-testid="publish-form">
        <form {...formProps}>
          <Stack gap="md">
            <Select
              label={t('manage.year')}
              data={years.map(String)}
              value={String(year)}
              onChange={(value) => value && form.setFieldValue('year', Number(value))}
              allowDeselect={false}
              maw={200}
              error={form.errors.year}
              data-testid="publication-year"
            />
            <Checkbox.Group
              label={t('manage.sections')}
              value={sections}
              onChange={(values) => form.setFieldValue('sections', inReportOrder(values))}
              error={sectionsError}
            >
              <Stack gap="xs" mt="xs">
                {publicSections.map((section) => (
                  <Checkbox
                    key={section}
                    value={section}
                    label={t(`sections.${section}`)}
                    description={t(`sectionHelp.${section}`)}
                    data-testid={`section-choice-${section}`}
                  />
                ))}
              </Stack>
            </Checkbox.Group>
            <Group>
              <Button
                variant="light"
                onClick={() => setPreviewing(true)}
                disabled={sections.length === 0}
                data-testid="preview-report"
              >
                {t('manage.preview')}
              </Button>
              <Button
                type="submit"
                loading={pending}
                disabled={sections.length === 0}
                data-testid="publish-report"
              >
                {republishing ? t('manage.republish') : t('manage.publish')}
              </Button>
            </Group>
            <FormRefusal error={refusal} />
          </Stack>
        </form>
      </Paper>
      {previewing && sections.length > 0 && (
        <Paper withBorder p="md" style={{ borderStyle: 'dashed' }} data-testid="report-preview">
          <Stack gap="sm">
            <Title order={3} size="h4">
              {t('manage.previewTitle', { year })}
            </Title>
            <Text size="sm" c="dimmed">
              {t('manage.previewNote')}
            </Text>
            {preview.error ? (
              <ApiErrorAlert error={preview.error} onRetry={() => void preview.refetch()} />
            ) : preview.data ? (
              <PublicReportView report={preview.data} />
            ) : (
              <LoadingState />
            )}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

function WithdrawModal({
  partnershipId,
  year,
  onClose,
}: {
  partnershipId: string;
  year: number;
  onClose: () => void;
}) {
  const { t } = usePublicationTranslation();
  const { withdraw } = usePublicationCommands(partnershipId);
  const { form, formProps, pending, refusal } = useCommandForm({
    initialValues: { reason: '' },
    validate: ({ reason }) =>
      reasonSchema.safeParse(reason).success ? {} : { reason: t('manage.reasonTooShort') },
    send: ({ reason }, idempotencyKey) =>
      withdraw.mutateAsync({ year, reason: reason.trim(), idempotencyKey }),
    onSaved: () => {
      notifications.show({ message: t('manage.withdrawn', { year }) });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('manage.withdrawTitle', { year })}>
      <form {...formProps}>
        <Stack gap="sm">
          <Textarea
            {...form.getInputProps('reason')}
            label={t('manage.reason')}
            description={t('manage.reasonHelp')}
            autosize
            minRows={2}
            required
            data-testid="withdraw-reason"
          />
          <FormRefusal error={refusal} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('manage.cancel')}
            </Button>
            <Button type="submit" color="red" loading={pending} data-testid="withdraw-submit">
              {t('manage.confirmWithdraw')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function Publications({
  partnershipId,
  publications,
  mayDecide,
}: {
  partnershipId: string;
  publications: Publication[];
  mayDecide: boolean;
}) {
  const { t, locale } = usePublicationTranslation();
  const [withdrawing, setWithdrawing] = useState<number | undefined>();
  if (publications.length === 0) return <Text c="dimmed">{t('manage.none')}</Text>;
  return (
    <Stack gap="xs">
      {[...publications].reverse().map((publication) => (
        <Paper key={publication.year} withBorder p="sm" data-testid={`publication-${publication.year}`}>
          <Group justify="space-between" align="flex-start">
            <Stack gap={2}>
              <Group gap="xs">
                <Text fw={600}>{publication.year}</Text>
                <Badge
                  color={publication.status === 'published' ? 'teal' : 'gray'}
                  variant="light"
                  data-testid="publication-status"
                >
                  {t(`manage.status.${publication.status}`)}
                </Badge>
              </Group>
              <Text size="sm">
                {publication.report.sections.map((section) => t(`sections.${section}`)).join(', ')}
              </Text>
              <Text size="xs" c="dimmed">
                {publication.status === 'published'
                  ? t('manage.publishedBy', { at: formatDateTime(publication.publishedAt, locale) })
                  : t('manage.withdrawnAt', {
                      at: formatDateTime(publication.withdrawnAt ?? '', locale),
                      reason: publication.withdrawalReason ?? '',
                    })}
              </Text>
            </Stack>
            {publication.status === 'published' && (
              <Group gap="xs">
                <Anchor
                  component={Link}
                  to={publicReportPath(partnershipId, publication.year)}
                  target="_blank"
                  size="sm"
                  data-testid="public-link"
                >
                  {t('manage.open')}
                </Anchor>
                {mayDecide && (
                  <Button
                    size="xs"
                    variant="light"
                    color="red"
                    onClick={() => setWithdrawing(publication.year)}
                    data-testid="withdraw-open"
                  >
                    {t('manage.withdraw')}
                  </Button>
                )}
              </Group>
            )}
          </Group>
        </Paper>
      ))}
      {withdrawing !== undefined && (
        <WithdrawModal
          partnershipId={partnershipId}
          year={withdrawing}
          onClose={() => setWithdrawing(undefined)}
        />
      )}
    </Stack>
  );
}

/** `/partnerships/:partnershipId/publication`: choose, preview, publish and withdraw the annual report. */
export function PublicationTab() {
  const { partnershipId = '' } = useParams();
  const user = useCurrentUser();
  const { t, locale } = usePublicationTranslation();
  const state = useLifecycleState(partnershipId);
  const record = usePublications(partnershipId);
  // The api decides; the screen offers the decision only to those who may take it.
  const mayDecide = user.role === 'coordinator' || user.role === 'admin';

  if (state.error ?? record.error)
    return (
      <ApiErrorAlert
        error={state.error ?? record.error}
        onRetry={() => void Promise.all([state.refetch(), record.refetch()])}
      />
    );
  if (!state.data || !record.data) return <LoadingState />;

  return (
    <Stack gap="lg" data-testid="publication-tab">
      <Stack gap={4}>
        <Title order={2} size="h4">
          {t('manage.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('manage.description')}
        </Text>
      </Stack>
      {mayDecide ? (
        <PublishForm
          partnershipId={partnershipId}
          startedAt={state.data.startedAt}
          published={record.data.publications}
        />
      ) : (
        <Alert variant="light">{t('manage.readOnly')}</Alert>
      )}
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('manage.history')}
        </Title>
        <Publications
          partnershipId={partnershipId}
          publications={record.data.publications}
          mayDecide={mayDecide}
        />
        {record.data.decisions.length > 0 && (
          <List size="xs" c="dimmed" data-testid="publication-decisions">
            {[...record.data.decisions].reverse().map((decision) => (
              <List.Item key={`${decision.at}-${decision.kind}-${decision.year}`}>
                {decision.kind === 'published'
                  ? t('manage.decisions.published', {
                      at: formatDateTime(decision.at, locale),
                      year: decision.year,
                      sections: decision.sections.map((section) => t(`sections.${section}`)).join(', '),
                    })
                  : t('manage.decisions.withdrawn', {
                      at: formatDateTime(decision.at, locale),
                      year: decision.year,
                      reason: decision.reason,
                    })}
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Stack>
  );
}
