import { Controller } from '@nestjs/common';
import {
  type Evaluation,
  type PlanProgress,
  type MonitoringPlan,
  type PartnershipIndicator,
  type ProgressReport,
  MonitoringContracts,
  type ContractPayload,
} from '@mitra/contracts';
import { Handles } from '@mitra/platform';
import { PlansService } from './plans.service';

@Controller()
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Handles(MonitoringContracts.GetPlan)
  get(query: ContractPayload<typeof MonitoringContracts.GetPlan>): Promise<MonitoringPlan> {
    return this.plans.get(query);
  }

  @Handles(MonitoringContracts.GetProgress)
  progress(query: ContractPayload<typeof MonitoringContracts.GetProgress>): Promise<PlanProgress> {
    return this.plans.progress(query);
  }

  @Handles(MonitoringContracts.SetSchedule)
  setSchedule(command: ContractPayload<typeof MonitoringContracts.SetSchedule>): Promise<MonitoringPlan> {
    return this.plans.setSchedule(command);
  }

  @Handles(MonitoringContracts.ChooseTargets)
  chooseTargets(command: ContractPayload<typeof MonitoringContracts.ChooseTargets>): Promise<MonitoringPlan> {
    return this.plans.chooseTargets(command);
  }

  @Handles(MonitoringContracts.DefineIndicator)
  defineIndicator(command: ContractPayload<typeof MonitoringContracts.DefineIndicator>): Promise<PartnershipIndicator> {
    return this.plans.defineIndicator(command);
  }

  @Handles(MonitoringContracts.FixBaseline)
  fixBaseline(command: ContractPayload<typeof MonitoringContracts.FixBaseline>): Promise<PartnershipIndicator> {
    return this.plans.fixBaseline(command);
  }

  @Handles(MonitoringContracts.SubmitReport)
  submitReport(command: ContractPayload<typeof MonitoringContracts.SubmitReport>): Promise<ProgressReport> {
    return this.plans.submitReport(command);
  }

  @Handles(MonitoringContracts.ApproveReport)
  approveReport(command: ContractPayload<typeof MonitoringContracts.ApproveReport>): Promise<ProgressReport> {
    return this.plans.approveReport(command);
  }

  @Handles(MonitoringContracts.ReturnReport)
  returnReport(command: ContractPayload<typeof MonitoringContracts.ReturnReport>): Promise<ProgressReport> {
    return this.plans.returnReport(command);
  }

  @Handles(MonitoringContracts.OpenEvaluation)
  openEvaluation(command: ContractPayload<typeof MonitoringContracts.OpenEvaluation>): Promise<Evaluation> {
    return this.plans.openEvaluation(command);
  }

  @Handles(MonitoringContracts.SubmitAssessment)
  submitAssessment(command: ContractPayload<typeof MonitoringContracts.SubmitAssessment>): Promise<Evaluation> {
    return this.plans.submitAssessment(command);
  }

  @Handles(MonitoringContracts.CompleteEvaluation)
  completeEvaluation(command: ContractPayload<typeof MonitoringContracts.CompleteEvaluation>): Promise<Evaluation> {
    return this.plans.completeEvaluation(command);
  }
}
