// The monitoring plan's commands (targets, indicators, baselines, schedule, reports, evaluations) and
// what the evaluation panel is drawn from; the plan itself is read through #shared/monitoring.
import type {
  AgreementSummary,
  AgreementVersion,
  AssessmentInput,
  CompleteEvaluationInput,
  Evaluation,
  IndicatorInput,
  MonitoringPlan,
  OpenEvaluationInput,
  PartnershipIndicator,
  ProgressReport,
  ReportingSchedule,
  ReportInput,
} from '@mitra/contracts';
import { api } from '#shared/api';
import { monitoringPlanPath as planPath } from '#shared/monitoring';
import { queryKeys } from '#shared/query';

/** Under the partnership's prefix, so a live agreements event refreshes it. */
export const agreementPartiesKey = (partnershipId: string) =>
  queryKeys.partnershipPart(partnershipId, 'agreements', 'parties');

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
