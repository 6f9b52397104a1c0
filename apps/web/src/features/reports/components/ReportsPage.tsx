import {
  Accordion,
  Alert,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Title,
  useMatches,
} from '@mantine/core';
import type { MonitoringPlan, ProgressReport } from '@mitra/contracts';
import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { useCurrentUser, type SessionUser } from '#shared/auth';
import { ProgressCharts } from '#shared/progress';
import { ApiErrorAlert, ExportLinks, LoadingState } from '#shared/ui';
import { useOrganisationName } from '#shared/organisations';
import { useMonitoringPlan } from '#shared/monitoring';
import { useReportsTranslation } from '../i18n';
import { emptyReportForm, formFromReport, type ReportFormValues } from '../model/report-form';
import {
  mayReportPeriod,
  openingView,
  periodHistories,
  reviewQueue,
  suggestedPeriod,
  type PeriodHistory,
} from '../model/report-history';
import { Evaluations } from './Evaluations';
import { PlanSetup } from './PlanSetup';
import { ReportForm } from './ReportForm';
import { ReportReview } from './ReportReview';
import { ReportView } from './ReportView';

function History({
  history,
  plan,
  onRevise,
}: {
  history: PeriodHistory;
  plan: MonitoringPlan;
  onRevise?: (report: ProgressReport) => void;
}) {
  const { t } = useReportsTranslation();
  const { latest, earlier } = history;
  return (
    <Stack gap="xs" data-testid={`period-${history.periodNumber}`}>
      <ReportView partnershipId={plan.partnershipId} report={latest} indicators={plan.indicators} />
      {latest.status === 'returned' && onRevise && (
        <Group>
          <Button onClick={() => onRevise(latest)} data-testid="revise-report">
            {t('history.revise')}
          </Button>
        </Group>
      )}
      {earlier.length > 0 && (
        <Accordion variant="contained">
          <Accordion.Item value="earlier">
            <Accordion.Control>{t('history.earlier', { count: earlier.length })}</Accordion.Control>
            <Accordion.Panel>
              <Stack gap="xs">
                {earlier.map((report) => (
                  <ReportView
                    key={report.id}
                    partnershipId={plan.partnershipId}
                    report={report}
                    indicators={plan.indicators}
                  />
                ))}
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>
      )}
    </Stack>
  );
}

function PartnerReports({
  user,
  plan,
  partnershipId,
}: {
  user: SessionUser & { organisationId: string };
  plan: MonitoringPlan;
  partnershipId: string;
}) {
  const { t } = useReportsTranslation();
  const organisationName = useOrganisationName(user.organisationId);
  const histories = periodHistories(plan.reports, user.organisationId);
  const [draft, setDraft] = useState<{ values: ReportFormValues; revisionOf?: number } | undefined>();

  if (plan.indicators.length === 0)
    return <Alert data-testid="no-indicators">{t('page.noIndicators')}</Alert>;
  if (draft) {
    return (
      <Paper withBorder p="md">
        <ReportForm
          partnershipId={partnershipId}
          indicators={plan.indicators}
          initial={draft.values}
          schedule={plan.schedule}
          revisionOf={draft.revisionOf}
          onDone={() => setDraft(undefined)}
        />
      </Paper>
    );
  }
  const next = suggestedPeriod(histories);
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t('page.mine', { organisation: user.organisationName ?? organisationName })}
        </Title>
        <Button
          onClick={() => setDraft({ values: emptyReportForm(plan.indicators, next) })}
          disabled={!mayReportPeriod(histories, next)}
          data-testid="new-report"
        >
          {t('page.newReport')}
        </Button>
      </Group>
      {histories.length === 0 && <Text c="dimmed">{t('page.noneYet')}</Text>}
      {histories.map((history) => (
        <History
          key={history.periodNumber}
          history={history}
          plan={plan}
          onRevise={(report) =>
            setDraft({ values: formFromReport(plan.indicators, report), revisionOf: report.revision })
          }
        />
      ))}
    </Stack>
  );
}

function OrganisationReports({ organisationId, plan }: { organisationId: string; plan: MonitoringPlan }) {
  const { t } = useReportsTranslation();
  const name = useOrganisationName(organisationId);
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('page.of', { organisation: name })}
      </Title>
      {periodHistories(plan.reports, organisationId).map((history) => (
        <History key={history.periodNumber} history={history} plan={plan} />
      ))}
    </Stack>
  );
}

