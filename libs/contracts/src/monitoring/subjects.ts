/** Request/reply subjects of the monitoring service. */
export enum MonitoringSubject {
  ListSdgGoals = 'monitoring.sdg.goals',
  ListSdgTargets = 'monitoring.sdg.targets',
  ListSdgIndicators = 'monitoring.sdg.indicators',
  GetPlan = 'monitoring.plan.get',
  GetProgress = 'monitoring.plan.progress',
  ChooseTargets = 'monitoring.targets.choose',
  SetSchedule = 'monitoring.schedule.set',
  DefineIndicator = 'monitoring.indicator.define',
  FixBaseline = 'monitoring.baseline.fix',
  SubmitReport = 'monitoring.report.submit',
  ApproveReport = 'monitoring.report.approve',
  ReturnReport = 'monitoring.report.return',
  OpenEvaluation = 'monitoring.evaluation.open',
  SubmitAssessment = 'monitoring.evaluation.assess',
  CompleteEvaluation = 'monitoring.evaluation.complete',
}

/** The event types the lifecycle workflow consumes; each carries `partnershipId`. */
export enum MonitoringEventType {
  TargetsChosen = 'monitoring.targets.chosen',
  BaselineFixed = 'monitoring.baseline.fixed',
  ReportSubmitted = 'monitoring.report.submitted',
  ReportApproved = 'monitoring.report.approved',
  ReportReturned = 'monitoring.report.returned',
  EvaluationCompleted = 'monitoring.evaluation.completed',
}
