import type {
  AgreementSummary,
  AgreementVersion,
  AssessmentInput,
  CompleteEvaluationInput,
  Evaluation,
  IndicatorInput,
  LifecycleState,
  MonitoringPlan,
  OpenEvaluationInput,
  PartnershipIndicator,
  ProgressReport,
  ReportingSchedule,
  ReportInput,
  StakeholderMapView,
} from '@mitra/contracts';
import { api, ApiError } from '#shared/api';
import { queryKeys } from '#shared/query';

const planPath = (partnershipId: string) => `/monitoring/partnerships/${encodeURIComponent(partnershipId)}`;
const partnershipPath = (partnershipId: string) => `/partnerships/${encodeURIComponent(partnershipId)}`;

/** Under the partnership's prefix: a live `monitoring.*` event refreshes the plan. */
export const monitoringPlanKey = (partnershipId: string) =>
  queryKeys.partnershipPart(partnershipId, 'monitoring-plan');
/** The same key the partnership page uses for the lifecycle state, so the cache is shared. */
export const lifecycleStateKey = (partnershipId: string) => queryKeys.partnershipPart(partnershipId, 'state');
export const stakeholderMapKey = (partnershipId: string) =>
  queryKeys.partnershipPart(partnershipId, 'stakeholder-map');
export const agreementPartiesKey = (partnershipId: string) =>
  queryKeys.partnershipPart(partnershipId, 'agreements', 'parties');

export const fetchMonitoringPlan = (partnershipId: string, signal?: AbortSignal) =>
  api.get<MonitoringPlan>(planPath(partnershipId), { signal });

export const fetchLifecycleState = (partnershipId: string, signal?: AbortSignal) =>
  api.get<LifecycleState>(partnershipPath(partnershipId), { signal });

/** The map, or null while the partnership has none (the api answers 404). */
export async function fetchStakeholderMap(partnershipId: string, signal?: AbortSignal) {
  try {
    return await api.get<StakeholderMapView>(`${partnershipPath(partnershipId)}/stakeholder-map`, { signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** The newest version of each of the partnership's agreements: their parties name who represents whom. */
export async function fetchAgreementVersions(partnershipId: string, signal?: AbortSignal) {
  const agreements = await api.get<AgreementSummary[]>('/agreements', {
    query: { partnershipId, limit: 100 },
    signal,
  });
  return Promise.all(
    agreements.map((agreement) =>
      api.get<AgreementVersion>(
        `/agreements/${encodeURIComponent(agreement.id)}/versions/${agreement.latestVersion}`,
        { signal },
      ),
    ),
  );
}

export const chooseTargets = (partnershipId: string, targets: string[], idempotencyKey: string) =>
  api.post<MonitoringPlan>(`${planPath(partnershipId)}/sdg-targets`, { targets }, { idempotencyKey });

export const defineIndicator = (partnershipId: string, indicator: IndicatorInput, idempotencyKey: string) =>
  api.post<PartnershipIndicator>(`${planPath(partnershipId)}/indicators`, indicator, { idempotencyKey });

export const fixBaseline = (
  partnershipId: string,
  indicatorId: string,
  baseline: { value: number; date: string },
  idempotencyKey: string,
) =>
  api.post<PartnershipIndicator>(
    `${planPath(partnershipId)}/indicators/${encodeURIComponent(indicatorId)}/baseline`,
    baseline,
    { idempotencyKey },
  );

export const setSchedule = (partnershipId: string, schedule: ReportingSchedule, idempotencyKey: string) =>
  api.post<MonitoringPlan>(`${planPath(partnershipId)}/schedule`, schedule, { idempotencyKey });

export const submitReport = (partnershipId: string, report: ReportInput, idempotencyKey: string) =>
  api.post<ProgressReport>(`${planPath(partnershipId)}/reports`, report, { idempotencyKey });

/** Approving twice is the same command: the key is the report's, so a retry cannot approve something else. */
export const approveReport = (partnershipId: string, reportId: string) =>
  api.post<ProgressReport>(
    `${planPath(partnershipId)}/reports/${encodeURIComponent(reportId)}/approve`,
    undefined,
    {
      idempotencyKey: `approve-${reportId}`,
    },
  );

export const returnReport = (
  partnershipId: string,
  reportId: string,
  reason: string,
  idempotencyKey: string,
) =>
  api.post<ProgressReport>(
    `${planPath(partnershipId)}/reports/${encodeURIComponent(reportId)}/return`,
    { reason },
    { idempotencyKey },
  );

const evaluationPath = (partnershipId: string, evaluationId: string) =>
  `${planPath(partnershipId)}/evaluations/${encodeURIComponent(evaluationId)}`;

export const openEvaluation = (
  partnershipId: string,
  evaluation: OpenEvaluationInput,
  idempotencyKey: string,
) => api.post<Evaluation>(`${planPath(partnershipId)}/evaluations`, evaluation, { idempotencyKey });

export const submitAssessment = (
  partnershipId: string,
  evaluationId: string,
  assessment: AssessmentInput,
  idempotencyKey: string,
) =>
  api.post<Evaluation>(`${evaluationPath(partnershipId, evaluationId)}/assessments`, assessment, {
    idempotencyKey,
  });

export const completeEvaluation = (
  partnershipId: string,
  evaluationId: string,
  completion: CompleteEvaluationInput,
  idempotencyKey: string,
) =>
  api.post<Evaluation>(`${evaluationPath(partnershipId, evaluationId)}/complete`, completion, {
    idempotencyKey,
  });