/** Everyone's reports: the review queue first for a coordinator, read-only for an auditor. */
function AllReports({
  plan,
  partnershipId,
  mayReview,
}: {
  plan: MonitoringPlan;
  partnershipId: string;
  mayReview: boolean;
}) {
  const { t } = useReportsTranslation();
  const queue = reviewQueue(plan.reports);
  const organisations = [...new Set(plan.reports.map((r) => r.organisationId))];
  return (
    <Stack gap="lg">
      {mayReview && (
        <Stack gap="sm" data-testid="review-queue">
          <Title order={2} size="h4">
            {t('page.toReview', { count: queue.length })}
          </Title>
          {queue.length === 0 && <Text c="dimmed">{t('page.nothingToReview')}</Text>}
          {queue.map((report) => (
            <ReportReview
              key={report.id}
              partnershipId={partnershipId}
              report={report}
              indicators={plan.indicators}
            />
          ))}
        </Stack>
      )}
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {t('page.all')}
          </Title>
          <ExportLinks partnershipId={partnershipId} sheet="reports" />
        </Group>
        {organisations.length === 0 && <Text c="dimmed">{t('page.noneYet')}</Text>}
        {organisations.map((organisationId) => (
          <OrganisationReports key={organisationId} organisationId={organisationId} plan={plan} />
        ))}
      </Stack>
    </Stack>
  );
}

const views = ['plan', 'reports', 'evaluations', 'progress'] as const;
type View = (typeof views)[number];
const isView = (value: string | null): value is View => views.includes(value as View);

/** Coordinators (and administrators) set the plan up, review reports and run evaluations. */
const mayCoordinate = (user: SessionUser) => user.role === 'coordinator' || user.role === 'admin';

function ReportsView({ partnershipId, plan }: { partnershipId: string; plan: MonitoringPlan }) {
  const user = useCurrentUser();
  const { t } = useReportsTranslation();
  return (
    <Stack gap="md" data-testid="reports-page">
      <Text c="dimmed" size="sm">
        {t('page.description')}
      </Text>
      {user.role === 'partner' && user.organisationId ? (
        <PartnerReports
          user={{ ...user, organisationId: user.organisationId }}
          plan={plan}
          partnershipId={partnershipId}
        />
      ) : (
        <AllReports plan={plan} partnershipId={partnershipId} mayReview={mayCoordinate(user)} />
      )}
    </Stack>
  );
}

/**
 * The monitoring views over one plan. With no view in the address the tab opens on set-up while there
 * is no plan, else on the reports; that choice is made once, so adding the first indicator does not
 * move the coordinator away from the set-up.
 */
function MonitoringViews({ partnershipId, plan }: { partnershipId: string; plan: MonitoringPlan }) {
  const user = useCurrentUser();
  const { t } = useReportsTranslation();
  const [search, setSearch] = useSearchParams();
  const [opening] = useState(() => openingView(plan));
  const requested = search.get('view');
  const view: View = isView(requested) ? requested : opening;
  // Four sections side by side are wider than a phone: there they stack.
  const orientation = useMatches<'horizontal' | 'vertical'>({ base: 'vertical', sm: 'horizontal' });

  return (
    <Stack gap="md" data-testid="monitoring-page" data-view={view}>
      <SegmentedControl
        value={view}
        onChange={(next) => setSearch(next === opening ? {} : { view: next }, { replace: true })}
        data={views.map((value) => ({ value, label: t(`views.${value}`) }))}
        aria-label={t('views.label')}
        data-testid="monitoring-views"
        orientation={orientation}
        w={{ base: '100%', sm: 'fit-content' }}
      />
      {view === 'plan' && (
        <PlanSetup partnershipId={partnershipId} plan={plan} mayEdit={mayCoordinate(user)} />
      )}
      {view === 'reports' && <ReportsView partnershipId={partnershipId} plan={plan} />}
      {view === 'evaluations' && (
        <Evaluations
          partnershipId={partnershipId}
          plan={plan}
          user={user}
          mayCoordinate={mayCoordinate(user)}
        />
      )}
      {view === 'progress' && <ProgressCharts partnershipId={partnershipId} />}
    </Stack>
  );
}

/**
 * `/partnerships/:partnershipId/reports?view=…`: the partnership's monitoring, for whoever reads it:
 * the plan (SDG targets, indicators, baselines, schedule), progress reports, evaluations and the
 * progress chart. The view is in the address, so each can be linked to.
 */
export function ReportsPage() {
  const { partnershipId = '' } = useParams();
  const plan = useMonitoringPlan(partnershipId);

  if (plan.error) return <ApiErrorAlert error={plan.error} onRetry={() => void plan.refetch()} />;
  if (!plan.data) return <LoadingState />;
  return <MonitoringViews partnershipId={partnershipId} plan={plan.data} />;
}
