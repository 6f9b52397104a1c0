import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { PublicationRecord } from '@mitra/contracts';

/** A publish or withdraw command already applied: a repeat with the same key gets the same reply. */
export interface PublicationCommandEntry {
  key: string;
  inputHash: string;
  result: unknown;
}

/*
 * As with plans (see plan.schema.ts): FerretDB v1 guards concurrent writers only through `_id`, so a
 * partnership's publications are a chain of immutable revisions, `_id` `<partnershipId>:<n>`, each
 * holding the whole record. Of two decisions that read revision n, one inserts n+1 and the other
 * retries on it. Nothing is ever edited, so a published snapshot stays as it was published.
 */
@Schema({ collection: 'publication_revisions', minimize: false, versionKey: false })
export class PublicationRevisionRecord {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) partnershipId!: string;
  @Prop({ type: Number, required: true }) revision!: number;
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) record!: PublicationRecord;
  @Prop({ type: MongooseSchema.Types.Mixed, default: [] }) commands!: PublicationCommandEntry[];
  @Prop({ type: String, required: true }) writtenAt!: string;
}
export const PublicationRevisionSchema = SchemaFactory.createForClass(PublicationRevisionRecord);

/** Points at a partnership's latest revision: a hint, corrected by probing the next revisions. */
@Schema({ collection: 'publications', versionKey: false })
export class PublicationHeadRecord {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: Number, required: true }) revision!: number;
}
export const PublicationHeadSchema = SchemaFactory.createForClass(PublicationHeadRecord);
