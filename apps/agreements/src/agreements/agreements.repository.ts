import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { defaultEffectivenessRule, type AgreementSummary, type SigningRound } from '@mitra/contracts';
import { agreementStatus, latestVersion, nextDueTime, partyOrganisationIds, type AgreementState } from '@mitra/domain';
import { AgreementHeadRecord, AgreementRevisionRecord, type CommandEntry, type OutboxEvent } from './agreement.schema';

const duplicateKeyCode = 11000;

/** An agreement as loaded, with what is needed to write the next revision. */
export interface StoredAgreement {
  state: AgreementState;
  revision: number;
  commands: CommandEntry[];
  inputHash: string;
  eventsPublished: boolean;
}

// Stored values are plain JSON: no undefined (which the driver would write as null), no class instances.
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export const revisionId = (agreementId: string, revision: number) => `${agreementId}:${revision}`;

function toStored(record: AgreementRevisionRecord): StoredAgreement {
  return {
    state: {
      id: record.agreementId,
      kind: record.kind,
      partnershipId: record.partnershipId,
      versions: record.versions,
      // Rounds stored before effectiveness rules existed asked every party.
      rounds: record.rounds.map((round: SigningRound) => ({ ...round, rule: round.rule ?? defaultEffectivenessRule })),
      effectiveVersion: record.effectiveVersion ?? null,
      createdAt: record.createdAt,
      createdBy: record.createdBy,
    },
    revision: record.revision,
    commands: record.commands ?? [],
    inputHash: record.inputHash,
    eventsPublished: record.eventsPublished,
  };
}

function toSummary(head: AgreementHeadRecord): AgreementSummary {
  return {
    id: head._id,
    kind: head.kind,
    partnershipId: head.partnershipId,
    title: head.title,
    status: head.status,
    latestVersion: head.latestVersion,
    effectiveVersion: head.effectiveVersion ?? null,
    createdAt: head.createdAt,
    createdBy: head.createdBy,
  };
}

@Injectable()
export class AgreementsRepository {
  private readonly logger = new Logger(AgreementsRepository.name);

  constructor(
    @InjectModel(AgreementRevisionRecord.name) private readonly revisions: Model<AgreementRevisionRecord>,
    @InjectModel(AgreementHeadRecord.name) private readonly heads: Model<AgreementHeadRecord>,
  ) {}

  /** The id of the agreement a create command makes: derived from its key, so a repeat finds it. */
  idForCreateKey(idempotencyKey: string): string {
    return createHash('sha256').update(`agreement.create:${idempotencyKey}`).digest('hex').slice(0, 24);
  }

  async loadRevision(agreementId: string, revision: number): Promise<StoredAgreement | undefined> {
    const record = await this.revisions.findById(revisionId(agreementId, revision)).lean<AgreementRevisionRecord>().exec();
    return record ? toStored(record) : undefined;
  }

  async loadRevisionOutbox(agreementId: string, revision: number): Promise<{ outbox: OutboxEvent[]; eventsPublished: boolean } | undefined> {
    const record = await this.revisions
      .findById(revisionId(agreementId, revision), { outbox: 1, eventsPublished: 1 })
      .lean<Pick<AgreementRevisionRecord, 'outbox' | 'eventsPublished'>>()
      .exec();
    return record ?? undefined;
  }

  /** The latest revision: from the head's hint, then onwards while a later revision exists. */
  async load(agreementId: string): Promise<StoredAgreement | undefined> {
    const head = await this.heads.findById(agreementId, { revision: 1 }).lean<Pick<AgreementHeadRecord, 'revision'>>().exec();
    let latest = await this.loadRevision(agreementId, head?.revision ?? 1);
    if (!latest) return head ? this.loadRevision(agreementId, 1) : undefined;
    for (let next = await this.loadRevision(agreementId, latest.revision + 1); next; next = await this.loadRevision(agreementId, next.revision + 1)) {
      latest = next;
    }
    return latest;
  }

