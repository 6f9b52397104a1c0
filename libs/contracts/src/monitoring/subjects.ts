/** The event types the lifecycle workflow consumes; each carries `partnershipId`. */
export enum MonitoringEventType {
  TargetsChosen = 'monitoring.targets.chosen',
  BaselineFixed = 'monitoring.baseline.fixed',
  ReportSubmitted = 'monitoring.report.submitted',
  ReportApproved = 'monitoring.report.approved',
  ReportReturned = 'monitoring.report.returned',
  EvaluationCompleted = 'monitoring.evaluation.completed',
}
