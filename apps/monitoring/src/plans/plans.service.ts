import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  MitraError,
  MonitoringSubject,
  type Actor,
  type AssessmentInput,
  type CompleteEvaluationInput,
  type Evaluation,
  type OpenEvaluationInput,
  type DomainEvent,
  type GetPlanQuery,
  type PlanProgress,
  type ReportingSchedule,
  type IndicatorDefinition,
  type PartnershipIndicator,
  type ProgressReport,
  type ReportSubmission,
  type MonitoringPlan,
} from '@mitra/contracts';
import { planProgress, setSchedule, approveReport, chooseTargets, completeEvaluation, defineIndicator, fixBaseline, openEvaluation, returnReport, submitAssessment, submitReport, type MonitoringContext, type MonitoringDecision } from '@mitra/domain';
import { SdgCatalogueService } from '../sdg/sdg-catalogue.service';
import { PlanEvents } from './plan-events';
import { PlansRepository } from './plans.repository';

const hashInput = (input: unknown) => createHash('sha256').update(JSON.stringify(input)).digest('hex');
const maxAttempts = 20;

interface Command {
  idempotencyKey: string;
  actor: Actor;
  partnershipId: string;
}

/**
 * Every command reads the plan's latest revision, applies a pure rule of `@mitra/domain` and
 * inserts the next revision with its events; a lost race retries on the newer state. A repeated
 * idempotency key gets the first reply; the same key with different input is a 409.
 */
@Injectable()
export class PlansService {
  constructor(
    private readonly plans: PlansRepository,
    private readonly events: PlanEvents,
    private readonly catalogue: SdgCatalogueService,
  ) {}

  async get(query: GetPlanQuery): Promise<MonitoringPlan> {
    return (await this.plans.load(query.partnershipId)).plan;
  }

  async progress(query: GetPlanQuery): Promise<PlanProgress> {
    const { plan } = await this.plans.load(query.partnershipId);
    return planProgress(plan, new Date().toISOString());
  }

  setSchedule(command: Command & { schedule: ReportingSchedule }): Promise<MonitoringPlan> {
    return this.execute(MonitoringSubject.SetSchedule, command, command.schedule, (plan, ctx) => setSchedule(plan, command.schedule, ctx));
  }

  private execute<R>(subject: MonitoringSubject, command: Command, input: unknown, decide: (plan: MonitoringPlan, ctx: MonitoringContext) => MonitoringDecision<R>): Promise<R> {
    return this.run(subject, command, input, decide);
  }

  chooseTargets(command: Command & { targets: string[] }): Promise<MonitoringPlan> {
    return this.execute(MonitoringSubject.ChooseTargets, command, command.targets, (plan, ctx) => chooseTargets(plan, command.targets, ctx));
  }

  defineIndicator(command: Command & { indicator: IndicatorDefinition }): Promise<PartnershipIndicator> {
    return this.execute(MonitoringSubject.DefineIndicator, command, command.indicator, (plan, ctx) => defineIndicator(plan, command.indicator, ctx));
  }

  fixBaseline(command: Command & { indicatorId: string; value: number; date: string }): Promise<PartnershipIndicator> {
    const input = { indicatorId: command.indicatorId, value: command.value, date: command.date };
    return this.execute(MonitoringSubject.FixBaseline, command, input, (plan, ctx) => fixBaseline(plan, command.indicatorId, { value: command.value, date: command.date }, ctx));
  }

  submitReport(command: Command & { report: ReportSubmission }): Promise<ProgressReport> {
    return this.execute(MonitoringSubject.SubmitReport, command, command.report, (plan, ctx) => submitReport(plan, command.report, ctx));
  }

  approveReport(command: Command & { reportId: string }): Promise<ProgressReport> {
    return this.execute(MonitoringSubject.ApproveReport, command, command.reportId, (plan, ctx) => approveReport(plan, command.reportId, ctx));
  }

  returnReport(command: Command & { reportId: string; reason: string }): Promise<ProgressReport> {
    const input = { reportId: command.reportId, reason: command.reason };
    return this.execute(MonitoringSubject.ReturnReport, command, input, (plan, ctx) => returnReport(plan, command.reportId, command.reason, ctx));
  }

  openEvaluation(command: Command & { evaluation: OpenEvaluationInput }): Promise<Evaluation> {
    return this.execute(MonitoringSubject.OpenEvaluation, command, command.evaluation, (plan, ctx) => openEvaluation(plan, command.evaluation, ctx));
  }

  submitAssessment(command: Command & { evaluationId: string; assessment: AssessmentInput }): Promise<Evaluation> {
    const input = { evaluationId: command.evaluationId, assessment: command.assessment };
    return this.execute(MonitoringSubject.SubmitAssessment, command, input, (plan, ctx) => submitAssessment(plan, command.evaluationId, command.assessment, ctx));
  }

  completeEvaluation(command: Command & { evaluationId: string; completion: CompleteEvaluationInput }): Promise<Evaluation> {
    const input = { evaluationId: command.evaluationId, completion: command.completion };
    return this.execute(MonitoringSubject.CompleteEvaluation, command, input, (plan, ctx) => completeEvaluation(plan, command.evaluationId, command.completion, ctx));
  }

  private async run<R>(subject: MonitoringSubject, command: Command, input: unknown, decide: (plan: MonitoringPlan, ctx: MonitoringContext) => MonitoringDecision<R>): Promise<R> {
    // The actor is part of the input: the same key sent by someone else is a different command.
    const inputHash = hashInput({ subject, actor: command.actor, input });
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const stored = await this.plans.load(command.partnershipId);
      const repeated = stored.commands.find((c) => c.key === command.idempotencyKey);
      if (repeated) {
        if (repeated.inputHash !== inputHash) throw new MitraError(ErrorCode.Conflict, 'This Idempotency-Key was already used for a different command.');
        return repeated.result as R;
      }
      const now = new Date().toISOString();
      const decision = decide(stored.plan, {
        actor: command.actor,
        now,
        newId: () => randomUUID().replace(/-/g, ''),
        sdgExists: (link) => this.catalogue.exists(link),
      });
      const revision = stored.revision + 1;
      const outbox = decision.events.map(
        (draft, i): DomainEvent => ({
          eventId: `monitoring:${command.partnershipId}:${revision}:${i}`,
          type: draft.type,
          occurredAt: now,
          actor: command.actor,
          partnershipId: command.partnershipId,
          organisationIds: [],
          data: draft.data,
        }),
      );
      const entry = { key: command.idempotencyKey, subject, inputHash, result: decision.result };
      if (await this.plans.append(stored, decision.plan, entry, outbox, now)) {
        if (outbox.length > 0) await this.events.flush(command.partnershipId).catch(() => undefined);
        return decision.result;
      }
    }
    throw MitraError.unavailable('The monitoring plan (too many concurrent changes)');
  }
}
