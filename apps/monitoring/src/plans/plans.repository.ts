import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { DomainEvent, MonitoringPlan } from '@mitra/contracts';
import { emptyPlan } from '@mitra/domain';
import { PlanHeadRecord, PlanRevisionRecord, type CommandEntry } from './plan.schema';
import { isDuplicateKeyError } from '@mitra/platform';

const revisionId = (partnershipId: string, revision: number) => `${partnershipId}:${revision}`;

export interface StoredPlan {
  partnershipId: string;
  revision: number;
  plan: MonitoringPlan;
  commands: CommandEntry[];
}

@Injectable()
export class PlansRepository {
  constructor(
    @InjectModel(PlanRevisionRecord.name) private readonly revisions: Model<PlanRevisionRecord>,
    @InjectModel(PlanHeadRecord.name) private readonly heads: Model<PlanHeadRecord>,
  ) {}

  /** The latest revision; revision 0 (nothing stored) is the empty plan. */
  async load(partnershipId: string): Promise<StoredPlan> {
    const head = await this.heads.findById(partnershipId).lean<PlanHeadRecord>().exec();
    let revision = head?.revision ?? 0;
    let latest = revision > 0 ? await this.revisions.findById(revisionId(partnershipId, revision)).lean<PlanRevisionRecord>().exec() : null;
    for (;;) {
      const next = await this.revisions.findById(revisionId(partnershipId, revision + 1)).lean<PlanRevisionRecord>().exec();
      if (!next) break;
      latest = next;
      revision += 1;
    }
    return latest
      ? { partnershipId, revision, plan: latest.plan, commands: latest.commands }
      : { partnershipId, revision: 0, plan: emptyPlan(partnershipId), commands: [] };
  }

  /** Inserts revision n+1; false when another command wrote it first. */
  async append(previous: StoredPlan, plan: MonitoringPlan, command: CommandEntry, outbox: DomainEvent[], now: string): Promise<boolean> {
    const revision = previous.revision + 1;
    try {
      await this.revisions.create({
        _id: revisionId(previous.partnershipId, revision),
        partnershipId: previous.partnershipId,
        revision,
        plan,
        commands: [...previous.commands, command],
        outbox,
        eventsPublished: outbox.length === 0,
        writtenAt: now,
      });
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
    await this.heads.updateOne({ _id: previous.partnershipId }, { $max: { revision } }, { upsert: true }).exec();
    return true;
  }

  async loadOutbox(partnershipId: string, revision: number): Promise<{ outbox: DomainEvent[]; eventsPublished: boolean } | undefined> {
    const record = await this.revisions.findById(revisionId(partnershipId, revision), { outbox: 1, eventsPublished: 1 }).lean<PlanRevisionRecord>().exec();
    return record ? { outbox: record.outbox, eventsPublished: record.eventsPublished } : undefined;
  }

  async markPublished(partnershipId: string, revision: number): Promise<void> {
    await this.revisions.updateOne({ _id: revisionId(partnershipId, revision) }, { $set: { eventsPublished: true } }).exec();
  }

  /** Partnerships with events still to publish. */
  async withPendingEvents(): Promise<string[]> {
    const records = await this.revisions.find({ eventsPublished: false }, { partnershipId: 1 }).lean<PlanRevisionRecord[]>().exec();
    return [...new Set(records.map((r) => r.partnershipId))];
  }
}
