import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { AgreementKind, AgreementStatus, AgreementVersion, DomainEvent, SigningRound } from '@mitra/contracts';

/** A command already applied to this agreement: a repeat with the same key gets the same reply. */
export interface CommandEntry {
  key: string;
  type: string;
  inputHash: string;
  /** Enough to rebuild the reply from the stored agreement (a version or round number, an organisation). */
  ref: Record<string, string | number>;
}

export type OutboxEvent = DomainEvent;

const mixed = { type: MongooseSchema.Types.Mixed, default: [] };

/*
 * Two facts about FerretDB v1 (SQLite) shape this storage:
 * - `updateOne` reads, changes and replaces the document by `_id`: a filter on a revision number
 *   does not guard it against a concurrent writer. An insert against the `_id` key does.
 * - only a filter on `_id` alone reaches SQLite; any other filter decodes every document.
 * So an agreement is a chain of immutable revisions with `_id` `<agreementId>:<n>`: each change
 * inserts the whole new state with the events it raised (the outbox in the document); of two
 * commands that read revision n, one inserts n+1 and the other retries. A small head document per
 * agreement (`_id` = agreementId) points at the latest revision and carries what lists need.
 */
@Schema({ collection: 'agreement_revisions', minimize: false, versionKey: false })
export class AgreementRevisionRecord {
  /** `<agreementId>:<revision>`. */
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) agreementId!: string;
  @Prop({ type: Number, required: true }) revision!: number;
  @Prop({ type: String, required: true }) kind!: AgreementKind;
  @Prop({ type: String, required: true }) partnershipId!: string;
  @Prop(mixed) versions!: AgreementVersion[];
  @Prop(mixed) rounds!: SigningRound[];
  @Prop({ type: Number, default: null }) effectiveVersion!: number | null;
  /** Every command applied so far, carried from revision to revision. */
  @Prop(mixed) commands!: CommandEntry[];
  /** The events this revision raised. */
  @Prop(mixed) outbox!: OutboxEvent[];
  /** Set once the outbox is in JetStream; revisions are published in order. */
  @Prop({ type: Boolean, required: true }) eventsPublished!: boolean;
  @Prop({ type: String, required: true }) createdAt!: string;
  @Prop({ type: String, required: true }) createdBy!: string;
  /** Hash of the create command's input, so a create key reused for different input is refused. */
  @Prop({ type: String, required: true }) inputHash!: string;
  @Prop({ type: String, required: true }) writtenAt!: string;
}

export const AgreementRevisionSchema = SchemaFactory.createForClass(AgreementRevisionRecord);

/**
 * The head of an agreement: its latest revision (a hint: a lost or late write is corrected by
 * probing the next revisions) and its summary for lists and sweeps.
 */
@Schema({ collection: 'agreements', versionKey: false })
export class AgreementHeadRecord {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: Number, required: true }) revision!: number;
  @Prop({ type: String, required: true }) kind!: AgreementKind;
  @Prop({ type: String, required: true }) partnershipId!: string;
  @Prop({ type: [String], required: true }) organisationIds!: string[];
  @Prop({ type: String, required: true }) title!: string;
  @Prop({ type: String, required: true }) status!: AgreementStatus;
  @Prop({ type: Number, required: true }) latestVersion!: number;
  @Prop({ type: Number, default: null }) effectiveVersion!: number | null;
  /** When time alone next changes the agreement (an expiry, a reminder), for the sweeper; null when never. */
  @Prop({ type: String, default: null }) nextDueAt!: string | null;
  @Prop({ type: Boolean, required: true }) eventsPending!: boolean;
  @Prop({ type: String, required: true }) createdAt!: string;
  @Prop({ type: String, required: true }) createdBy!: string;
  @Prop({ type: String, required: true }) writtenAt!: string;
}

export const AgreementHeadSchema = SchemaFactory.createForClass(AgreementHeadRecord);
