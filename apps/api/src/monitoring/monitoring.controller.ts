import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import {
  assessmentBodySchema,
  chooseTargetsBodySchema,
  completeEvaluationBodySchema,
  openEvaluationBodySchema,
  type CompleteEvaluationCommand,
  type Evaluation,
  type OpenEvaluationCommand,
  type SubmitAssessmentCommand,
  fixBaselineBodySchema,
  indicatorInputSchema,
  monitoringIdSchema,
  partnershipIdSchema,
  reportInputSchema,
  returnReportBodySchema,
  type Actor,
  type ApproveReportCommand,
  type ChooseTargetsCommand,
  type DefineIndicatorCommand,
  type FixBaselineCommand,
  reportingScheduleSchema,
  type PlanProgress,
  type SetScheduleCommand,
  type MonitoringPlan,
  type PartnershipIndicator,
  type ProgressReport,
  type ReturnReportCommand,
  type SubmitReportCommand,
  MonitoringContracts,
} from '@mitra/contracts';
import { ServiceClient, ZodValidationPipe } from '@mitra/platform';
import { CurrentActor } from '../actor/current-actor.decorator';
import { Access, everyone, staff, writers, type PartnershipLocator } from '../auth/access-policy';
import { IdempotencyKey } from '../actor/idempotency-key.decorator';
import { jsonSchemaOf } from '../openapi/json-schema';

const partnershipPipe = () => new ZodValidationPipe(partnershipIdSchema, 'partnershipId');
const idPipe = (field: string) => new ZodValidationPipe(monitoringIdSchema, field);
const partnership: PartnershipLocator = { in: 'param', name: 'partnershipId', schema: partnershipIdSchema };

