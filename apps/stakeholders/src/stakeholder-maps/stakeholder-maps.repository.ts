import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { DomainEvent, StakeholderEntryInput } from '@mitra/contracts';
import type { Revision } from '@mitra/platform';
import { createStakeholderMapStore, type StakeholderMapChange, type StakeholderMapStore } from './stakeholder-map-revisions';

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

function toEntry(entry: StakeholderEntryInput): StakeholderEntryInput {
  const { organisationId, interest, influence, role, note } = entry;
  return { organisationId, interest, influence, role, ...(note ? { note } : {}) };
}

function toVersion(revision: Revision<StakeholderMapChange>): StoredMapVersion {
  return {
    partnershipId: revision.aggregateId,
    version: revision.revision,
    entries: revision.change.entries.map(toEntry),
    at: revision.change.at.toISOString(),
    by: revision.change.by,
    inputHash: revision.inputHash,
  };
}

/** Each partnership's stakeholder map as its revisions in the service's revision store; the newest is the map. */
@Injectable()
export class StakeholderMapsRepository implements OnModuleInit {
  readonly store: StakeholderMapStore;

  constructor(@InjectConnection() connection: Connection) {
    this.store = createStakeholderMapStore(connection);
  }

  onModuleInit(): Promise<void> {
    return this.store.ready();
  }

  async latest(partnershipId: string): Promise<StoredMapVersion | undefined> {
    const revision = await this.store.latest(partnershipId);
    return revision ? toVersion(revision) : undefined;
  }

  async writtenBy(partnershipId: string, idempotencyKey: string): Promise<StoredMapVersion | undefined> {
    const revision = await this.store.byIdempotencyKey(partnershipId, idempotencyKey);
    return revision ? toVersion(revision) : undefined;
  }

  /** Appends the version with its events in one insert; undefined when the version or the key is taken. */
  async claim(partnershipId: string, version: number, write: MapWrite): Promise<StoredMapVersion | undefined> {
    const { entries, at, by, idempotencyKey, inputHash, events } = write;
    const appended = await this.store.append(partnershipId, version - 1, { entries: entries.map(toEntry), at, by }, events, { idempotencyKey, inputHash });
    return appended.status === 'appended' ? toVersion(appended.revision) : undefined;
  }
}
