import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { DomainEvent, MonitoringPlan } from '@mitra/contracts';

/** A command already applied to this plan: a repeat with the same key gets the same reply. */
export interface CommandEntry {
  key: string;
  subject: string;
  inputHash: string;
  result: unknown;
}

/*
 * FerretDB v1 guards concurrent writers only through the `_id` key (an update filtered on a version
 * number is not atomic against another writer). So a partnership's monitoring plan is a chain of
 * immutable revisions, `_id` `<partnershipId>:<n>`: each command inserts the whole next state with
 * the events it raised (the outbox in the document); of two commands that read revision n, one
 * inserts n+1 and the other retries on the new state.
 */
@Schema({ collection: 'plan_revisions', minimize: false, versionKey: false })
export class PlanRevisionRecord {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) partnershipId!: string;
  @Prop({ type: Number, required: true }) revision!: number;
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) plan!: MonitoringPlan;
  /** Every command applied so far, carried from revision to revision. */
  @Prop({ type: MongooseSchema.Types.Mixed, default: [] }) commands!: CommandEntry[];
  /** The events this revision raised. */
  @Prop({ type: MongooseSchema.Types.Mixed, default: [] }) outbox!: DomainEvent[];
  /** Set once the outbox is in JetStream; revisions are published in order. */
  @Prop({ type: Boolean, required: true }) eventsPublished!: boolean;
  @Prop({ type: String, required: true }) writtenAt!: string;
}
export const PlanRevisionSchema = SchemaFactory.createForClass(PlanRevisionRecord);
PlanRevisionSchema.index({ eventsPublished: 1 });

/** Points at a plan's latest revision: a hint, corrected by probing the next revisions. */
@Schema({ collection: 'plans', versionKey: false })
export class PlanHeadRecord {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: Number, required: true }) revision!: number;
}
export const PlanHeadSchema = SchemaFactory.createForClass(PlanHeadRecord);