@ApiTags('monitoring')
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Required on every POST' })
@Controller('monitoring/partnerships/:partnershipId')
export class MonitoringController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({ summary: "A partnership's SDG targets, indicators with baselines and targets, and progress reports with every revision" })
  @Access({ roles: everyone, partnership })
  get(@Param('partnershipId', partnershipPipe()) partnershipId: string, @CurrentActor() actor: Actor): Promise<MonitoringPlan> {
    return this.services.send(MonitoringContracts.GetPlan, { actor, partnershipId });
  }

  @Get('progress')
  @ApiOperation({ summary: 'Progress to target per indicator (from the baseline and approved reports only) and reporting punctuality against the schedule' })
  @Access({ roles: everyone, partnership })
  progress(@Param('partnershipId', partnershipPipe()) partnershipId: string, @CurrentActor() actor: Actor): Promise<PlanProgress> {
    return this.services.send(MonitoringContracts.GetProgress, { actor, partnershipId });
  }

  @Post('schedule')
  @ApiOperation({ summary: 'Set the reporting calendar: period 1 starts on `startsOn`; each report is due `graceDays` after its period ends' })
  @ApiBody({ schema: jsonSchemaOf(reportingScheduleSchema) })
  @Access({ roles: staff, partnership })
  setSchedule(
    @Param('partnershipId', partnershipPipe()) partnershipId: string,
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(reportingScheduleSchema, 'schedule')) schedule: z.output<typeof reportingScheduleSchema>,
    @CurrentActor() actor: Actor,
  ): Promise<MonitoringPlan> {
    const command: SetScheduleCommand = { idempotencyKey, actor, partnershipId, schedule };
    return this.services.send(MonitoringContracts.SetSchedule, command);
  }

  @Post('sdg-targets')
  @ApiOperation({ summary: "Choose the partnership's SDG targets (checked against the catalogue); emits monitoring.targets.chosen" })
  @ApiBody({ schema: jsonSchemaOf(chooseTargetsBodySchema) })
  @Access({ roles: staff, partnership })
  chooseTargets(
    @Param('partnershipId', partnershipPipe()) partnershipId: string,
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(chooseTargetsBodySchema)) body: z.output<typeof chooseTargetsBodySchema>,
    @CurrentActor() actor: Actor,
  ): Promise<MonitoringPlan> {
    const command: ChooseTargetsCommand = { idempotencyKey, actor, partnershipId, ...body };
    return this.services.send(MonitoringContracts.ChooseTargets, command);
  }

  @Post('indicators')
  @ApiOperation({ summary: 'Define a partnership indicator linked to an SDG target or indicator' })
  @ApiBody({ schema: jsonSchemaOf(indicatorInputSchema) })
  @Access({ roles: staff, partnership })
  defineIndicator(
    @Param('partnershipId', partnershipPipe()) partnershipId: string,
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(indicatorInputSchema, 'indicator')) indicator: z.output<typeof indicatorInputSchema>,
    @CurrentActor() actor: Actor,
  ): Promise<PartnershipIndicator> {
    const command: DefineIndicatorCommand = { idempotencyKey, actor, partnershipId, indicator };
    return this.services.send(MonitoringContracts.DefineIndicator, command);
  }

  @Post('indicators/:indicatorId/baseline')
  @ApiOperation({ summary: 'Fix the baseline of an indicator, once (a second attempt is 409); emits monitoring.baseline.fixed' })
  @ApiBody({ schema: jsonSchemaOf(fixBaselineBodySchema) })
  @Access({ roles: staff, partnership })
  fixBaseline(
    @Param('partnershipId', partnershipPipe()) partnershipId: string,
    @Param('indicatorId', idPipe('indicatorId')) indicatorId: string,
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(fixBaselineBodySchema)) body: z.output<typeof fixBaselineBodySchema>,
    @CurrentActor() actor: Actor,
  ): Promise<PartnershipIndicator> {
    const command: FixBaselineCommand = { idempotencyKey, actor, partnershipId, indicatorId, ...body };
    return this.services.send(MonitoringContracts.FixBaseline, command);
  }

  @Post('reports')
  @ApiOperation({ summary: 'Submit a progress report for a period (a new revision after a return or an approval); emits monitoring.report.submitted' })
  @ApiBody({ schema: jsonSchemaOf(reportInputSchema) })
  @Access({ roles: writers, partnership, actsFor: [{ in: 'body', path: 'organisationId' }] })
  submitReport(
    @Param('partnershipId', partnershipPipe()) partnershipId: string,
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(reportInputSchema, 'report')) report: z.output<typeof reportInputSchema>,
    @CurrentActor() actor: Actor,
  ): Promise<ProgressReport> {
    const command: SubmitReportCommand = { idempotencyKey, actor, partnershipId, report };
    return this.services.send(MonitoringContracts.SubmitReport, command);
  }

  @Post('reports/:reportId/approve')
  @ApiOperation({ summary: 'Approve a submitted report, locking it; emits monitoring.report.approved' })
  @Access({ roles: staff, partnership })
  approveReport(
    @Param('partnershipId', partnershipPipe()) partnershipId: string,
    @Param('reportId', idPipe('reportId')) reportId: string,
    @IdempotencyKey() idempotencyKey: string,
    @CurrentActor() actor: Actor,
  ): Promise<ProgressReport> {
    const command: ApproveReportCommand = { idempotencyKey, actor, partnershipId, reportId };
    return this.services.send(MonitoringContracts.ApproveReport, command);
  }

  @Post('reports/:reportId/return')
  @ApiOperation({ summary: 'Return a submitted report for revision with a reason the submitter sees' })
  @ApiBody({ schema: jsonSchemaOf(returnReportBodySchema) })
  @Access({ roles: staff, partnership })
  returnReport(
    @Param('partnershipId', partnershipPipe()) partnershipId: string,
    @Param('reportId', idPipe('reportId')) reportId: string,
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(returnReportBodySchema)) body: z.output<typeof returnReportBodySchema>,
    @CurrentActor() actor: Actor,
  ): Promise<ProgressReport> {
    const command: ReturnReportCommand = { idempotencyKey, actor, partnershipId, reportId, ...body };
    return this.services.send(MonitoringContracts.ReturnReport, command);
  }

  @Post('evaluations')
  @ApiOperation({
    summary:
      "Open an evaluation; each member's stakeholder group is its organisation's sector on the partnership's stakeholder map",
  })
  @ApiBody({ schema: jsonSchemaOf(openEvaluationBodySchema) })
  @Access({ roles: staff, partnership })
  openEvaluation(
    @Param('partnershipId', partnershipPipe()) partnershipId: string,
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(openEvaluationBodySchema, 'evaluation')) evaluation: z.output<typeof openEvaluationBodySchema>,
    @CurrentActor() actor: Actor,
  ): Promise<Evaluation> {
    const command: OpenEvaluationCommand = { idempotencyKey, actor, partnershipId, evaluation };
    return this.services.send(MonitoringContracts.OpenEvaluation, command);
  }

  @Post('evaluations/:evaluationId/assessments')
  @ApiOperation({ summary: "A panel member's assessment of the six principles and the results" })
  @ApiBody({ schema: jsonSchemaOf(assessmentBodySchema) })
  @Access({ roles: writers, partnership })
  submitAssessment(
    @Param('partnershipId', partnershipPipe()) partnershipId: string,
    @Param('evaluationId', idPipe('evaluationId')) evaluationId: string,
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(assessmentBodySchema, 'assessment')) assessment: z.output<typeof assessmentBodySchema>,
    @CurrentActor() actor: Actor,
  ): Promise<Evaluation> {
    const command: SubmitAssessmentCommand = { idempotencyKey, actor, partnershipId, evaluationId, assessment };
    return this.services.send(MonitoringContracts.SubmitAssessment, command);
  }

  @Post('evaluations/:evaluationId/complete')
  @ApiOperation({ summary: 'Complete an evaluation with findings, lessons and improvement actions; emits monitoring.evaluation.completed' })
  @ApiBody({ schema: jsonSchemaOf(completeEvaluationBodySchema) })
  @Access({ roles: staff, partnership })
  completeEvaluation(
    @Param('partnershipId', partnershipPipe()) partnershipId: string,
    @Param('evaluationId', idPipe('evaluationId')) evaluationId: string,
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(completeEvaluationBodySchema, 'completion')) completion: z.output<typeof completeEvaluationBodySchema>,
    @CurrentActor() actor: Actor,
  ): Promise<Evaluation> {
    const command: CompleteEvaluationCommand = { idempotencyKey, actor, partnershipId, evaluationId, completion };
    return this.services.send(MonitoringContracts.CompleteEvaluation, command);
  }
}
