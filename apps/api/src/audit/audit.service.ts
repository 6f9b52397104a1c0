import { Injectable } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { MitraError, MonitoringSubject, type Actor, type MonitoringPlan, type PartnershipSnapshot, type ReplayReport, type SnapshotComparison } from '@mitra/contracts';
import { compareSnapshots, endOfJakartaDay, snapshotAsOf } from '@mitra/domain';
import { ServiceClient } from '@mitra/platform';
import { fetchPartnershipHistory, partnershipSteps, replayPartnership, type PartnershipHistory } from '@mitra/platform/temporal';
import { TemporalClient } from '../temporal/temporal-client';

/** Replays and past states for auditors: the history comes from Temporal, the rules from the code in force. */
@Injectable()
export class AuditService {
  constructor(
    private readonly temporal: TemporalClient,
    private readonly services: ServiceClient,
  ) {}

  async replay(partnershipId: string): Promise<ReplayReport> {
    return replayPartnership(await this.history(partnershipId));
  }

  async asOf(actor: Actor, partnershipId: string, date: string): Promise<PartnershipSnapshot> {
    const [history, plan] = await Promise.all([this.history(partnershipId), this.plan(actor, partnershipId)]);
    return snapshotAsOf(partnershipId, partnershipSteps(history), endOfJakartaDay(date), { plan });
  }

  async compare(actor: Actor, partnershipId: string, from: string, to: string): Promise<SnapshotComparison> {
    const [history, plan] = await Promise.all([this.history(partnershipId), this.plan(actor, partnershipId)]);
    const steps = partnershipSteps(history);
    const before = snapshotAsOf(partnershipId, steps, endOfJakartaDay(from), { plan });
    const after = snapshotAsOf(partnershipId, steps, endOfJakartaDay(to), { plan });
    return { from: before, to: after, changes: compareSnapshots(before, after) };
  }

  private async history(partnershipId: string): Promise<PartnershipHistory> {
    try {
      const history = await fetchPartnershipHistory(this.temporal.client, partnershipId);
      if (history.runs.length === 0) throw MitraError.notFound('The partnership');
      return history;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw MitraError.notFound('The partnership');
      throw error;
    }
  }

  private plan(actor: Actor, partnershipId: string): Promise<MonitoringPlan> {
    return this.services.request<MonitoringPlan>(MonitoringSubject.GetPlan, { actor, partnershipId });
  }
}
