import { Injectable } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import {
  MitraError,
  type Actor,
  type LifecycleState,
  type PartnershipSnapshot,
  type ReplayReport,
  type SnapshotComparison,
  MonitoringContracts,
} from '@mitra/contracts';
import { auditHistory, compareSnapshots, endOfJakartaDay, snapshotAsOf } from '@mitra/domain';
import { ServiceClient } from '@mitra/platform';
import {
  fetchPartnershipHistory,
  historySteps,
  partnershipSteps,
  type PartnershipHistory,
} from '@mitra/platform/temporal';
import { TemporalClient } from '../temporal/temporal-client';
import { AuditReplayer } from './audit-replayer';
import { readLedger } from './ledger-reader';

/** Replays and past states for auditors: the history comes from Temporal, the rules from the code in force. */
@Injectable()
export class AuditService {
  constructor(
    private readonly temporal: TemporalClient,
    private readonly services: ServiceClient,
    private readonly replayer: AuditReplayer,
  ) {}

  async replay(partnershipId: string): Promise<ReplayReport> {
    return this.replayer.replay(await this.history(partnershipId));
  }

  /**
   * Each cycle as it ended (the current one as it stands), oldest first: a renewal continues the
   * workflow as a new run, whose state starts without the decisions of the cycles before. Folded from
   * each run's history with the rules in force, so no worker has to answer for a closed run.
   */
  async cycles(partnershipId: string): Promise<LifecycleState[]> {
    const history = await this.history(partnershipId);
    return history.runs.flatMap(
      ({ runId, history: run }) => auditHistory(historySteps(runId, run)).state ?? [],
    );
  }

  async asOf(actor: Actor, partnershipId: string, date: string): Promise<PartnershipSnapshot> {
    const [history, records] = await Promise.all([
      this.history(partnershipId),
      this.records(actor, partnershipId),
    ]);
    return snapshotAsOf(partnershipId, partnershipSteps(history), endOfJakartaDay(date), records);
  }

  async compare(actor: Actor, partnershipId: string, from: string, to: string): Promise<SnapshotComparison> {
    const [history, records] = await Promise.all([
      this.history(partnershipId),
      this.records(actor, partnershipId),
    ]);
    const steps = partnershipSteps(history);
    const before = snapshotAsOf(partnershipId, steps, endOfJakartaDay(from), records);
    const after = snapshotAsOf(partnershipId, steps, endOfJakartaDay(to), records);
    return { from: before, to: after, changes: compareSnapshots(before, after) };
  }

  async history(partnershipId: string): Promise<PartnershipHistory> {
    try {
      const history = await fetchPartnershipHistory(this.temporal.client, partnershipId);
      if (history.runs.length === 0) throw MitraError.notFound('The partnership');
      return history;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw MitraError.notFound('The partnership');
      throw error;
    }
  }

  private async records(actor: Actor, partnershipId: string) {
    const [plan, ledger] = await Promise.all([
      this.services.send(MonitoringContracts.GetPlan, { actor, partnershipId }),
      readLedger(this.services, actor, partnershipId),
    ]);
    return { plan, ledger };
  }
}
