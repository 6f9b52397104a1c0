/**
 * The monitoring service's event types; each carries `partnershipId`. The lifecycle workflow consumes
 * most (apps/worker event-bridge); an evaluation opened or assessed only tells the members' open screens.
 */
export enum MonitoringEventType {
  TargetsChosen = 'monitoring.targets.chosen',
  BaselineFixed = 'monitoring.baseline.fixed',
  ReportSubmitted = 'monitoring.report.submitted',
  ReportApproved = 'monitoring.report.approved',
  ReportReturned = 'monitoring.report.returned',
  EvaluationOpened = 'monitoring.evaluation.opened',
  EvaluationAssessed = 'monitoring.evaluation.assessed',
  EvaluationCompleted = 'monitoring.evaluation.completed',
}
