import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { PublicationRecord } from '@mitra/contracts';
import { emptyPublications } from '@mitra/domain';
import { isDuplicateKeyError } from '@mitra/platform';
import { PublicationHeadRecord, PublicationRevisionRecord, type PublicationCommandEntry } from './publication.schema';

const revisionId = (partnershipId: string, revision: number) => `${partnershipId}:${revision}`;

export interface StoredPublications {
  partnershipId: string;
  revision: number;
  record: PublicationRecord;
  commands: PublicationCommandEntry[];
}

@Injectable()
export class PublicationsRepository {
  constructor(
    @InjectModel(PublicationRevisionRecord.name) private readonly revisions: Model<PublicationRevisionRecord>,
    @InjectModel(PublicationHeadRecord.name) private readonly heads: Model<PublicationHeadRecord>,
  ) {}

  /** The latest revision; revision 0 (nothing stored) is an empty record. */
  async load(partnershipId: string): Promise<StoredPublications> {
    const head = await this.heads.findById(partnershipId).lean<PublicationHeadRecord>().exec();
    let revision = head?.revision ?? 0;
    let latest = revision > 0 ? await this.revisions.findById(revisionId(partnershipId, revision)).lean<PublicationRevisionRecord>().exec() : null;
    for (;;) {
      const next = await this.revisions.findById(revisionId(partnershipId, revision + 1)).lean<PublicationRevisionRecord>().exec();
      if (!next) break;
      latest = next;
      revision += 1;
    }
    return latest
      ? { partnershipId, revision, record: latest.record, commands: latest.commands }
      : { partnershipId, revision: 0, record: emptyPublications(partnershipId), commands: [] };
  }

  /** Inserts revision n+1; false when another decision wrote it first. */
  async append(previous: StoredPublications, record: PublicationRecord, command: PublicationCommandEntry, now: string): Promise<boolean> {
    const revision = previous.revision + 1;
    try {
      await this.revisions.create({
        _id: revisionId(previous.partnershipId, revision),
        partnershipId: previous.partnershipId,
        revision,
        record,
        commands: [...previous.commands, command],
        writtenAt: now,
      });
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
    await this.heads.updateOne({ _id: previous.partnershipId }, { $max: { revision } }, { upsert: true }).exec();
    return true;
  }
}
