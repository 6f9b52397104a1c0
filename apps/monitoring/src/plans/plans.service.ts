import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  MitraError,
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
  MonitoringContracts,
} from '@mitra/contracts';
import {
  planProgress,
  setSchedule,
  approveReport,
  chooseTargets,
  completeEvaluation,
  defineIndicator,
  fixBaseline,
  openEvaluation,
  returnReport,
  submitAssessment,
  submitReport,
  type MonitoringContext,
  type MonitoringDecision,
} from '@mitra/domain';
import type { Revision } from '@mitra/platform';
import type { DocumentChange } from '../persistence/document-log';
import { StakeholderMapClient } from '../registry/stakeholder-map.client';
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
 * A command reads the current plan (its snapshot and any newer revisions), applies a pure rule of
 * `@mitra/domain` and appends the next revision: what the rule changed, where its reply is, and the
 * events it raised. Of two commands deciding on the same revision one gets in; the other decides again
 * on the newer plan (where its report may now wait for review, a 409), up to `maxAttempts` times. A
 * repeated idempotency key gets the first reply; the same key with different input is a 409.
 */
@Injectable()
export class PlansService {
  constructor(
    private readonly plans: PlansRepository,
    private readonly events: PlanEvents,
    private readonly catalogue: SdgCatalogueService,
    private readonly stakeholderMap: StakeholderMapClient,
  ) {}

  async get(query: GetPlanQuery): Promise<MonitoringPlan> {
    return (await this.plans.current(query.partnershipId)).document;
  }

  async progress(query: GetPlanQuery): Promise<PlanProgress> {
    const { document } = await this.plans.current(query.partnershipId);
    return planProgress(document, new Date().toISOString());
  }

  setSchedule(command: Command & { schedule: ReportingSchedule }): Promise<MonitoringPlan> {
    return this.execute(MonitoringContracts.SetSchedule.subject, command, command.schedule, (plan, ctx) =>
      setSchedule(plan, command.schedule, ctx),
    );
  }

  private execute<R>(
    subject: string,
    command: Command,
    input: unknown,
    decide: (plan: MonitoringPlan, ctx: MonitoringContext) => MonitoringDecision<R>,
  ): Promise<R> {
    return this.run(subject, command, input, decide);
  }

  chooseTargets(command: Command & { targets: string[] }): Promise<MonitoringPlan> {
    return this.execute(MonitoringContracts.ChooseTargets.subject, command, command.targets, (plan, ctx) =>
      chooseTargets(plan, command.targets, ctx),
    );
  }

  defineIndicator(command: Command & { indicator: IndicatorDefinition }): Promise<PartnershipIndicator> {
    return this.execute(
      MonitoringContracts.DefineIndicator.subject,
      command,
      command.indicator,
      (plan, ctx) => defineIndicator(plan, command.indicator, ctx),
    );
  }

  fixBaseline(
    command: Command & { indicatorId: string; value: number; date: string },
  ): Promise<PartnershipIndicator> {
    const input = { indicatorId: command.indicatorId, value: command.value, date: command.date };
    return this.execute(MonitoringContracts.FixBaseline.subject, command, input, (plan, ctx) =>
      fixBaseline(plan, command.indicatorId, { value: command.value, date: command.date }, ctx),
    );
  }

  submitReport(command: Command & { report: ReportSubmission }): Promise<ProgressReport> {
    return this.execute(MonitoringContracts.SubmitReport.subject, command, command.report, (plan, ctx) =>
      submitReport(plan, command.report, ctx),
    );
  }

  approveReport(command: Command & { reportId: string }): Promise<ProgressReport> {
    return this.execute(MonitoringContracts.ApproveReport.subject, command, command.reportId, (plan, ctx) =>
      approveReport(plan, command.reportId, ctx),
    );
  }

  returnReport(command: Command & { reportId: string; reason: string }): Promise<ProgressReport> {
    const input = { reportId: command.reportId, reason: command.reason };
    return this.execute(MonitoringContracts.ReturnReport.subject, command, input, (plan, ctx) =>
      returnReport(plan, command.reportId, command.reason, ctx),
    );
  }

  /** The panel's groups are read from the partnership's stakeholder map as it is when the evaluation opens. */
  async openEvaluation(command: Command & { evaluation: OpenEvaluationInput }): Promise<Evaluation> {
    const map = await this.stakeholderMap.sectorsOf(command.actor, command.partnershipId);
    return this.execute(
      MonitoringContracts.OpenEvaluation.subject,
      command,
      command.evaluation,
      (plan, ctx) => openEvaluation(plan, command.evaluation, map, ctx),
    );
  }

  submitAssessment(
    command: Command & { evaluationId: string; assessment: AssessmentInput },
  ): Promise<Evaluation> {
    const input = { evaluationId: command.evaluationId, assessment: command.assessment };
    return this.execute(MonitoringContracts.SubmitAssessment.subject, command, input, (plan, ctx) =>
      submitAssessment(plan, command.evaluationId, command.assessment, ctx),
    );
  }

  completeEvaluation(
    command: Command & { evaluationId: string; completion: CompleteEvaluationInput },
  ): Promise<Evaluation> {
    const input = { evaluationId: command.evaluationId, completion: command.completion };
    return this.execute(MonitoringContracts.CompleteEvaluation.subject, command, input, (plan, ctx) =>
      completeEvaluation(plan, command.evaluationId, command.completion, ctx),
    );
  }

  private async run<R>(
    subject: string,
    command: Command,
    input: unknown,
    decide: (plan: MonitoringPlan, ctx: MonitoringContext) => MonitoringDecision<R>,
  ): Promise<R> {
    const { partnershipId, idempotencyKey } = command;
    // The actor is part of the input: the same key sent by someone else is a different command.
    const inputHash = hashInput({ subject, actor: command.actor, input });
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const repeated = await this.plans.byIdempotencyKey(partnershipId, idempotencyKey);
      if (repeated) return this.replay<R>(repeated, inputHash);
      const current = await this.plans.current(partnershipId);
      const now = new Date().toISOString();
      const decision = decide(current.document, {
        actor: command.actor,
        now,
        newId: () => randomUUID().replace(/-/g, ''),
        sdgExists: (link) => this.catalogue.exists(link),
      });
      const revision = current.revision + 1;
      const outbox = decision.events.map((draft, i): DomainEvent => ({
        eventId: `monitoring:${partnershipId}:${revision}:${i}`,
        type: draft.type,
        occurredAt: now,
        actor: command.actor,
        partnershipId,
        organisationIds: [],
        data: draft.data,
      }));
      const appended = await this.plans.append(
        partnershipId,
        current,
        decision.plan,
        { subject, result: decision.result, idempotencyKey, inputHash },
        outbox,
      );
      switch (appended.status) {
        case 'appended':
          if (outbox.length > 0) await this.events.flush(partnershipId);
          return decision.result;
        case 'replayed':
        case 'keyReused':
          return this.replay<R>(appended.revision, inputHash);
        case 'conflict':
          continue;
      }
    }
    throw MitraError.unavailable('The monitoring plan (too many concurrent changes)');
  }

  private async replay<R>(revision: Revision<DocumentChange>, inputHash: string): Promise<R> {
    if (revision.inputHash !== inputHash)
      throw MitraError.refused(
        ErrorCode.Conflict,
        'monitoring.idempotency_key_reused',
        undefined,
        'This Idempotency-Key was already used for a different command.',
      );
    return (await this.plans.resultOf(revision)) as R;
  }
}