  /**
   * Writes `state` as the revision after `loaded` (or as revision 1), with the command and the
   * events it raised. False when another writer took that revision first: load again and retry.
   */
  async save(
    loaded: Pick<StoredAgreement, 'revision' | 'commands' | 'inputHash'>,
    state: AgreementState,
    events: OutboxEvent[],
    command: CommandEntry | undefined,
  ): Promise<boolean> {
    const revision = loaded.revision + 1;
    const writtenAt = new Date().toISOString();
    try {
      await this.revisions.create(
        plain({
          _id: revisionId(state.id, revision),
          agreementId: state.id,
          revision,
          kind: state.kind,
          partnershipId: state.partnershipId,
          versions: state.versions,
          rounds: state.rounds,
          effectiveVersion: state.effectiveVersion,
          commands: command ? [...loaded.commands, command] : loaded.commands,
          outbox: events,
          eventsPublished: events.length === 0,
          createdAt: state.createdAt,
          createdBy: state.createdBy,
          inputHash: loaded.inputHash,
          writtenAt,
        }),
      );
    } catch (error) {
      if ((error as { code?: number }).code === duplicateKeyCode) return false;
      throw error;
    }
    await this.writeHead(state, revision, events.length > 0, writtenAt).catch((error: unknown) =>
      this.logger.warn(`the head of ${state.id} lags behind revision ${revision}: ${String(error)}`),
    );
    return true;
  }

  private async writeHead(state: AgreementState, revision: number, eventsPending: boolean, writtenAt: string): Promise<void> {
    const head: AgreementHeadRecord = {
      _id: state.id,
      revision,
      kind: state.kind,
      partnershipId: state.partnershipId,
      organisationIds: partyOrganisationIds(state),
      title: latestVersion(state).content.fields.title,
      status: agreementStatus(state),
      latestVersion: latestVersion(state).number,
      effectiveVersion: state.effectiveVersion,
      nextDueAt: nextDueTime(state),
      eventsPending,
      createdAt: state.createdAt,
      createdBy: state.createdBy,
      writtenAt,
    };
    await this.heads.replaceOne({ _id: state.id }, plain(head), { upsert: true }).exec();
  }

  async markPublished(agreementId: string, revision: number): Promise<void> {
    await this.revisions.updateOne({ _id: revisionId(agreementId, revision) }, { $set: { eventsPublished: true } }).exec();
  }

  async headEventsPending(agreementId: string): Promise<boolean> {
    const head = await this.heads.findById(agreementId, { eventsPending: 1 }).lean<Pick<AgreementHeadRecord, 'eventsPending'>>().exec();
    return head?.eventsPending ?? false;
  }

  async markHeadPublished(agreementId: string): Promise<void> {
    await this.heads.updateOne({ _id: agreementId }, { $set: { eventsPending: false } }).exec();
  }

  /**
   * Agreements whose events may be unpublished: the head says so, or it was written lately (a
   * racing head write may have lost the flag). The caller checks the revisions themselves.
   */
  async headsToRepublish(writtenSince: string): Promise<Array<Pick<AgreementHeadRecord, '_id' | 'revision' | 'eventsPending'>>> {
    const heads = await this.heads
      .find({}, { revision: 1, eventsPending: 1, writtenAt: 1 })
      .lean<Pick<AgreementHeadRecord, '_id' | 'revision' | 'eventsPending' | 'writtenAt'>[]>()
      .exec();
    return heads.filter((head) => head.eventsPending || head.writtenAt >= writtenSince).map(({ _id, revision, eventsPending }) => ({ _id, revision, eventsPending }));
  }

  /** The revision the head names has its events published and no later revision exists: nothing to do (two `_id` reads). */
  async publishedUpTo(agreementId: string, revision: number): Promise<boolean> {
    const [named, next] = await Promise.all([this.loadRevisionOutbox(agreementId, revision), this.loadRevisionOutbox(agreementId, revision + 1)]);
    return named?.eventsPublished === true && next === undefined;
  }

  async idsDueBy(now: string): Promise<string[]> {
    const heads = await this.heads.find({}, { nextDueAt: 1 }).lean<Pick<AgreementHeadRecord, '_id' | 'nextDueAt'>[]>().exec();
    return heads.filter((head) => head.nextDueAt !== null && head.nextDueAt !== undefined && head.nextDueAt <= now).map((head) => head._id);
  }

  async list(filter: { partnershipId?: string; organisationId?: string }, limit: number): Promise<AgreementSummary[]> {
    const query: Record<string, string> = {};
    if (filter.partnershipId) query.partnershipId = filter.partnershipId;
    if (filter.organisationId) query.organisationIds = filter.organisationId;
    const heads = await this.heads.find(query).sort({ createdAt: -1, _id: -1 }).limit(limit).lean<AgreementHeadRecord[]>().exec();
    return heads.map(toSummary);
  }
}
