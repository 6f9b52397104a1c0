import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { DomainEvent, StakeholderEntryInput } from '@mitra/contracts';
import { isDuplicateKeyError, operator } from '../common/mongo';
import { StakeholderMapVersionRecord, type StakeholderEntryRecord } from './stakeholder-map.schema';

export interface StoredMapVersion {
  partnershipId: string;
  version: number;
  entries: StakeholderEntryInput[];
  at: string;
  by: string;
  inputHash: string;
}

export interface MapWrite {
  entries: StakeholderEntryInput[];
  at: Date;
  by: string;
  idempotencyKey: string;
  inputHash: string;
  events: DomainEvent[];
}

type Stored<T> = T & { _id: { toString(): string } };

function toEntry(record: StakeholderEntryRecord): StakeholderEntryInput {
  const { organisationId, interest, influence, role, note } = record;
  return { organisationId, interest, influence, role, ...(note ? { note } : {}) };
}

function toVersion(record: StakeholderMapVersionRecord): StoredMapVersion {
  return {
    partnershipId: record.partnershipId,
    version: record.version,
    entries: record.entries.map(toEntry),
    at: record.at.toISOString(),
    by: record.by,
    inputHash: record.inputHash,
  };
}

const withoutOutbox = '-events -pendingEventIds';

@Injectable()
export class StakeholderMapsRepository {
  constructor(@InjectModel(StakeholderMapVersionRecord.name) private readonly model: Model<StakeholderMapVersionRecord>) {}

  async latest(partnershipId: string): Promise<StoredMapVersion | undefined> {
    const record = await this.model.findOne({ partnershipId }).sort({ version: -1 }).select(withoutOutbox).lean<StakeholderMapVersionRecord>().exec();
    return record ? toVersion(record) : undefined;
  }

  async writtenBy(partnershipId: string, idempotencyKey: string): Promise<StoredMapVersion | undefined> {
    const record = await this.model.findOne({ partnershipId, idempotencyKey }).select(withoutOutbox).lean<StakeholderMapVersionRecord>().exec();
    return record ? toVersion(record) : undefined;
  }

  /** Claims the version with its events in one insert; undefined when the version or the key is taken. */
  async claim(partnershipId: string, version: number, write: MapWrite): Promise<StoredMapVersion | undefined> {
    try {
      const created = await this.model.create({ partnershipId, version, ...write, pendingEventIds: write.events.map((event) => event.eventId) });
      return toVersion(created.toObject());
    } catch (error) {
      if (isDuplicateKeyError(error)) return undefined;
      throw error;
    }
  }

  /** Events written but not yet known to be published, per version document, oldest first. */
  async pendingEvents(partnershipId?: string): Promise<Array<{ id: string; events: DomainEvent[] }>> {
    const pending = { 'pendingEventIds.0': operator({ $exists: true }) };
    const records = await this.model
      .find(partnershipId ? { partnershipId, ...pending } : pending)
      .select('events pendingEventIds')
      .sort({ at: 1 })
      .limit(100)
      .lean<Stored<StakeholderMapVersionRecord>[]>()
      .exec();
    return records.map((record) => ({
      id: record._id.toString(),
      events: record.events.filter((event) => record.pendingEventIds.includes(event.eventId)),
    }));
  }

  async markPublished(id: string, eventIds: string[]): Promise<void> {
    if (eventIds.length === 0) return;
    await this.model.updateOne({ _id: id }, { $pullAll: { pendingEventIds: eventIds } }).exec();
  }
}
