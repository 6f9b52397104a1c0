import type { MonitoringPlan, Organisation, ProgressReport, ReportInput } from '@mitra/contracts';
import { api } from '#shared/api';
import { queryKeys } from '#shared/query';

const planPath = (partnershipId: string) => `/monitoring/partnerships/${encodeURIComponent(partnershipId)}`;

/** Under the partnership's prefix: a live `monitoring.report.*` event refreshes the plan. */
export const monitoringPlanKey = (partnershipId: string) =>
  queryKeys.partnershipPart(partnershipId, 'monitoring-plan');

export const fetchMonitoringPlan = (partnershipId: string, signal?: AbortSignal) =>
  api.get<MonitoringPlan>(planPath(partnershipId), { signal });

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

export const fetchOrganisation = (organisationId: string, signal?: AbortSignal) =>
  api.get<Organisation>(`/organisations/${encodeURIComponent(organisationId)}`, { signal });
