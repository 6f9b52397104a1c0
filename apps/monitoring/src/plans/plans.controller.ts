import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { z } from 'zod';
import {
  approveReportCommandSchema,
  chooseTargetsCommandSchema,
  completeEvaluationCommandSchema,
  openEvaluationCommandSchema,
  submitAssessmentCommandSchema,
  type Evaluation,
  defineIndicatorCommandSchema,
  fixBaselineCommandSchema,
  getPlanQuerySchema,
  getProgressQuerySchema,
  setScheduleCommandSchema,
  type PlanProgress,
  MonitoringSubject,
  returnReportCommandSchema,
  submitReportCommandSchema,
  type GetPlanQuery,
  type MonitoringPlan,
  type PartnershipIndicator,
  type ProgressReport,
} from '@mitra/contracts';
import { ZodValidationPipe } from '@mitra/platform';
import { PlansService } from './plans.service';

@Controller()
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @MessagePattern(MonitoringSubject.GetPlan)
  get(@Payload(new ZodValidationPipe(getPlanQuerySchema)) query: GetPlanQuery): Promise<MonitoringPlan> {
    return this.plans.get(query);
  }

  @MessagePattern(MonitoringSubject.GetProgress)
  progress(@Payload(new ZodValidationPipe(getProgressQuerySchema)) query: GetPlanQuery): Promise<PlanProgress> {
    return this.plans.progress(query);
  }

  @MessagePattern(MonitoringSubject.SetSchedule)
  setSchedule(@Payload(new ZodValidationPipe(setScheduleCommandSchema)) command: z.output<typeof setScheduleCommandSchema>): Promise<MonitoringPlan> {
    return this.plans.setSchedule(command);
  }

  @MessagePattern(MonitoringSubject.ChooseTargets)
  chooseTargets(@Payload(new ZodValidationPipe(chooseTargetsCommandSchema)) command: z.output<typeof chooseTargetsCommandSchema>): Promise<MonitoringPlan> {
    return this.plans.chooseTargets(command);
  }

  @MessagePattern(MonitoringSubject.DefineIndicator)
  defineIndicator(@Payload(new ZodValidationPipe(defineIndicatorCommandSchema)) command: z.output<typeof defineIndicatorCommandSchema>): Promise<PartnershipIndicator> {
    return this.plans.defineIndicator(command);
  }

  @MessagePattern(MonitoringSubject.FixBaseline)
  fixBaseline(@Payload(new ZodValidationPipe(fixBaselineCommandSchema)) command: z.output<typeof fixBaselineCommandSchema>): Promise<PartnershipIndicator> {
    return this.plans.fixBaseline(command);
  }

  @MessagePattern(MonitoringSubject.SubmitReport)
  submitReport(@Payload(new ZodValidationPipe(submitReportCommandSchema)) command: z.output<typeof submitReportCommandSchema>): Promise<ProgressReport> {
    return this.plans.submitReport(command);
  }

  @MessagePattern(MonitoringSubject.ApproveReport)
  approveReport(@Payload(new ZodValidationPipe(approveReportCommandSchema)) command: z.output<typeof approveReportCommandSchema>): Promise<ProgressReport> {
    return this.plans.approveReport(command);
  }

  @MessagePattern(MonitoringSubject.ReturnReport)
  returnReport(@Payload(new ZodValidationPipe(returnReportCommandSchema)) command: z.output<typeof returnReportCommandSchema>): Promise<ProgressReport> {
    return this.plans.returnReport(command);
  }

  @MessagePattern(MonitoringSubject.OpenEvaluation)
  openEvaluation(@Payload(new ZodValidationPipe(openEvaluationCommandSchema)) command: z.output<typeof openEvaluationCommandSchema>): Promise<Evaluation> {
    return this.plans.openEvaluation(command);
  }

  @MessagePattern(MonitoringSubject.SubmitAssessment)
  submitAssessment(@Payload(new ZodValidationPipe(submitAssessmentCommandSchema)) command: z.output<typeof submitAssessmentCommandSchema>): Promise<Evaluation> {
    return this.plans.submitAssessment(command);
  }

  @MessagePattern(MonitoringSubject.CompleteEvaluation)
  completeEvaluation(@Payload(new ZodValidationPipe(completeEvaluationCommandSchema)) command: z.output<typeof completeEvaluationCommandSchema>): Promise<Evaluation> {
    return this.plans.completeEvaluation(command);
  }
}
